"""``inv --complete``: the words that may follow a partly typed command line.

The shell scripts next to this module call ``inv --complete -- <words>`` and
offer whatever it prints, one candidate a line; an empty answer tells them to
fall back to file names (a flag is waiting for its value).
"""

from __future__ import annotations

import os
import shlex
import sys
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from ..exceptions import Exit, ParseError
from ..util import task_name_sort_key

if TYPE_CHECKING:
    from ..collection import Collection
    from ..parser import Parser, ParseResult, ParserContext

__all__ = ["complete", "print_completion_script", "print_task_names"]

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
    tokens = _split(getattr(core, "remainder", "") or "")
    # The first word is the program's own name as the shell saw it.
    if tokens and os.path.basename(tokens[0]) in names:
        tokens = tokens[1:]
    contexts = getattr(parser, "contexts", None) or {}
    words = _candidates(tokens, initial_context, contexts, collection)
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
    initial: "ParserContext",
    contexts: Any,
    collection: "Collection",
) -> List[str]:
    """Decide what may follow ``tokens``: task names, flags, or nothing."""
    current = initial
    waiting: Optional[Any] = None  # the flag whose value comes next, if any
    for index, token in enumerate(tokens):
        if waiting is not None:
            waiting = None
            if not token.startswith("-"):
                continue  # that word was the flag's value
        if token == "--":
            if index == len(tokens) - 1:
                break  # still being typed: the start of a long flag
            return []  # everything after is for the task itself
        if token.startswith("-"):
            argument = _flag(token, current, initial)
            if argument is not None and "=" not in token and _wants_value(token, argument):
                waiting = argument
            continue
        if token in contexts:
            current = contexts[token]
    if tokens and tokens[-1].startswith("-"):
        last = tokens[-1]
        if waiting is not None:
            return []  # let the shell offer files for the value
        if _flag(last, current, initial) is None:
            words = flag_words(current)
            # A word already typed as "--..." can only become a long flag.
            return [word for word in words if word.startswith("--")] if last.startswith("--") else words
    return task_name_words(collection)


def _flag(token: str, current: "ParserContext", initial: "ParserContext") -> Optional[Any]:
    """The `Argument` ``token`` names in the current context, else among core flags."""
    flag = token.split("=", 1)[0]
    for context in (current, initial):
        flags = getattr(context, "flags", None) or {}
        if flag in flags:
            return flags[flag]
        inverse = getattr(context, "inverse_flags", None) or {}
        if flag in inverse:
            return None if inverse[flag] not in flags else flags[inverse[flag]]
    return None


def _wants_value(token: str, argument: Any) -> bool:
    """True when ``token`` (a flag on its own) leaves its value to the next word."""
    if not getattr(argument, "takes_value", False) and not getattr(argument, "optional", False):
        return False
    # "-fvalue" style: a single-dash token longer than one letter carries its value.
    return token.startswith("--") or len(token) == 2


def flag_words(context: "ParserContext") -> List[str]:
    """Every flag of ``context`` in a fixed order: ``--help``'s order, short before long."""
    flag_names = getattr(context, "flag_names", None)
    if flag_names is not None:
        return list(flag_names())
    flags: Dict[str, Any] = dict(getattr(context, "flags", None) or {})
    grouped: Dict[int, Tuple[Any, List[str]]] = {}
    for flag, argument in flags.items():
        grouped.setdefault(id(argument), (argument, []))[1].append(flag)
    inverse = getattr(context, "inverse_flags", None) or {}
    for flag, target in inverse.items():
        argument = flags.get(target)
        if argument is not None:
            grouped.setdefault(id(argument), (argument, []))[1].append(flag)
    groups = [sorted(names, key=_flag_order) for _, names in grouped.values()]
    groups.sort(key=lambda names: _group_order(names))
    return [name for names in groups for name in names]


def _flag_order(flag: str) -> Tuple[int, int, str]:
    """Short flags first, then long ones, then ``--no-`` inverses."""
    if not flag.startswith("--"):
        return (0, 0, flag)
    return (1, 1 if flag.startswith("--no-") else 0, flag)


def _group_order(names: List[str]) -> Tuple[int, str, bool]:
    """Order flag groups as ``--help`` does: long-only first, then by short letter."""
    first = names[0]
    if first.startswith("--"):
        return (0, first.lower(), False)
    letter = first.lstrip("-")
    return (1, letter.lower(), not letter.islower())


def task_name_words(collection: "Collection") -> List[str]:
    """Every task name and alias in ``collection``, in listing order."""
    names = collection.task_names
    words: List[str] = []
    for name in sorted(names, key=task_name_sort_key):
        words.append(name)
        words.extend(names[name])
    return words


def print_task_names(collection: "Collection") -> None:
    """Print every task name and alias of ``collection``, one a line."""
    words = task_name_words(collection)
    if words:
        sys.stdout.write("\n".join(words) + "\n")


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
