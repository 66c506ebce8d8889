# Tab completion for @BINARIES@ in Fish.
# Load it with:  @BINARY@ --print-completion-script fish | source

function __complete_@FUNC@
    # The tokens up to the cursor go to --complete, the current one even
    # when empty: it says whether a new word is starting.
    set -l current (commandline -ct)
    set -l typed (commandline -opc) "$current"
    # Only those that fit what is typed: task names offered while a value
    # is typed must not hide the file names.
    set -l candidates (string match -r -- '^'(string escape --style=regex -- "$current")'.*' \
        ($typed[1] --complete -- $typed 2>/dev/null))
    if set -q candidates[1]
        printf '%s\n' $candidates
    else
        # Nothing to suggest (a flag wants a value, say): file names,
        # after any "--flag=".
        set -l prefix (string match -r -- '^-[^=]*=' "$current")
        __fish_complete_path (string sub -s (math (string length -- "$prefix") + 1) -- "$current") | string replace -r '^' -- "$prefix"
    end
end

for name in @BINARIES@
    complete --command $name --no-files --arguments '(__complete_@FUNC@)'
end
