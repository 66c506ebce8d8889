"""Method tasks: adopting a `Task` into a class, binding it to instances, overrides.

`Task.__set_name__` calls `adopt`, `Task.__get__` calls `bind`. A bound task
is a copy of the method task's options whose body is the bound method; one
instance always gets the same bound task object for one method task.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional, Set

from ._signature import body_identity, body_signature, describe_body

if TYPE_CHECKING:
    from .tasks import Task

__all__ = [
    "adopt",
    "bind",
    "callback_of",
    "is_template_class",
    "make_override",
    "overridden_task",
    "task_on",
    "unwrap_task",
]

# Where an instance keeps its bound tasks (keyed by id of the method task).
_CACHE_KEY = "_invoke_bound_tasks"

# Option name -> attribute holding it on a Task.
_OPTION_ATTRS = {
    "name": "_name",
    "aliases": "aliases",
    "positional": "_given_positional",
    "optional": "optional",
    "default": "is_default",
    "auto_shortflags": "auto_shortflags",
    "help": "help",
    "pre": "pre",
    "post": "post",
    "autoprint": "autoprint",
    "iterable": "iterable",
    "incrementable": "incrementable",
}


def is_template_class(cls: type) -> bool:
    """Whether ``cls`` derives from `TaskTemplate` (without importing it)."""
    return any(vars(klass).get("_invoke_task_template", False) for klass in cls.__mro__)


def unwrap_task(value: Any) -> Optional["Task[Any]"]:
    """The `Task` behind a class attribute value (also inside static/classmethod), or None."""
    from .tasks import Task

    if isinstance(value, (staticmethod, classmethod)):
        value = value.__func__
    return value if isinstance(value, Task) else None


def _qualname_of(task: "Task[Any]") -> str:
    body = task.body
    if isinstance(body, classmethod):
        body = body.__func__
    return str(getattr(body, "__qualname__", "") or "")


def overridden_task(owner: type, name: str) -> Optional["Task[Any]"]:
    """The `Task` that attribute ``name`` of ``owner`` overrides in a base class, if any."""
    for klass in owner.__mro__[1:]:
        if name in vars(klass):
            return unwrap_task(vars(klass)[name])
    return None


def adopt(task: "Task[Any]", owner: type, name: str) -> None:
    """Make ``task`` a method task of ``owner`` if its body was defined in that class body.

    A module-level task merely stored on a class stays a plain shared task.
    Options the override does not set are inherited from the overridden
    task; a missing context parameter is reported here (or, for templates,
    re-raised unwrapped by ``TaskTemplate.__init_subclass__``).
    """
    if task._owner is not None or task._unbound is not None or task._static:
        return
    qualname = _qualname_of(task)
    if not qualname.startswith(owner.__qualname__ + ".") or "<locals>" in qualname[len(owner.__qualname__) :]:
        return
    task._owner = owner
    task._attr_name = name
    task._method = True
    base = overridden_task(owner, name)
    if base is not None:
        _inherit(task, base)
    try:
        task.positional = list(task.fill_implicit_positionals(task._given_positional))
    except TypeError as exc:
        task._definition_error = exc
        if not is_template_class(owner):
            raise


def _param_names(task: "Task[Any]") -> Optional[Set[str]]:
    try:
        return set(body_signature(task.body, method=True).parameters)
    except TypeError:
        return None


def _inherit(task: "Task[Any]", base: "Task[Any]") -> None:
    """Copy into ``task`` every option it did not set itself from ``base``."""
    params = _param_names(task)
    for option, attr in _OPTION_ATTRS.items():
        if option in task._explicit_options:
            continue
        value = getattr(base, attr)
        if isinstance(value, dict):
            value = dict(value)
            if params is not None:
                value = {k: v for k, v in value.items() if k in params or k.replace("-", "_") in params}
        elif isinstance(value, (list, tuple)) and option in ("positional", "optional", "iterable", "incrementable"):
            kept = [v for v in value if params is None or v in params]
            value = type(value)(kept) if isinstance(value, tuple) else kept
        elif isinstance(value, list):
            value = list(value)
        setattr(task, attr, value)
    if task.__doc__ is None:
        task.__doc__ = base.__doc__
    # Options a Task subclass added (Fabric's ``hosts``) carry over too.
    for key, value in vars(base).items():
        if not key.startswith("_") and key not in vars(task):
            setattr(task, key, value)


def make_override(owner: type, name: str, func: Callable[..., Any], base: "Task[Any]") -> "Task[Any]":
    """A method task for ``func``, a plain method overriding task ``base``: it keeps every option."""
    new = base._copy_metadata()
    new.body = func
    new.__name__, doc, new.__module__ = body_identity(func)
    new.__doc__ = doc if doc is not None else base.__doc__
    new._owner = owner
    new._attr_name = name
    new._method = True
    new._unbound = None
    new._instance = None
    new._callback_attr = None
    new._callback = None
    new._definition_error = None
    new.times_called = 0
    new._explicit_options = set()
    _inherit(new, base)
    try:
        new.positional = list(new.fill_implicit_positionals(new._given_positional))
    except TypeError as exc:
        new._definition_error = exc
    return new


def _lookup_callback(task: "Task[Any]", instance: Any) -> Optional[Callable[..., Any]]:
    from .tasks import Task

    attr = task._callback_attr
    where = f"{type(instance).__name__}.{task._attr_name}"
    marker = object()
    namespace = getattr(instance, "__dict__", {})
    if attr in namespace:
        callback = namespace[attr]
    elif inspect.getattr_static(instance, attr, marker) is marker:  # type: ignore[arg-type]
        callback = marker
    else:
        # Defined on the class (a method, a staticmethod...): bind it normally.
        callback = getattr(instance, attr)  # type: ignore[arg-type]
    if callback is marker:
        raise TypeError(
            f"{where} is a callback_task reading self.{attr}, but {type(instance).__name__} "
            f"has no attribute {attr!r}; set self.{attr} in __init__ (None drops the task)"
        )
    if callback is None:
        return None
    if isinstance(callback, Task):
        callback = callback.body
    if not callable(callback):
        raise TypeError(
            f"{where} is a callback_task reading self.{attr}, but it is "
            f"{type(callback).__name__} {callback!r}, not callable; give it a function "
            "taking (c, ...) or None to drop the task"
        )
    try:
        body_signature(callback)
    except TypeError as exc:
        raise TypeError(f"{where}: callback self.{attr} ({describe_body(callback)}) cannot be a task: {exc}") from None
    return callback  # type: ignore[no-any-return]


def callback_of(task: "Task[Any]", instance: Any) -> Optional[Callable[..., Any]]:
    """The callback a callback task uses on ``instance`` (None when the attribute is None)."""
    return _lookup_callback(task, instance)


def _use_callback(bound: "Task[Any]", task: "Task[Any]", callback: Optional[Callable[..., Any]]) -> None:
    """Make ``bound`` take its flags, positionals and docstring from ``callback``."""
    if callback is bound._callback and callback is not None:
        return
    bound._callback = callback
    bound.__doc__ = task.__doc__
    if callback is not None:
        _, doc, _ = body_identity(callback)
        if doc is not None:
            bound.__doc__ = doc
    bound.positional = list(bound.fill_implicit_positionals(task._given_positional))


def _cache_for(instance: Any) -> Optional[Dict[int, "Task[Any]"]]:
    try:
        namespace = vars(instance)
    except TypeError:
        return None  # __slots__ without __dict__: bind afresh each time
    if isinstance(instance, type):
        return None  # class-level binding (classmethod tasks): not cached
    cache = namespace.get(_CACHE_KEY)
    if not isinstance(cache, dict):
        cache = {}
        namespace[_CACHE_KEY] = cache
    return cache


def bind(task: "Task[Any]", instance: Any) -> "Task[Any]":
    """The bound task of method task ``task`` for ``instance`` (created once per instance)."""
    cache = _cache_for(instance)
    hit = cache.get(id(task)) if cache is not None else None
    if hit is not None and hit._instance is instance and hit._unbound is task:
        if task._callback_attr is not None:
            # The instance may have been given another callback since.
            _use_callback(hit, task, _lookup_callback(task, instance))
        return hit
    bound = task._copy_metadata()
    owner = instance if isinstance(instance, type) else type(instance)
    bound.body = task.body.__get__(None if isinstance(instance, type) else instance, owner)
    bound._unbound = task
    bound._instance = instance
    bound.times_called = 0
    if task._callback_attr is not None:
        _use_callback(bound, task, _lookup_callback(task, instance))
    if cache is not None:
        cache[id(task)] = bound
    # Resolve after caching, so tasks naming each other as pre/post terminate.
    bound.pre = [_resolve(item, instance) for item in task.pre]
    bound.post = [_resolve(item, instance) for item in task.post]
    return bound


def task_on(instance: Any, name: str) -> Optional["Task[Any]"]:
    """The task attribute ``name`` gives on ``instance``, bound; None when it is not a task.

    Uses `inspect.getattr_static`, so properties are never run; a plain
    method overriding a base-class task counts as that task.
    """
    value = inspect.getattr_static(instance, name, None)
    if value is None:
        return None
    found = unwrap_task(value)
    owner = type(instance)
    if found is None:
        if inspect.isfunction(value) and name not in getattr(instance, "__dict__", {}):
            defining = next((k for k in owner.__mro__ if name in vars(k)), None)
            base = overridden_task(defining, name) if defining is not None else None
            if base is not None:
                found = make_override(defining, name, value, base)  # type: ignore[arg-type]
        if found is None:
            return None
    if isinstance(value, classmethod) or found._classmethod:
        return bind(found, owner)
    if found._method and found._unbound is None:
        if found._definition_error is not None:
            raise found._definition_error
        return bind(found, instance)
    return found


def _resolve(item: Any, instance: Any) -> Any:
    """A pre/post entry as seen from ``instance``: sibling method tasks become its bound tasks."""
    from .tasks import Call, Task

    if isinstance(item, Task):
        if item._method and item._unbound is None and item._owner is not None and isinstance(instance, item._owner):
            name = item._attr_name or ""
            try:
                resolved = task_on(instance, name)
            except TypeError:
                resolved = None
            if resolved is not None:
                return resolved
            return bind(item, instance)
        return item
    if isinstance(item, Call) and isinstance(item.task, Task):
        resolved_task = _resolve(item.task, instance)
        if resolved_task is not item.task:
            return item.clone(with_={"task": resolved_task})
    return item
