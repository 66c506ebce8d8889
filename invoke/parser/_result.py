"""`ParseResult` and the flag-spelling tests shared by the parser's two halves.

Kept apart from `invoke.parser.parser` (which re-exports them) so that the
state machine in `_machine` can use them without importing the module that
drives it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List

if TYPE_CHECKING:
    from .argument import Argument
    from .context import ParserContext

__all__ = ["ParseResult", "is_flag", "is_long_flag"]


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
