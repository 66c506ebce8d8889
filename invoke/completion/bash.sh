# Tab completion for @BINARIES@ in Bash.
# Load it with:  source <(@BINARY@ --print-completion-script bash)

__invoke_complete_@FUNC@() {
    local candidates
    # Ask the program itself what can follow the words typed so far (the
    # word under the cursor included: it tells a flag from a task name).
    candidates=$("${COMP_WORDS[0]}" --complete -- "${COMP_WORDS[@]:0:COMP_CWORD+1}" 2>/dev/null)
    # No candidates (a flag wants a value, say) leaves COMPREPLY empty, and
    # "complete -o default" then offers file names.
    COMPREPLY=( $(compgen -W "$candidates" -- "${COMP_WORDS[COMP_CWORD]}") )
}

complete -F __invoke_complete_@FUNC@ -o default @BINARIES@
