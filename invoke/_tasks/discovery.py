"""From an object to its collection: the tasks and sub-collections an instance carries.

`Collection.from_object` hands an instance to `collection_from_instance`,
which reads top-down: walk the attribute names (`attribute_names`: the
whole MRO, bases first in definition order, then the instance's own
attributes), classify each value (`discover`: read with
`inspect.getattr_static` so properties never run; tasks are bound through
`invoke._tasks.binding.task_on`), and add what was found to a new
collection, sub-collections built the same way.

The `Collection` class is passed in (this module sits below
`invoke.collection`, which imports it).
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Tuple, Type, TypeVar

from .binding import is_template_class, task_on, unwrap_task
from .instance_cache import CACHE_KEY

if TYPE_CHECKING:
    from ..collection import Collection
    from ..tasks import Task

C = TypeVar("C", bound="Collection")

__all__ = [
    "attribute_names",
    "collection_from_instance",
    "discover",
    "has_tasks",
    "required_init_params",
    "template_class_error",
]


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
    return [name for name in seen if not (name.startswith("__") and name.endswith("__")) and name != CACHE_KEY]


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


def discover(obj: Any, collection_type: type) -> Iterator[Tuple[str, str, Any]]:
    """Yield ``(attribute, "task" | "collection", value)`` for everything ``obj`` contributes.

    Tasks are bound to ``obj``; attributes set to ``None`` (and callback
    tasks whose callback is ``None``) are skipped; template instances and
    ``collection_type`` (`Collection`) attributes are sub-collections.
    """
    for name in attribute_names(obj):
        try:
            raw = inspect.getattr_static(obj, name, None)
        except Exception:
            continue
        if raw is None:
            continue
        if isinstance(raw, collection_type):
            yield name, "collection", raw
            continue
        if not isinstance(raw, type) and is_template_class(type(raw)):
            yield name, "collection", raw
            continue
        found: Optional["Task[Any]"] = task_on(obj, name)
        if found is None:
            continue
        binding = found._method
        unbound = binding.unbound if binding is not None else None
        if unbound is not None and unbound._method is not None and unbound._method.callback_attr is not None:
            if binding is not None and binding.callback is None:
                continue  # binding found the callback attribute set to None
        yield name, "task", found


def collection_from_instance(
    cls: Type[C],
    collection_type: type,
    obj: Any,
    name: Optional[str],
    config: Optional[Dict[str, Any]],
    ancestors: Tuple[int, ...] = (),
) -> C:
    """`Collection.from_object` for an instance: a ``cls`` holding its tasks and sub-collections.

    ``collection_type`` is `Collection` itself (attributes holding one are
    sub-collections as they are); ``ancestors`` are the ids of the objects
    enclosing ``obj``.
    """
    if name is None:
        own = getattr(obj, "collection_name", None)
        name = own if isinstance(own, str) and own else None
    collection = cls(name) if name is not None else cls()
    doc = type(obj).__doc__
    collection.__doc__ = inspect.cleandoc(doc) if isinstance(doc, str) else None
    owner = collection._template_class = type(obj).__name__
    enclosing = ancestors + (id(obj),)
    claimed: Dict[str, str] = {}
    for attr, kind, value in discover(obj, collection_type):
        if kind == "collection" and id(value) in enclosing:
            # A reference back to itself or an enclosing object (``self.parent``)
            # is not a child: a collection cannot contain its ancestors.
            continue
        try:
            if kind == "task":
                task_name = attr if value._name is None else value.name
                advice = "rename one (@task(name=...) or aliases=...)"
                _claim(claimed, owner, attr, [task_name, *(value.aliases or ())], collection.transform, advice)
                collection.add_task(value, name=task_name)
            else:
                _claim(claimed, owner, attr, [attr], collection.transform, "rename one of them")
                sub = (
                    value
                    if isinstance(value, collection_type)
                    else collection_from_instance(cls, collection_type, value, attr, None, enclosing)
                )
                collection.add_collection(sub, name=attr)
        except ValueError as exc:
            message = str(exc)
            if not message.startswith(f"{owner}."):
                message = f"{owner}.{attr}: {message}"
            raise ValueError(message) from None
    if config is not None:
        collection.configure(config)
    return collection


def _claim(
    claimed: Dict[str, str], owner: str, attr: str, labels: List[str], transform: Any, advice: str
) -> None:
    """Record that attribute ``attr`` uses these names; two attributes may not share one."""
    for label in labels:
        key = transform(label)
        if claimed.get(key, attr) != attr:
            raise ValueError(f"{owner}.{attr}: the name {key!r} is already used by {owner}.{claimed[key]}; {advice}")
        claimed[key] = attr
