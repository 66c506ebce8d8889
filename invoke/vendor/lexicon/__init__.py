"""Re-export of `invoke._lexicon` at the path older clients import."""

from ..._lexicon import AliasDict, AttributeDict, Lexicon

__all__ = ["AliasDict", "AttributeDict", "Lexicon"]
