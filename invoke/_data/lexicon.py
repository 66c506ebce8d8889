"""`Lexicon`: a dict with attribute access and key aliases.

The parser keys its contexts and flags with it, and Fabric (and its tests)
reach it at ``invoke.vendor.lexicon.Lexicon``, so that path re-exports this.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List


class AliasDict(dict):
    """A dict where extra names (aliases) can stand for a real key."""

    aliases: Dict[Any, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        object.__setattr__(self, "aliases", {})

    def alias(self, from_: str, to: str) -> None:
        """Make ``from_`` another name for key ``to``."""
        self.aliases[from_] = to

    def unalias(self, from_: str) -> None:
        del self.aliases[from_]

    def aliases_of(self, name: str) -> List[str]:
        """Every alias that leads (directly or not) to ``name``."""
        return [alias for alias in self.aliases if self._resolve(alias) == name]

    def _resolve(self, key: Any) -> Any:
        seen = set()
        while key in self.aliases and key not in seen:
            seen.add(key)
            key = self.aliases[key]
        return key

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self._resolve(key))

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(self._resolve(key), value)

    def __delitem__(self, key: Any) -> None:
        if key in self.aliases:
            del self.aliases[key]
        else:
            super().__delitem__(key)

    def __contains__(self, key: object) -> bool:
        return key in self.aliases or super().__contains__(key)

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self else default


class AttributeDict(dict):
    """A dict whose keys are also readable and writable as attributes."""

    def __getattr__(self, key: str) -> Any:
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key: str, value: Any) -> None:
        self[key] = value

    def __delattr__(self, key: str) -> None:
        try:
            del self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __dir__(self) -> Iterable[str]:
        return list(dir(type(self))) + [k for k in self.keys() if isinstance(k, str)]


class Lexicon(AliasDict, AttributeDict):
    """Aliased keys plus attribute access: ``lex.foo`` is ``lex["foo"]``."""

    def __getattr__(self, key: str) -> Any:
        if key == "aliases":
            return self.__dict__["aliases"]
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __setattr__(self, key: str, value: Any) -> None:
        if key == "aliases":
            object.__setattr__(self, key, value)
        else:
            self[key] = value

    def __delattr__(self, key: str) -> None:
        AttributeDict.__delattr__(self, key)

    def __getitem__(self, key: Any) -> Any:
        return AliasDict.__getitem__(self, key)

    def __setitem__(self, key: Any, value: Any) -> None:
        AliasDict.__setitem__(self, key, value)

    def __delitem__(self, key: Any) -> None:
        AliasDict.__delitem__(self, key)

    def __contains__(self, key: object) -> bool:
        return AliasDict.__contains__(self, key)

    def copy(self) -> "Lexicon":
        new = Lexicon(dict.items(self))
        new.aliases.update(self.aliases)
        return new
