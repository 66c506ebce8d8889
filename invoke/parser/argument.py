"""`Argument`: one flag or positional value of a task or of the core parser."""

from __future__ import annotations

import enum
from typing import Any, Iterable, Optional, Tuple

__all__ = ["Argument"]

# Friendly names for the kinds whose cast error we phrase ourselves.
_KIND_WORDS = {int: "integer", float: "number"}


def _kind_label(kind: Any) -> str:
    """A kind's name for messages."""
    return getattr(kind, "__name__", str(kind))


class Argument:
    """A named command-line argument: its names, value kind, default and parsed value.

    ``kind`` is the type values are cast to (``str``, ``int``, ``float``,
    ``bool``, ``list``, `pathlib.Path`, an `enum.Enum` class, or any callable
    type). ``list`` makes a repeatable flag whose items are cast with
    ``item_kind``. ``choices`` restricts accepted values (as `typing.Literal`
    annotations do). A bad value makes `set_value` raise `ValueError` whose
    text is the whole message for the user.
    """

    def __init__(
        self,
        name: Optional[str] = None,
        names: Iterable[str] = (),
        kind: Any = str,
        default: Optional[Any] = None,
        help: Optional[str] = None,
        positional: bool = False,
        optional: bool = False,
        incrementable: bool = False,
        attr_name: Optional[str] = None,
        choices: Optional[Iterable[Any]] = None,
        item_kind: Any = str,
    ) -> None:
        if name is not None and names:
            raise TypeError("Cannot give both 'name' and 'names' arguments! Pick one.")
        if name is None and not names:
            raise TypeError("An Argument must have at least one name.")
        self.names: Tuple[str, ...] = tuple(names) if names else (name,)  # type: ignore[assignment]
        self.kind: Any = kind
        self.item_kind: Any = item_kind
        self.choices: Optional[Tuple[Any, ...]] = tuple(choices) if choices is not None else None
        self.raw_value: Any = None
        self._value: Any = None
        # Whether set_value has stored anything: a list flag starts a fresh
        # list on its first value instead of appending to the default.
        self._was_set: bool = False
        self.default: Any = default
        self.help: Optional[str] = help
        self.positional: bool = positional
        self.optional: bool = optional
        self.incrementable: bool = incrementable
        self.attr_name: Optional[str] = attr_name
        # Set for task arguments whose kind a type annotation chose: --help
        # then shows a placeholder for every kind, not only upstream's.
        self._annotated_kind: bool = False

    def __repr__(self) -> str:
        nicks = f" ({', '.join(self.nicknames)})" if self.nicknames else ""
        kind = f" [{_kind_label(self.kind)}]" if self.kind is not str else ""
        flags = ("*" if self.positional else "") + ("?" if self.optional else "")
        return f"<{type(self).__name__}: {self.name}{nicks}{kind}{' ' + flags if flags else ''}>"

    @property
    def name(self) -> Optional[str]:
        """The Python-side name: ``attr_name`` when set, else the first name."""
        return self.attr_name or self.names[0]

    @property
    def nicknames(self) -> Tuple[str, ...]:
        """Every name but the first (typically the short flag)."""
        return self.names[1:]

    @property
    def takes_value(self) -> bool:
        """Whether the flag consumes a value (booleans and counters do not)."""
        if self.kind is bool:
            return False
        if self.incrementable:
            return False
        return True

    @property
    def flag(self) -> str:
        """How the user spells this argument on the command line (``--name``/``-n``)."""
        first = str(self.names[0])
        return ("-" if len(first) == 1 else "--") + first

    @property
    def value(self) -> Any:
        """The parsed value, or the default when nothing was given."""
        if self._value is not None:
            return self._value
        if self.kind is list and not self._was_set:
            return list(self.default) if self.default is not None else []
        return self.default

    @value.setter
    def value(self, arg: Any) -> None:
        self.set_value(arg, cast=True)

    @property
    def got_value(self) -> bool:
        """Whether a value was explicitly given (so the default is not in use)."""
        return self._value is not None

    def set_value(self, value: Any, cast: bool = True) -> None:
        """Store ``value`` (cast to ``kind`` unless ``cast`` is false).

        List kinds append; incrementable arguments count up from their
        default (0 when none). A value that cannot be cast raises
        `ValueError` naming the flag, the value and what was expected.
        """
        if self.incrementable:
            current = self.value if self.value is not None else 0
            new: Any = current + 1
        elif self.kind is list:
            item = self._cast(value, self.item_kind) if cast else value
            base = self._value if (self._was_set and isinstance(self._value, list)) else []
            new = base + [item]
        else:
            new = self._cast(value, self.kind) if cast else value
        self.raw_value = value
        self._value = new
        self._was_set = True

    def _cast(self, value: Any, kind: Any) -> Any:
        """Convert one raw value to ``kind``, checking ``choices``; ValueError with the user message."""
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            return self._cast_enum(value, kind)
        if kind is bool or value is None or kind is None:
            result = kind(value) if kind is not None else value
        else:
            try:
                result = kind(value)
            except (TypeError, ValueError):
                word = _KIND_WORDS.get(kind)
                expected = f"a valid {word}" if word else f"a valid {_kind_label(kind)}"
                raise ValueError(
                    f"Invalid value for {self.flag}: {value!r} is not {expected}"
                ) from None
        if self.choices is not None and result not in self.choices:
            allowed = ", ".join(str(choice) for choice in self.choices)
            raise ValueError(f"Invalid value for {self.flag}: {value!r} must be one of: {allowed}")
        return result

    def _cast_enum(self, value: Any, kind: Any) -> Any:
        """The member of enum ``kind`` whose value or name is ``value``; ValueError listing them otherwise."""
        if isinstance(value, kind):
            return value
        for member in kind:
            if str(member.value) == str(value) or member.name == value:
                return member
        allowed = ", ".join(str(member.value) for member in kind)
        raise ValueError(f"Invalid value for {self.flag}: {value!r} must be one of: {allowed}")
