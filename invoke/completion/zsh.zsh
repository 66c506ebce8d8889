# Tab completion for @BINARIES@ in Zsh.
# Load it with:  source <(@BINARY@ --print-completion-script zsh)

__invoke_complete_@FUNC@() {
    local -a candidates
    # The words up to the cursor go to --complete (the current one tells a
    # flag from a task name).
    candidates=( ${(f)"$(${words[1]} --complete -- ${words[1,CURRENT]} 2>/dev/null)"} )
    if (( ${#candidates} == 0 )); then
        # Nothing to suggest (a flag wants a value, say): offer file names.
        _files
    else
        compadd -- $candidates
    fi
}

compdef __invoke_complete_@FUNC@ @BINARIES@
