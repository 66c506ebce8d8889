"""`Parser` and `ParseResult`: Invoke's multi-task command line.

``inv [core flags] task1 [--flag value ...] [positional ...] task2 ... [-- rest]``

The grammar itself is the explicit state machine in `_machine`; this module
holds the public entry points and the result type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, List, Optional

from .._data.lexicon import Lexicon

if TYPE_CHECKING:
    from .argument import Argument
    from .context import ParserContext

__all__ = ["ParseMachine", "ParseResult", "Parser", "is_flag", "is_long_flag"]


def is_flag(value: str) -> bool:
    """True when ``value`` looks like a flag (starts with ``-``)."""
    return value.startswith("-")


def is_long_flag(value: str) -> bool:
    """True when ``value`` looks like a long flag (starts with ``--``)."""
    return value.startswith("--")


class ParseResult(List["ParserContext"]):
    """The parsed contexts, in command-line order, plus what was not parsed.

    Element 0 is the initial (core) context when the parser had one; the
    others are one context per task name given. ``remainder`` is everything
    after ``--``, joined by spaces; ``unparsed`` holds the tokens left over
    when an unknown token stopped an ``ignore_unknown`` parse.

    ``core_flags_after_tasks`` lists the core (initial-context) flags given
    *after* a task name, as spelled there (``-e``, ``--list``), once per
    spelling in first-seen order; ``core_after_tasks`` is the parallel list
    of their `Argument` objects (those of element 0). The program uses them
    to reject core flags that cannot take effect that late.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.remainder: str = ""
        self.unparsed: List[str] = []
        self.core_after_tasks: List["Argument"] = []
        self.core_flags_after_tasks: List[str] = []


class Parser:
    """Parse argv against an initial (core) context and named task contexts.

    ``contexts`` are keyed by name and aliases once, here; parsing does not
    copy them wholesale: only the contexts actually named on the command
    line are cloned, so each occurrence of a task gets its own values.
    With ``ignore_unknown=True`` the first unknown token ends parsing and it
    and the tokens after it land in `ParseResult.unparsed`.
    """

    def __init__(
        self,
        contexts: Iterable["ParserContext"] = (),
        initial: Optional["ParserContext"] = None,
        ignore_unknown: bool = False,
    ) -> None:
        self.initial = initial
        self.contexts: Lexicon = Lexicon()
        self.ignore_unknown = ignore_unknown
        for context in contexts:
            if not context.name:
                raise ValueError("Non-initial contexts must have names.")
            for name in (context.name, *context.aliases):
                if name in self.contexts:
                    raise ValueError(
                        "A context named/aliased {!r} is already in this parser!".format(name)
                    )
            self.contexts[context.name] = context
            for alias in context.aliases:
                self.contexts.alias(alias, to=context.name)

    def parse_argv(self, argv: List[str]) -> ParseResult:
        """Parse ``argv`` (without the program name) into a `ParseResult`.

        Raises `ParseError` with a one-line, user-facing message (plus a
        ``Did you mean`` line when a known name is close) on bad input.
        """
        machine = ParseMachine(
            initial=self.initial,
            contexts=self.contexts,
            ignore_unknown=self.ignore_unknown,
        )
        return machine.run(argv)


# At the bottom: the machine module imports ParseResult and is_flag from here.
from ._machine import ParseMachine  # noqa: E402
