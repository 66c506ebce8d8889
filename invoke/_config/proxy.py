"""`DataProxy`: attribute and item access over a nested configuration dict.

A name that is a real attribute of the object (``key in dir(self)``) is
read and written as a normal attribute; any other name is a key of the
wrapped dict. Writes and deletions, at any depth, are reported to the root
`Config` so that they survive later re-merges of the configuration levels.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, Optional, Tuple

from .merge import copy_dict


class DataProxy:
    """Dict-like access, by attribute or by item, to a configuration dict.

    ``_config`` is the wrapped dict; nested proxies also know their root
    (``_root``) and the key path from it (``_keypath``).
    """

    # Read-only dict methods answered straight from the wrapped dict.
    _proxies = (
        "get",
        "has_key",
        "items",
        "iteritems",
        "iterkeys",
        "itervalues",
        "keys",
        "values",
    )
    # Class-level fallbacks so every proxy answers these even before _set.
    _root: Optional["DataProxy"] = None
    _keypath: Tuple[str, ...] = ()

    @classmethod
    def from_data(
        cls,
        data: Dict[str, Any],
        root: Optional["DataProxy"] = None,
        keypath: Tuple[str, ...] = (),
    ) -> "DataProxy":
        """Wrap ``data``; ``root``/``keypath`` say where it sits in a `Config`."""
        obj = cls.__new__(cls)
        obj._set(_config=data, _root=root, _keypath=tuple(keypath))
        return obj

    def _set(self, *args: Any, **kwargs: Any) -> None:
        """Set real attributes, bypassing the config: ``_set(name, value)`` or ``_set(name=value)``.

        Needs no initialised state, so subclasses may call it before
        ``super().__init__``.
        """
        if args:
            object.__setattr__(self, *args)
        for key, value in kwargs.items():
            object.__setattr__(self, key, value)

    def __getattr__(self, key: str) -> Any:
        # Only reached when normal lookup fails. Guard the wrapped dict's own
        # name so half-built objects (copy, pickle) don't recurse forever.
        if key == "_config":
            raise AttributeError(key)
        if key in type(self)._proxies:
            return getattr(self._config, key)
        try:
            return self._get(key)
        except KeyError:
            pass
        if key.startswith("__") and key.endswith("__"):
            raise AttributeError(key)
        raise AttributeError(self._missing_message(key))

    def _missing_message(self, key: str) -> str:
        """Explain a failed lookup, listing the keys and real attributes there are."""
        keys = sorted(str(name) for name in self._config)
        real = sorted(name for name in dir(type(self)) if not name.startswith("_"))
        return (
            f"No attribute or config key found for {key!r}\n\n"
            f"Valid keys: {keys!r}\n\n"
            f"Valid real attributes: {real!r}"
        )

    def __setattr__(self, key: str, value: Any) -> None:
        # Real attributes (methods, properties, anything set with _set or
        # declared on the class) stay attributes; all else is config.
        if key in dir(self):
            object.__setattr__(self, key, value)
        else:
            self[key] = value

    def __delattr__(self, name: str) -> None:
        if name in self:
            del self[name]
        else:
            object.__delattr__(self, name)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._config)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DataProxy):
            return self._config == other._config
        return self._config == other

    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self._config)

    def __contains__(self, key: object) -> bool:
        return key in self._config

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self._config}>"

    def __getitem__(self, key: str) -> Any:
        return self._get(key)

    def __setitem__(self, key: str, value: Any) -> None:
        if isinstance(value, DataProxy):
            # A section read from a config (c.run) is stored as its data, so
            # it merges like the dict it stands for.
            value = _section_data(value)
        self._config[key] = value
        self._track_modification_of(key, value)

    def __delitem__(self, key: str) -> None:
        del self._config[key]
        self._track_removal_of(key)

    def _get(self, key: str) -> Any:
        """Return the value at ``key``, wrapping nested dicts in proxies that write back."""
        value = self._config[key]
        if isinstance(value, dict):
            root = self if self._is_root else self._root
            return DataProxy.from_data(value, root=root, keypath=self._keypath + (key,))
        return value

    @property
    def _is_leaf(self) -> bool:
        """True for a nested proxy that reports its changes to a root."""
        return self._root is not None

    @property
    def _is_root(self) -> bool:
        """True for the object that records changes (a `Config`)."""
        return getattr(type(self), "_modify", None) is not None

    def _change_target(self) -> Optional[Any]:
        """Return the `Config` that must record changes made here, if any."""
        if self._is_leaf:
            return self._root
        if self._is_root:
            return self
        return None

    def _track_removal_of(self, key: str) -> None:
        """Tell the root `Config` that ``key`` was deleted here, so merges keep it gone."""
        target = self._change_target()
        if target is not None:
            target._remove(self._keypath, key)

    def _track_modification_of(self, key: str, value: Any) -> None:
        """Tell the root `Config` that ``key`` was set here, so merges keep the value."""
        target = self._change_target()
        if target is not None:
            target._modify(self._keypath, key, value)

    def clear(self) -> None:
        """Remove every key (each removal is remembered like a ``del``)."""
        for key in list(self._config):
            del self[key]

    def pop(self, *args: Any) -> Any:
        """Remove ``key`` and return its value, or the default when missing."""
        key = args[0]
        present = key in self._config
        value = self._config.pop(*args)
        if present:
            self._track_removal_of(key)
        return value

    def popitem(self) -> Any:
        """Remove and return some ``(key, value)`` pair."""
        key, value = self._config.popitem()
        self._track_removal_of(key)
        return key, value

    def setdefault(self, *args: Any) -> Any:
        """Return ``key``'s value, setting it to the default first when missing."""
        key = args[0]
        default = args[1] if len(args) > 1 else None
        if key not in self._config:
            self[key] = default
        return self._config[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Set every key of a dict, iterable of pairs and/or keyword arguments."""
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


def _section_data(proxy: DataProxy) -> Dict[str, Any]:
    """Return a copy of the dict behind ``proxy`` (a Context's is its Config's)."""
    data: Any = proxy._config
    while isinstance(data, DataProxy):
        data = data._config
    return copy_dict(data)
