"""Invoke's command-line grammar: `Argument`, `ParserContext`, `Parser`."""

from .._data.lexicon import Lexicon
from ..exceptions import ParseError
from ..util import debug
from .argument import Argument
from .context import ParserContext as Context
from .context import ParserContext, to_flag, translate_underscores
from .parser import ParseMachine, Parser, ParseResult, is_flag, is_long_flag

__all__ = [
    "Argument",
    "Context",
    "ParseError",
    "ParseMachine",
    "ParseResult",
    "Parser",
    "ParserContext",
    "is_flag",
    "is_long_flag",
    "to_flag",
    "translate_underscores",
]
