"""Flag spellings, ``--help`` ordering and value placeholders for contexts."""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING, Any, List, Optional, Tuple

if TYPE_CHECKING:
    from .argument import Argument


@functools.lru_cache(maxsize=4096)
def translate_underscores(name: str) -> str:
    """Turn a Python name into its command-line spelling (``dry_run`` -> ``dry-run``)."""
    return name.lstrip("_").rstrip("_").replace("_", "-")


@functools.lru_cache(maxsize=4096)
def to_flag(name: str) -> str:
    """Return the flag for ``name``: ``-x`` for one letter, ``--name`` otherwise."""
    name = translate_underscores(name)
    if len(name) == 1:
        return "-" + name
    return "--" + name


def inverse_flag(name: str) -> str:
    """The ``--no-`` flag that turns off a boolean argument defaulting to True."""
    return "--no-" + translate_underscores(name)


def _name_key(name: str) -> Tuple[str, str]:
    # Case-insensitive, and on a tie the lowercase spelling first.
    return name.lower(), name.swapcase()


def _is_short(name: str) -> bool:
    return len(translate_underscores(name)) == 1


def sort_candidate(arg: "Argument") -> str:
    """The name an argument is sorted by: its first short name, else its first long one."""
    names = [name for name in [arg.name, *arg.names] if name is not None]
    shorts = [name for name in names if _is_short(name)]
    return min(shorts or names, key=_name_key)


def flag_key(arg: "Argument") -> Tuple[int, Tuple[str, str]]:
    """Sort key for ``--help``: long-only arguments first, then by name, a before A."""
    has_short = any(_is_short(name) for name in (arg.name, *arg.names) if name is not None)
    return (1 if has_short else 0), _name_key(sort_candidate(arg))


# What upstream prints for a value, by kind; any other kind shows no placeholder.
_UPSTREAM_PLACEHOLDERS = {str: "STRING", int: "INT"}


def placeholder(arg: "Argument") -> Optional[str]:
    """What ``--help`` shows for the value a flag takes; None when it shows none.

    A kind from a type annotation (``Argument._annotated_kind``, set when
    a task's arguments are built) gets a placeholder for every kind; any other kind
    (from a default value, or an `Argument` built by hand) shows exactly
    what upstream shows: ``STRING``/``INT`` for str and int, else nothing.
    """
    if arg.kind is bool or arg.incrementable:
        return None
    annotated = bool(getattr(arg, "_annotated_kind", False))
    choices = getattr(arg, "choices", None)
    if choices is None and annotated and isinstance(arg.kind, type) and issubclass(arg.kind, enum.Enum):
        choices = list(arg.kind)
    if choices is not None:
        return "{" + ",".join(_choice_text(choice) for choice in choices) + "}"
    if not annotated:
        return _UPSTREAM_PLACEHOLDERS.get(arg.kind)
    if arg.kind is int:
        return "INT"
    if arg.kind is float:
        return "FLOAT"
    return "STRING"


def _choice_text(choice: Any) -> str:
    value = getattr(choice, "value", choice)
    return str(value)


def help_for_argument(arg: "Argument", main_flag: str, inverse: Optional[str]) -> str:
    """Render an argument's flags with placeholders: ``-n STRING, --name=STRING``.

    ``inverse`` is the argument's ``--no-`` flag when it has one; it shows
    as ``--[no-]name`` (or is appended, for a short-only argument).
    """
    value = placeholder(arg)
    optional = bool(arg.optional)
    parts: List[str] = []
    flags = [main_flag] + [to_flag(name) for name in arg.names]
    for flag in sorted(dict.fromkeys(flags), key=len):
        long = flag.startswith("--")
        if long and inverse is not None and flag == main_flag:
            parts.append("--[no-]" + flag[2:])
            inverse = None
            continue
        if value is None:
            parts.append(flag)
        elif long:
            parts.append(flag + ("[={}]" if optional else "={}").format(value))
        else:
            parts.append(flag + (" [{}]" if optional else " {}").format(value))
    if inverse is not None:
        parts.append(inverse)
    return ", ".join(parts)
