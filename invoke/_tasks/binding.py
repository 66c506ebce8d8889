"""Method tasks: adopting a `Task` into a class, binding it to instances, overrides.

`Task.__set_name__` calls `adopt`, `Task.__get__` calls `bind`. A bound task
is a copy of the method task's options whose body is the bound method; one
instance always gets the same bound task object for one method task.
"""

from __future__ import annotations

import inspect
import types
import weakref
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Set, Tuple

from .signature import body_identity, body_signature, describe_body

if TYPE_CHECKING:
    from ..tasks import Task

__all__ = [
    "adopt",
    "bind",
    "is_template_class",
    "make_override",
    "overridden_task",
    "task_on",
    "unwrap_task",
]

# Where an instance keeps its bound tasks (keyed by id of the method task).
_CACHE_KEY = "_invoke_bound_tasks"

# Per class: method tasks made for plain methods overriding a task (see
# `_plain_override`), so that each is made once and binds to one cache entry.
_PLAIN_OVERRIDES: "weakref.WeakKeyDictionary[type, Dict[str, Task[Any]]]" = weakref.WeakKeyDictionary()
# Per class: (method task, its copy inheriting along that class's MRO), see `_along_mro`.
_MRO_OVERRIDES: "weakref.WeakKeyDictionary[type, Dict[str, Tuple[Task[Any], Task[Any]]]]" = (
    weakref.WeakKeyDictionary()
)

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
    from ..tasks import Task

    if isinstance(value, (staticmethod, classmethod)):
        value = value.__func__
    return value if isinstance(value, Task) else None


def _qualname_of(task: "Task[Any]") -> str:
    """The qualified name of the function a task wraps (inside a classmethod too)."""
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
    """The parameter names ``task`` takes flags for; None when unknown until bound (callbacks)."""
    if task._callback_attr is not None:
        return None
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


def _only_forwards(func: Callable[..., Any]) -> bool:
    """Whether ``func(self, c, *args, **kwargs)`` names no parameters of its own after the context."""
    try:
        params = list(body_signature(func, method=True).parameters.values())
    except TypeError:
        return False
    # body_signature already drops *args/**kwargs: nothing left means forwarding.
    return not params and _has_varargs(func)


def _has_varargs(func: Callable[..., Any]) -> bool:
    """Whether ``func`` takes ``*args`` or ``**kwargs``."""
    code = getattr(func, "__code__", None)
    return code is not None and bool(code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS))


def make_override(owner: type, name: str, func: Callable[..., Any], base: "Task[Any]") -> "Task[Any]":
    """A method task for ``func``, a plain method overriding task ``base``: it keeps every option.

    An override of a callback task that only forwards (``*args, **kwargs``)
    stays a callback task; one naming its own parameters uses them.
    """
    new = base._copy_metadata()
    new.body = func
    new.__name__, doc, new.__module__ = body_identity(func)
    new.__doc__ = doc if doc is not None else base.__doc__
    new._owner = owner
    new._attr_name = name
    new._method = True
    new._unbound = None
    new._instance = None
    new._callback_attr = base._callback_attr if _only_forwards(func) else None
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
    """The callable a callback task reads from ``instance`` (None drops the task); errors name the fix."""
    from ..tasks import Task

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


class _BoundTaskCache(Dict[int, "Task[Any]"]):
    """An instance's bound tasks: a cache, not state, so it never makes instances differ.

    It compares equal to any other cache (``vars(a) == vars(b)`` idioms keep
    working) and pickles and copies as an empty cache (bound methods inside
    cannot be pickled, and a copy must bind to itself).
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _BoundTaskCache)

    def __ne__(self, other: object) -> bool:
        return not isinstance(other, _BoundTaskCache)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (_BoundTaskCache, ())

    def __copy__(self) -> "_BoundTaskCache":
        return _BoundTaskCache()

    def __deepcopy__(self, memo: Dict[int, Any]) -> "_BoundTaskCache":
        return _BoundTaskCache()


def _cache_for(instance: Any) -> Optional[Dict[int, "Task[Any]"]]:
    """The bound-task cache of ``instance``, created on first use; None when it cannot hold one."""
    try:
        namespace = vars(instance)
    except TypeError:
        return None  # __slots__ without __dict__: bind afresh each time
    if isinstance(instance, type):
        return None  # class-level binding (classmethod tasks): not cached
    cache = namespace.get(_CACHE_KEY)
    if not isinstance(cache, _BoundTaskCache):
        cache = _BoundTaskCache()
        namespace[_CACHE_KEY] = cache
    return cache


def _along_mro(owner: type, task: "Task[Any]") -> "Task[Any]":
    """``task`` with its options inherited along ``owner``'s MRO rather than its own class's.

    A method task inherits, when its class is created, from what that
    class's bases define. In a subclass combining it with other bases (a
    mixin listed first, a diamond), the definition it overrides is the next
    one along the subclass's MRO; options then come from that one.
    """
    name = task._attr_name
    defining = task._owner
    if name is None or defining is None or defining is owner:
        return task
    mro = owner.__mro__
    if defining not in mro:
        return task
    following = mro[mro.index(defining) + 1 :]
    base = next((unwrap_task(vars(klass)[name]) for klass in following if name in vars(klass)), None)
    if base is None or base is overridden_task(defining, name):
        return task
    # What ``base`` inherits comes from further down this same MRO.
    base = _along_mro(owner, base)
    known = _MRO_OVERRIDES.get(owner)
    if known is not None and name in known and known[name][0] is task:
        return known[name][1]
    derived = task._copy_metadata()
    _inherit(derived, base)
    try:
        derived.positional = list(derived.fill_implicit_positionals(derived._given_positional))
    except TypeError as exc:
        derived._definition_error = exc
    try:
        _MRO_OVERRIDES.setdefault(owner, {})[name] = (task, derived)
    except TypeError:
        pass  # a class that cannot be weakly referenced: derive afresh next time
    return derived


def bind(task: "Task[Any]", instance: Any) -> "Task[Any]":
    """The bound task of method task ``task`` for ``instance`` (created once per instance)."""
    if not isinstance(instance, type):
        task = _along_mro(type(instance), task)
    cache = _cache_for(instance)
    hit = cache.get(id(task)) if cache is not None else None
    if hit is not None and hit._instance is instance and hit._unbound is task:
        if task._callback_attr is not None:
            # The instance may have been given another callback since.
            _use_callback(hit, task, _lookup_callback(task, instance))
        if hit._neighbors is not None:
            hit.pre, hit.post = (_live(items) for items in hit._neighbors)
        return hit
    bound = task._copy_metadata()
    if not isinstance(instance, type):
        bound.body = task.body.__get__(instance, type(instance))
    elif isinstance(task.body, classmethod):
        bound.body = task.body.__get__(None, instance)
    else:
        # ``@classmethod`` outside ``@task``: the plain function gets the class.
        bound.body = types.MethodType(task.body, instance)
    bound._unbound = task
    bound._instance = instance
    bound.times_called = 0
    if task._callback_attr is not None:
        _use_callback(bound, task, _lookup_callback(task, instance))
    if cache is not None:
        cache[id(task)] = bound
    # Resolve after caching, so tasks naming each other as pre/post terminate.
    pre = _resolve_all(task.pre, instance)
    post = _resolve_all(task.post, instance)
    bound._neighbors = None
    if any(_callback_task_of(item) is not None for item in pre + post):
        # Kept whole so that a callback set (or cleared) later is seen.
        bound._neighbors = (pre, post)
    bound.pre, bound.post = _live(pre), _live(post)
    return bound


def _callback_task_of(item: Any) -> Optional["Task[Any]"]:
    """The bound callback task a pre/post entry (task or `Call`) runs, if it runs one."""
    found = getattr(item, "task", item)
    unbound = getattr(found, "_unbound", None)
    if unbound is not None and unbound._callback_attr is not None:
        return found  # type: ignore[no-any-return]
    return None


def _live(items: List[Any]) -> List[Any]:
    """``items`` without callback tasks whose callback is ``None`` on their instance.

    Such a task does not exist for that instance, so it is not run as a
    pre/post task either.
    """
    kept = []
    for item in items:
        found = _callback_task_of(item)
        if found is not None:
            unbound = found._unbound
            assert unbound is not None
            _use_callback(found, unbound, _lookup_callback(unbound, found._instance))
            if found._callback is None:
                continue
        kept.append(item)
    return kept


def _plain_override(owner: type, name: str, func: Callable[..., Any]) -> Optional["Task[Any]"]:
    """The task a plain method ``func`` (attribute ``name`` of ``owner``) stands for, if any.

    It overrides whatever the next class along ``owner``'s MRO defines under
    ``name`` (a mixin's plain method can override a template's task); when
    that is a task, the method is that task with every option kept.
    """
    known = _PLAIN_OVERRIDES.get(owner)
    if known is not None and name in known and known[name].body is func:
        return known[name]
    mro = owner.__mro__
    index = next((i for i, klass in enumerate(mro) if name in vars(klass)), None)
    if index is None:
        return None
    base = next((unwrap_task(vars(klass)[name]) for klass in mro[index + 1 :] if name in vars(klass)), None)
    if base is None:
        return None
    # The task below may itself override one further down this MRO (a
    # second mixin above the template): inherit along the whole chain.
    override = make_override(mro[index], name, func, _along_mro(owner, base))
    try:
        _PLAIN_OVERRIDES.setdefault(owner, {})[name] = override
    except TypeError:
        pass  # a class that cannot be weakly referenced: build it afresh next time
    return override


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
            found = _plain_override(owner, name, value)
        if found is None:
            return None
    if isinstance(value, classmethod) or found._classmethod:
        return bind(found, owner)
    if found._method and found._unbound is None:
        if found._definition_error is not None:
            raise found._definition_error
        return bind(found, instance)
    return found


#: What `_resolve` gives for an entry naming a task the instance removed (set to ``None``).
_REMOVED = object()


def _resolve_all(items: List[Any], instance: Any) -> List[Any]:
    """Pre/post ``items`` as seen from ``instance``, without the tasks it removed."""
    resolved = (_resolve(item, instance) for item in items)
    return [item for item in resolved if item is not _REMOVED]


def _resolve(item: Any, instance: Any) -> Any:
    """A pre/post entry as seen from ``instance``: sibling method tasks become its bound tasks."""
    from ..tasks import Call, Task

    if isinstance(item, Task):
        if item._method and item._unbound is None and item._owner is not None and isinstance(instance, item._owner):
            name = item._attr_name or ""
            if name and inspect.getattr_static(instance, name, _REMOVED) is None:
                return _REMOVED  # ``name = None`` in a subclass: no such task here
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
        if resolved_task is _REMOVED:
            return _REMOVED
        if resolved_task is not item.task:
            return item.clone(with_={"task": resolved_task})
    return item
