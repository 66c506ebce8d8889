"""Find the tasks and sub-collections an object (template instance, plain object, class) carries.

Walks attribute names over the whole MRO (bases first, in definition
order) and then the instance's own attributes, reading each with
`inspect.getattr_static` so properties never run.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Tuple

from .binding import _CACHE_KEY, is_template_class, task_on, unwrap_task

if TYPE_CHECKING:
    from ..tasks import Task

__all__ = ["attribute_names", "discover", "has_tasks", "required_init_params", "template_class_error"]


def attribute_names(obj: Any) -> List[str]:
    """Attribute names of ``obj`` in definition order, base classes first, then instance attributes."""
    seen: Dict[str, None] = {}
    cls = obj if isinstance(obj, type) else type(obj)
    for klass in reversed(cls.__mro__):
        if klass is object:
            continue
        for name in vars(klass):
            seen.setdefault(name, None)
    if not isinstance(obj, type):
        for name in getattr(obj, "__dict__", {}):
            seen.setdefault(name, None)
    return [name for name in seen if not (name.startswith("__") and name.endswith("__")) and name != _CACHE_KEY]


def has_tasks(obj: Any) -> bool:
    """Whether ``obj`` (an instance or a class) carries any `Task` attribute."""
    if isinstance(obj, ModuleType):
        return False
    cls = obj if isinstance(obj, type) else type(obj)
    if is_template_class(cls):
        return True
    for name in attribute_names(obj):
        try:
            value = inspect.getattr_static(obj, name, None)
        except Exception:
            continue
        if unwrap_task(value) is not None:
            return True
    return False


def required_init_params(cls: type) -> List[str]:
    """Names of ``cls.__init__`` parameters that have no default (self excluded)."""
    init = vars(cls).get("__init__") if "__init__" in vars(cls) else getattr(cls, "__init__", None)
    if init is None or init is object.__init__:
        return []
    try:
        signature = inspect.signature(init)
    except (TypeError, ValueError):
        return []
    params = list(signature.parameters.values())[1:]
    return [
        p.name
        for p in params
        if p.default is inspect.Parameter.empty
        and p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    ]


def template_class_error(cls: type, required: List[str]) -> TypeError:
    """The error for a template class given where an instance is needed."""
    kind = "a task template class" if is_template_class(cls) else "a class with tasks"
    example = ", ".join(f"{name}=..." for name in required)
    return TypeError(
        f"{cls.__name__} is {kind}; make an instance first: {cls.__name__}({example}). "
        f"Its __init__ requires: {', '.join(required)}"
    )


def discover(obj: Any) -> Iterator[Tuple[str, str, Any]]:
    """Yield ``(attribute, "task" | "collection", value)`` for everything ``obj`` contributes.

    Tasks are bound to ``obj``; attributes set to ``None`` (and callback
    tasks whose callback is ``None``) are skipped; template instances and
    `Collection` attributes are sub-collections.
    """
    from ..collection import Collection

    for name in attribute_names(obj):
        try:
            raw = inspect.getattr_static(obj, name, None)
        except Exception:
            continue
        if raw is None:
            continue
        if isinstance(raw, Collection):
            yield name, "collection", raw
            continue
        if not isinstance(raw, type) and is_template_class(type(raw)):
            yield name, "collection", raw
            continue
        found: Optional["Task[Any]"] = task_on(obj, name)
        if found is None:
            continue
        unbound = found._unbound
        if unbound is not None and unbound._callback_attr is not None and found._callback is None:
            continue  # binding found the callback attribute set to None
        yield name, "task", found
