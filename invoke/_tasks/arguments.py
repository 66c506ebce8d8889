"""Build a task's `Argument` list from its body's parameters and its options.

Kept apart from `invoke.tasks` so that the task model stays readable: this
is the one translation from Python parameters to command-line flags.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Set

from .signature import NO_DEFAULT, _kind_from_annotation, kind_for, type_hints

if TYPE_CHECKING:
    from ..parser.argument import Argument
    from ..tasks import Task

__all__ = ["dashed", "implicit_positionals", "argument_options", "build_arguments"]


def dashed(name: str) -> str:
    """A parameter name as a flag name: surrounding underscores dropped, inner ones dashed."""
    return name.strip("_").replace("_", "-")


def _is_flag_only(param: inspect.Parameter, hints: Dict[str, Any]) -> bool:
    """A required parameter annotated ``bool`` is an on/off flag, never a positional."""
    return param.default is NO_DEFAULT and hints.get(param.name) is bool


def implicit_positionals(params: Iterable[inspect.Parameter], hints: Dict[str, Any]) -> List[str]:
    """Names of parameters without defaults, keyword-only ones included (as Invoke does)."""
    return [p.name for p in params if p.default is NO_DEFAULT and not _is_flag_only(p, hints)]


def argument_options(
    task: "Task[Any]",
    name: str,
    default: Any,
    taken_names: Set[str],
    annotation: Any = NO_DEFAULT,
) -> Dict[str, Any]:
    """The keyword arguments for the `Argument` of parameter ``name`` (Invoke's ``arg_opts``).

    Picks a short flag not in ``taken_names`` (and adds it there).
    """
    spec = kind_for(annotation, default)
    flag_name = dashed(name)
    opts: Dict[str, Any] = {
        "positional": name in task.positional,
        "optional": name in task.optional,
        "names": [flag_name],
        "kind": spec.kind,
        "default": None if default is NO_DEFAULT else default,
    }
    if annotation is bool and default is NO_DEFAULT:
        opts["default"] = False
    if opts["optional"] and isinstance(default, bool) and spec.kind is bool:
        # Upstream's rule: an optional-value flag with a bool default takes a string.
        opts["kind"] = str
    if flag_name != name:
        opts["attr_name"] = name
    if spec.choices is not None:
        opts["choices"] = spec.choices
    if spec.kind is list:
        opts["item_kind"] = spec.item_kind
    if name in (task.iterable or ()):
        opts["kind"] = list
        if spec.kind is not list:
            opts["item_kind"] = spec.kind if spec.kind is not bool else str
        if opts["default"] is None:
            opts["default"] = []
    if name in (task.incrementable or ()):
        opts["incrementable"] = True
    if task.auto_shortflags and len(flag_name) > 1:
        for char in flag_name:
            if char.isalnum() and char not in taken_names:
                opts["names"].append(char)
                taken_names.add(char)
                break
    return opts


def _help_for(help_map: Dict[str, Any], name: str) -> Optional[str]:
    """The help text for parameter ``name``, keyed underscored or dashed."""
    for key in (name, dashed(name)):
        if key in help_map:
            value = help_map[key]
            return None if value is None else str(value)
    return None


def build_arguments(task: "Task[Any]", ignore_unknown_help: Optional[bool] = None) -> List["Argument"]:
    """The task's arguments, positionals first in their declared order; never mutates the task."""
    from ..parser.argument import Argument

    signature = task.argspec(task.body)
    params = list(signature.parameters.values())
    hints = type_hints(task._spec_source())
    names = [p.name for p in params]
    known = set(names) | {dashed(n) for n in names}
    unknown = [key for key in task.help if key not in known]
    if unknown and not ignore_unknown_help:
        raise ValueError(f"Help field was set for param(s) that don't exist: {unknown}")
    taken: Set[str] = set(names) | {dashed(n) for n in names}
    by_name: Dict[str, Argument] = {}
    for param in params:
        opts = task.arg_opts(param.name, param.default, taken, hints.get(param.name, NO_DEFAULT))
        argument = Argument(**opts)
        argument.help = _help_for(task.help, param.name)
        # --help gives richer placeholders only to kinds an annotation chose.
        annotation = hints.get(param.name, NO_DEFAULT)
        argument._annotated_kind = annotation is not NO_DEFAULT and _kind_from_annotation(annotation) is not None
        by_name[param.name] = argument
    ordered = [by_name[name] for name in task.positional if name in by_name]
    ordered += [arg for name, arg in by_name.items() if name not in task.positional]
    return ordered
