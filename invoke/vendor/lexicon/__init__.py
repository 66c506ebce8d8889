"""Re-export of `invoke._data.lexicon` at the path older clients import."""

from ..._data.lexicon import AliasDict, AttributeDict, Lexicon

__all__ = ["AliasDict", "AttributeDict", "Lexicon"]
