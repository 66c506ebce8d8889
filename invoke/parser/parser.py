"""`Parser` and `ParseResult`: Invoke's multi-task command line.

``inv [core flags] task1 [--flag value ...] [positional ...] task2 ... [-- rest]``

The grammar itself is the explicit state machine in `_machine`, the result
type in `_result`; this module holds the public entry points and re-exports
them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, List, Optional

from .._data.lexicon import Lexicon
from ..exceptions import ParseError
from ..util import debug
from ._machine import ParseMachine
from ._result import ParseResult, is_flag, is_long_flag

if TYPE_CHECKING:
    from .context import ParserContext

__all__ = ["ParseMachine", "ParseResult", "Parser", "is_flag", "is_long_flag"]


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


# Documented and imported as invoke.parser.parser.ParseResult (and invoke.parser.ParseResult).
ParseResult.__module__ = __name__
