# Tab completion for @BINARIES@ in Fish.
# Load it with:  @BINARY@ --print-completion-script fish | source

function __invoke_complete_@FUNC@
    # The tokens up to the cursor go to --complete (the current one tells a
    # flag from a task name).
    set -l typed (commandline -opc) (commandline -ct)
    $typed[1] --complete -- $typed 2>/dev/null
end

for name in @BINARIES@
    complete --command $name --no-files --arguments '(__invoke_complete_@FUNC@)'
end
