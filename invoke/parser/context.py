"""`ParserContext`: the flags and positional arguments of one task (or the core).

A context is what the parser switches into when it sees a task name; the
initial (core) context holds the program's own flags. Contexts are built
once per run and cloned cheaply (`_clone`) for each time a task is named.
"""

from __future__ import annotations

import copy
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .._data.lexicon import Lexicon
from .argument import Argument
from ._flags import (
    flag_key,
    help_for_argument,
    inverse_flag as _inverse_flag,
    sort_candidate,
    to_flag,
    translate_underscores,
)

__all__ = [
    "ParserContext",
    "flag_key",
    "sort_candidate",
    "to_flag",
    "translate_underscores",
]


class ParserContext:
    """One parsing context: a task's (or the core's) arguments and flags.

    ``args`` maps every argument name (and its dashed spelling) to its
    `Argument`; ``flags`` maps every ``--flag``/``-f`` spelling to it;
    ``inverse_flags`` maps ``--no-x`` to the ``--x`` it negates;
    ``positional_args`` lists positional arguments in the order they fill.
    """

    def __init__(
        self,
        name: Optional[str] = None,
        aliases: Iterable[str] = (),
        args: Iterable["Argument"] = (),
    ) -> None:
        self.args: Lexicon = Lexicon()
        self.positional_args: List["Argument"] = []
        self.flags: Lexicon = Lexicon()
        self.inverse_flags: Dict[str, str] = {}
        self.name = name
        self.aliases = aliases if isinstance(aliases, (tuple, list)) else tuple(aliases)
        for arg in args:
            self.add_arg(arg)

    def __repr__(self) -> str:
        aliases = ""
        if self.aliases:
            aliases = " ({})".format(", ".join(self.aliases))
        name = " {!r}{}".format(self.name, aliases) if self.name else aliases
        args = ": {!r}".format(dict(self.args)) if self.args else ""
        return "<parser/Context{}{}>".format(name, args)

    def add_arg(self, *args: Any, **kwargs: Any) -> None:
        """Add an argument: an `Argument`, or `Argument`'s constructor arguments.

        Raises `ValueError` when any of its names (or their flag spellings)
        is already taken in this context.
        """
        if len(args) == 1 and not kwargs and isinstance(args[0], Argument):
            arg = args[0]
        else:
            arg = Argument(*args, **kwargs)
        # Plain dict operations on the Lexicons: contexts for thousands of
        # tasks are built on every run, so this is a hot path.
        args_aliases = self.args.aliases
        flags_aliases = self.flags.aliases
        main = str(arg.name)  # never None: Argument refuses to be nameless
        names = [main] + [name for name in arg.names if name != main]
        flags = [to_flag(name) for name in names]
        for name, flag in zip(names, flags):
            if (
                name in args_aliases
                or dict.__contains__(self.args, name)
                or flag in flags_aliases
                or dict.__contains__(self.flags, flag)
            ):
                raise ValueError(
                    "Tried to add an argument named {!r} but one already exists!".format(name)
                )
        main_flag = flags[0]
        dict.__setitem__(self.args, main, arg)
        dict.__setitem__(self.flags, main_flag, arg)
        for name, flag in zip(names[1:], flags[1:]):
            args_aliases[name] = main
            if flag != main_flag and flag not in flags_aliases:
                flags_aliases[flag] = main_flag
        # The dashed spelling (``dry-run`` for ``dry_run``) also finds the
        # argument, where it collides with nothing.
        for name in names:
            spelling = translate_underscores(name)
            taken = spelling in args_aliases or dict.__contains__(self.args, spelling)
            if spelling and not taken:
                args_aliases[spelling] = main
        if arg.positional:
            self.positional_args.append(arg)
        if arg.kind is bool and arg.default is True:
            self.inverse_flags[_inverse_flag(main)] = main_flag

    @property
    def missing_positional_args(self) -> List["Argument"]:
        """Positional arguments that still have no value (nor a default)."""
        return [arg for arg in self.positional_args if arg.value is None]

    @property
    def as_kwargs(self) -> Dict[str, Any]:
        """Every argument's value keyed by its Python name, ready for ``**``."""
        result = {}
        for arg in self.args.values():
            result[arg.attr_name or arg.name] = arg.value
        return result

    def names_for(self, flag: str) -> List[str]:
        """All flag spellings of the argument behind ``flag``, short ones first.

        A flag this context does not have is returned alone (``[flag]``), as upstream.
        """
        arg = self.flags.get(flag)
        if arg is None:
            return [flag]
        return sorted(_flags_of(arg), key=len)

    def help_for(self, flag: str) -> Tuple[str, str]:
        """Return ``(flags with value placeholders, help text)`` for ``--help``.

        Example: ``("-n STRING, --name=STRING", "Who to greet.")``.
        Raises `ValueError` for a flag this context does not have.
        """
        if flag not in self.flags:
            raise ValueError(
                "{!r} is not a valid flag for this context! Valid flags are: {!r}".format(
                    flag, self.flags.keys()
                )
            )
        arg = self.flags[flag]
        inverse: Optional[str] = _inverse_flag(arg.name)
        if inverse not in self.inverse_flags:
            inverse = None
        return help_for_argument(arg, to_flag(arg.name), inverse), arg.help or ""

    def help_tuples(self) -> List[Tuple[str, Optional[str]]]:
        """``help_for`` of every argument, in ``--help`` order.

        Arguments with only long flags come first, then those with a short
        flag, each group alphabetical (lowercase before uppercase).
        """
        return [self.help_for(to_flag(arg.name)) for arg in self._sorted_args()]

    def flag_names(self) -> Tuple[str, ...]:
        """Every flag spelling of this context (inverse flags last), deterministic."""
        names: List[str] = []
        for arg in self._sorted_args():
            names.extend(self.names_for(to_flag(arg.name)))
        names.extend(self.inverse_flags.keys())
        return tuple(names)

    def _sorted_args(self) -> List["Argument"]:
        return sorted(self.args.values(), key=flag_key)

    def _clone(self) -> "ParserContext":
        """A copy whose arguments can take values without touching this one.

        Cheaper than ``copy.deepcopy``: only the `Argument` objects (and any
        list they hold, such as an iterable flag's values) are duplicated.
        """
        clone = type(self).__new__(type(self))
        clone.name = self.name
        clone.aliases = self.aliases
        mapping = {id(arg): _clone_argument(arg) for arg in self.args.values()}
        clone.args = _remap(self.args, mapping)
        clone.flags = _remap(self.flags, mapping)
        clone.inverse_flags = dict(self.inverse_flags)
        clone.positional_args = [mapping[id(arg)] for arg in self.positional_args]
        # Subclasses may carry extra state; keep it, shallowly.
        for key, value in vars(self).items():
            if key not in vars(clone):
                setattr(clone, key, value)
        return clone


def _flags_of(arg: "Argument") -> List[str]:
    """Each distinct flag spelling of ``arg``, main name first."""
    flags = [to_flag(arg.name)]
    for name in arg.names:
        flag = to_flag(name)
        if flag not in flags:
            flags.append(flag)
    return flags


def _remap(lexicon: Lexicon, mapping: Dict[int, Any]) -> Lexicon:
    new = Lexicon((key, mapping[id(value)]) for key, value in dict.items(lexicon))
    new.aliases.update(lexicon.aliases)
    return new


def _clone_argument(arg: "Argument") -> "Argument":
    clone = copy.copy(arg)
    state = getattr(clone, "__dict__", None)
    if state is not None:
        for key, value in state.items():
            if isinstance(value, list):
                state[key] = list(value)
    return clone
