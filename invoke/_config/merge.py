"""Dict helpers behind `Config`'s level merging: merge, copy, excise, obliterate."""

from __future__ import annotations

import copy
from typing import Any, Dict, Optional, Tuple


class AmbiguousMergeError(ValueError):
    """Two configuration levels disagree on whether a key holds a dict."""

    # Public home (and the name tracebacks show) is invoke.config.
    __module__ = "invoke.config"


def _format_mismatch(x: object) -> str:
    """Describe a value as ``<class> (value)`` for merge error messages."""
    return f"{type(x)} ({x!r})"


def _merge_error(orig: object, new: object) -> AmbiguousMergeError:
    """Build the error for merging ``new`` over the incompatible ``orig``."""
    error = AmbiguousMergeError(
        f"Can't cleanly merge {_format_mismatch(orig)} with {_format_mismatch(new)}"
    )
    # Kept so `Config.merge` can say which setting clashed, in one line.
    error.orig = orig  # type: ignore[attr-defined]
    error.new = new  # type: ignore[attr-defined]
    error.keypath = ()  # type: ignore[attr-defined]
    return error


def _copy_leaf(value: Any) -> Any:
    """Return a shallow copy of a non-dict value so levels don't share lists.

    File-like objects (anything with ``read`` or ``write``, which includes
    mocks standing in for runners or streams) are shared, as upstream does:
    they are handles the user means to pass along, and clients such as
    Fabric's tests check their identity. Objects that refuse to be copied
    (locks, a ``__copy__`` that raises) are shared too rather than failing
    the whole merge.
    """
    if hasattr(value, "read") or hasattr(value, "write"):
        return value
    try:
        return copy.copy(value)
    except Exception:  # TypeError for locks, anything from a custom __copy__
        return value


def merge_dicts(base: Dict[str, Any], updates: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """Merge ``updates`` into ``base`` recursively, in place, and return ``base``.

    Nested dicts merge key by key; any other value in ``updates`` replaces
    the one in ``base`` (as a shallow copy). A dict meeting a non-dict raises
    `AmbiguousMergeError`. ``None`` updates nothing, as in Invoke.
    """
    if updates is None:
        return base
    for key, value in updates.items():
        if key in base:
            current = base[key]
            if isinstance(value, dict):
                if isinstance(current, dict):
                    try:
                        merge_dicts(current, value)
                    except AmbiguousMergeError as exc:
                        exc.keypath = (key,) + getattr(exc, "keypath", ())  # type: ignore[attr-defined]
                        raise
                else:
                    error = _merge_error(current, value)
                    error.keypath = (key,)  # type: ignore[attr-defined]
                    raise error
            elif isinstance(current, dict):
                error = _merge_error(current, value)
                error.keypath = (key,)  # type: ignore[attr-defined]
                raise error
            else:
                base[key] = _copy_leaf(value)
        elif isinstance(value, dict):
            base[key] = copy_dict(value)
        else:
            base[key] = _copy_leaf(value)
    return base


def copy_dict(source: Dict[str, Any]) -> Dict[str, Any]:
    """Return a copy of ``source`` whose nested dicts are all new objects."""
    return merge_dicts({}, source)


def excise(dict_: Dict[str, Any], keypath: Tuple[str, ...]) -> None:
    """Delete the entry at ``keypath`` from nested ``dict_``, if it is there."""
    data = dict_
    *parents, leaf = keypath
    for key in parents:
        if not isinstance(data, dict) or key not in data:
            return
        data = data[key]
    if isinstance(data, dict) and leaf in data:
        del data[leaf]


def obliterate(base: Dict[str, Any], deletions: Dict[str, Any]) -> None:
    """Remove from ``base`` every key marked in the ``deletions`` tree.

    A leaf of ``deletions`` (any non-dict value) deletes that key; a nested
    dict descends into the same key of ``base``. Missing keys are skipped.
    """
    for key, value in deletions.items():
        if key not in base:
            continue
        if isinstance(value, dict):
            if isinstance(base[key], dict):
                obliterate(base[key], value)
        else:
            del base[key]


def _copy_tree(source: Dict[str, Any]) -> Dict[str, Any]:
    """Return a copy of ``source``'s nested dicts that shares every other value."""
    return {
        key: _copy_tree(value) if isinstance(value, dict) else value
        for key, value in source.items()
    }
