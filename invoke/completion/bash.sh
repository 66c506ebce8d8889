# Tab completion for @BINARIES@ in Bash.
# Load it with:  source <(@BINARY@ --print-completion-script bash)

_complete_@FUNC@() {
    local program="${COMP_WORDS[0]}" candidates
    # The program as typed (a path works too); "~/" is not expanded there.
    [[ $program == "~/"* ]] && program="$HOME/${program:2}"
    # Ask the program itself what can follow the line up to the cursor. It
    # goes as typed, in one piece: COMP_WORDS splits "--flag=value" apart,
    # and a trailing space says a new word is starting.
    candidates=$("$program" --complete -- "${COMP_LINE:0:COMP_POINT}" 2>/dev/null)
    # No candidates (a flag wants a value, say) leaves COMPREPLY empty, and
    # "complete -o default" then offers file names.
    COMPREPLY=( $(compgen -W "$candidates" -- "${COMP_WORDS[COMP_CWORD]}") )
}

complete -F _complete_@FUNC@ -o default @BINARIES@
