"""``inv --complete``: the words that may follow a partly typed command line.

The shell scripts next to this module call ``inv --complete -- <line up to
the cursor>`` and offer whatever it prints, one candidate a line; an empty
answer tells them to fall back to file names (a flag is waiting for its
value). The scripts upstream Invoke prints (the typed words, without an
empty word under the cursor) are understood too.
"""

from __future__ import annotations

import os
import shlex
import sys
from typing import TYPE_CHECKING, List, Optional, Tuple

from ..exceptions import Exit, ParseError
from ..util import debug, task_name_sort_key

if TYPE_CHECKING:
    from ..collection import Collection
    from .._data.lexicon import Lexicon
    from ..parser import Argument, Parser, ParseResult, ParserContext

__all__ = ["complete", "print_completion_script"]

# Shell name -> script file shipped next to this module.
_SCRIPTS = {"bash": "bash.sh", "fish": "fish.fish", "zsh": "zsh.zsh"}


def complete(
    names: List[str],
    core: "ParseResult",
    initial_context: "ParserContext",
    collection: "Collection",
    parser: "Parser",
) -> Exit:
    """Print the completion candidates for ``core.remainder`` and stop the program.

    Always raises `Exit` (code 0): completion is the whole job of the run.
    """
    line = core.remainder or ""
    tokens = _split(line)
    # The first word is the program's own name as the shell saw it.
    if tokens and os.path.basename(tokens[0]) in names:
        tokens = tokens[1:]
    # Our scripts pass the word under the cursor even when it is empty; an
    # empty last word survives the remainder's joining only as a trailing
    # space. Without it (upstream's scripts) the last word may be finished.
    new_word = line[-1:].isspace()
    words = _candidates(tokens, new_word, initial_context, parser.contexts, collection)
    if words:
        sys.stdout.write("\n".join(words) + "\n")
    raise Exit


def _split(line: str) -> List[str]:
    """Split the typed line like a shell would, tolerating an open quote."""
    try:
        return shlex.split(line)
    except ValueError:
        return line.split()


def _candidates(
    tokens: List[str],
    new_word: bool,
    initial: "ParserContext",
    contexts: "Lexicon",
    collection: "Collection",
) -> List[str]:
    """Decide what may follow ``tokens``: task names, flags, or nothing (files).

    ``new_word`` says the cursor starts a fresh word after ``tokens``;
    otherwise the last token is the word being completed.
    """
    typed = "" if new_word or not tokens else tokens[-1]
    before = tokens if new_word or not tokens else tokens[:-1]
    current, pending, in_remainder = _walk(before, initial, contexts)
    if in_remainder:
        return []  # words after "--" belong to the task: files
    if typed.startswith("-"):
        return _flag_candidates(typed, current, initial, collection)
    if pending is not None and new_word:
        if pending is initial.flags.get("--help"):
            return task_name_words(collection)  # "inv -h <Tab>": which task?
        return []  # a flag waits for its value: let the shell offer files
    # A word being typed (maybe a value: the shells fall back to files when
    # no name matches it), or the next word: task names, as upstream.
    return task_name_words(collection)


def _walk(
    tokens: List[str], initial: "ParserContext", contexts: "Lexicon"
) -> Tuple["ParserContext", Optional["Argument"], bool]:
    """Read finished words: (current context, flag still waiting for a value, after ``--``)."""
    current = initial
    pending: Optional["Argument"] = None
    for token in tokens:
        if pending is not None:
            # As the parser does: a required value is anything but exactly
            # a flag; an optional one gives way to anything flag-like.
            exactly = not pending.optional
            pending = None
            if token != "--" and not _is_known_flag(token, current, initial, exactly):
                continue
        if token == "--":
            return current, None, True
        if token.startswith("-") and token != "-":
            pending = _waiting_flag(token, current, initial)
        elif token in contexts:
            current = contexts[token]
    return current, pending, False


def _flag_candidates(
    typed: str, current: "ParserContext", initial: "ParserContext", collection: "Collection"
) -> List[str]:
    """Candidates while the word being completed starts with a dash."""
    if typed == "-":
        return flag_words(current)
    if "=" in typed:
        return []  # "--flag=val": the value is being typed
    known = _flag(typed, current, initial, inverse=False)
    if known is not None:
        # A finished flag (or, from a script that drops the empty word
        # under the cursor, the word before it): as upstream, what may
        # follow it.
        return [] if _waiting_flag(typed, current, initial) is not None else task_name_words(collection)
    if typed.startswith("--"):
        # A long flag being typed (an inverse one included).
        return [word for word in flag_words(current) if word.startswith("--")]
    return []  # an unknown short flag or a cluster: nothing to add


def _is_known_flag(
    token: str, current: "ParserContext", initial: "ParserContext", exactly: bool
) -> bool:
    """Whether ``token`` is a flag: exactly one, or (not ``exactly``) starting with one."""
    if not token.startswith("-") or token == "-":
        return False
    if exactly:
        name = token
    else:
        name = token.split("=", 1)[0] if token.startswith("--") else token[:2]
    return _flag(name, current, initial, inverse=True) is not None


def _flag(
    token: str, current: "ParserContext", initial: "ParserContext", inverse: bool
) -> Optional["Argument"]:
    """The `Argument` ``token`` names in the current context, else among core flags.

    ``inverse`` also accepts ``--no-x`` spellings.
    """
    for context in (current, initial):
        if token in context.flags:
            return context.flags[token]
        target = context.inverse_flags.get(token)
        if inverse and target is not None:
            return context.flags[target]
    return None


def _waiting_flag(
    token: str, current: "ParserContext", initial: "ParserContext"
) -> Optional["Argument"]:
    """The flag in ``token`` (a finished word) that takes the next word as its value, if any.

    ``--flag=value`` and ``-fvalue`` carry their value; in a cluster of
    short flags (``-cm``) the first value-taking flag takes the rest.
    """
    if token.startswith("--"):
        if "=" in token:
            return None
        argument = _flag(token, current, initial, inverse=False)
        return argument if argument is not None and _takes_value(argument) else None
    for position in range(1, len(token)):
        argument = _flag("-" + token[position], current, initial, inverse=False)
        if argument is None:
            return None
        if _takes_value(argument):
            return argument if position == len(token) - 1 else None
    return None


def _takes_value(argument: "Argument") -> bool:
    return bool(argument.takes_value or argument.optional)


def flag_words(context: "ParserContext") -> List[str]:
    """Every flag of ``context`` in a fixed order: ``--help``'s order, short before long."""
    return list(context.flag_names())


def print_task_names(collection: "Collection") -> None:
    """Print every task name of ``collection``, one per line, each followed by its aliases."""
    for word in task_name_words(collection):
        print(word)


def task_name_words(collection: "Collection") -> List[str]:
    """Every task name and alias in ``collection``, in listing order."""
    names = collection.task_names
    words: List[str] = []
    for name in sorted(names, key=task_name_sort_key):
        words.append(name)
        words.extend(names[name])
    return words


def print_completion_script(shell: str, names: List[str]) -> None:
    """Print the completion script for ``shell`` wired to the program ``names``.

    Raises `ParseError` naming the supported shells when ``shell`` is not one.
    """
    filename = _SCRIPTS.get(shell)
    if filename is None:
        options = ", ".join(sorted(_SCRIPTS))
        raise ParseError(f'Completion for shell "{shell}" not supported (options are: {options}).')
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), filename)
    with open(path, encoding="utf-8") as handle:
        template = handle.read()
    binaries = list(names) or ["invoke"]
    func = "".join(ch if ch.isalnum() else "_" for ch in binaries[0])
    text = (
        template.replace("@BINARIES@", " ".join(binaries))
        .replace("@BINARY@", binaries[0])
        .replace("@FUNC@", func)
    )
    sys.stdout.write(text)
