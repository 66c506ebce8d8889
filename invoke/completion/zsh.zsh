# Tab completion for @BINARIES@ in Zsh.
# Load it with:  source <(@BINARY@ --print-completion-script zsh)

_complete_@FUNC@() {
    local -a candidates
    # The words up to the cursor go to --complete, the current one even when
    # empty: it says whether a new word is starting.
    candidates=( ${(f)"$(${~words[1]} --complete -- "${(@)words[1,CURRENT]}" 2>/dev/null)"} )
    # compadd fails when nothing matches what is typed; then (or when a flag
    # wants a value) offer file names, after any "--flag=".
    if ! compadd -- $candidates; then
        [[ $PREFIX == -*=* ]] && compset -P '*='
        _files
    fi
}

# compdef comes with zsh's completion system; start it if nobody has.
if ! (( $+functions[compdef] )); then
    autoload -Uz compinit && compinit -i
fi
compdef _complete_@FUNC@ @BINARIES@
