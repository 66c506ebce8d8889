"""`TaskTemplate`: a class whose methods are tasks; each instance becomes a `Collection`.

Write tasks as ``@task`` methods, make one instance per thing they act on
(a service, a package...), subclass to change what differs, and call
`TaskTemplate.to_collection` (or hand the instance to `Collection`,
``add_collection`` or a tasks module's ``ns``).
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Dict, Optional

from ._tasks.binding import adopt, make_override, method_binding, overridden_task, unwrap_task

if TYPE_CHECKING:
    from .collection import Collection
    from .tasks import Task

__all__ = ["TaskTemplate"]


class TaskTemplate:
    """Base class for task templates.

    Every attribute reachable on an instance whose value is a `Task`
    becomes a task of its collection, bound to the instance; template
    instances and collections held in attributes become sub-collections;
    an attribute set to ``None`` removes the task. ``collection_name``
    (a class or instance attribute) names the collection when no name is
    given.
    """

    #: Marks template classes for the core (checked without importing this module).
    _invoke_task_template = True

    #: The collection's name when ``to_collection`` gets none; ``None`` means root-only.
    collection_name: Optional[str] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, value in list(vars(cls).items()):
            if name.startswith("__") and name.endswith("__"):
                continue
            found = unwrap_task(value)
            if found is not None and isinstance(value, classmethod):
                # ``@classmethod`` above ``@task``: store it as ``@task`` above
                # ``@classmethod`` so that instance access gives a bound task
                # on every Python (3.13 no longer chains classmethod.__get__).
                found = _as_classmethod_task(found, cls, name)
                setattr(cls, name, found)
            if found is not None:
                binding = found._method
                if binding is not None and binding.definition_error is not None and binding.owner is cls:
                    # Raised here rather than from __set_name__, whose errors
                    # Python (< 3.12) wraps in a RuntimeError.
                    error = binding.definition_error
                    raise type(error)(str(error))
                continue
            if inspect.isfunction(value):
                base = overridden_task(cls, name)
                if base is not None:
                    # A plain method overriding a task is still that task.
                    override = make_override(cls, name, value, base)
                    late = override._method.definition_error if override._method is not None else None
                    if late is not None:
                        raise type(late)(str(late))
                    setattr(cls, name, override)

    def to_collection(self, name: Optional[str] = None, config: Optional[Dict[str, Any]] = None) -> "Collection":
        """A `Collection` of this instance's tasks (bound to it) and sub-collections.

        ``name`` defaults to ``collection_name``; ``config`` becomes the
        collection's configuration.
        """
        from .collection import Collection

        return Collection.from_object(self, name=name, config=config)


def _as_classmethod_task(found: "Task[Any]", owner: type, name: str) -> "Task[Any]":
    """Turn the task inside ``classmethod(task)`` into a classmethod task adopted by ``owner``."""
    if not isinstance(found.body, classmethod):
        found.body = classmethod(found.body)  # type: ignore[assignment]  # unwrapped on call
    binding = method_binding(found)
    binding.kind = "class"
    binding.is_method = True
    adopt(found, owner, name)
    return found
