"""Method tasks: what turns a `Task` written in a class body into a task of each instance.

A plain `Task` has a body, options and a name. A task written in a class
body also carries one `MethodBinding` (``task._method``; ``None`` on plain
tasks) holding everything that only method tasks need: the class that
adopted it and the attribute name, whether it wraps a classmethod or a
staticmethod, for a bound copy the task it was bound from and the instance,
for a `callback_task` the attribute naming its callback, the options the
task set itself (the others are inherited from the task it overrides), and a
definition error kept until the class is used.

`BindableTask`, a base class of `Task`, is the descriptor protocol built on
it: ``__set_name__`` calls `adopt`, ``__get__`` calls `bind`. A bound task
is a copy of the method task's options whose body is the bound method. An
instance keeps its bound tasks, and the task copies made for it by
overrides, in one attribute (see `invoke._tasks.instance_cache`), so one instance always gives the
same bound task for one method task.
"""

from __future__ import annotations

import inspect
import types
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Set, Tuple

from .instance_cache import cache_for as _cache_for
from .signature import body_identity, body_signature, describe_body, in_class_body, looks_like_unbound_method

if TYPE_CHECKING:
    from ..tasks import Task

__all__ = [
    "BindableTask", "MethodBinding", "adopt", "bind", "is_template_class", "make_override",
    "method_binding", "overridden_task", "task_on", "unwrap_task",
]

#: Options a task shares with the task it overrides, their defaults, and the Task attribute holding each.
_OPTIONS: Dict[str, Tuple[Any, str]] = {
    "name": (None, "_name"),
    "aliases": ((), "aliases"),
    "positional": (None, ""),  # kept as given on the binding (`MethodBinding.given_positional`)
    "optional": ((), "optional"),
    "default": (False, "is_default"),
    "auto_shortflags": (True, "auto_shortflags"),
    "help": (None, "help"),
    "pre": (None, "pre"),
    "post": (None, "post"),
    "autoprint": (False, "autoprint"),
    "iterable": (None, "iterable"),
    "incrementable": (None, "incrementable"),
}


class MethodBinding:
    """What makes a task a method task; a `Task` holds one as ``_method`` (plain tasks: ``None``).

    ``kind`` is ``"function"``, ``"class"`` (a classmethod body) or
    ``"static"`` (a staticmethod body, never bound). ``is_method`` is true
    once the task is a method task: adopted by a class, or a plain
    ``Cls.method`` function handed to `Task`.
    """

    __slots__ = (
        "kind",
        "is_method",
        "owner",
        "attr_name",
        "unbound",
        "instance",
        "callback_attr",
        "callback",
        "explicit",
        "given_positional",
        "definition_error",
        "neighbors",
    )

    def __init__(self, kind: str, explicit: Set[str], given_positional: Optional[Tuple[str, ...]]) -> None:
        self.kind = kind
        self.is_method = kind == "class"
        #: The class whose body defined the task, and the attribute it was defined under.
        self.owner: Optional[type] = None
        self.attr_name: Optional[str] = None
        #: For a bound task: the method task it was bound from, and the instance (or class).
        self.unbound: Optional["Task[Any]"] = None
        self.instance: Any = None
        #: For a callback task: the instance attribute naming the callback, and (bound) the callback.
        self.callback_attr: Optional[str] = None
        self.callback: Optional[Callable[..., Any]] = None
        #: Options given rather than left at their defaults; an override inherits the others.
        self.explicit = explicit
        self.given_positional = given_positional
        #: A missing context parameter, raised when the class is used rather than defined.
        self.definition_error: Optional[BaseException] = None
        #: A bound task's resolved pre/post lists, kept when they hold callback tasks.
        self.neighbors: Optional[Tuple[List[Any], List[Any]]] = None

    @classmethod
    def for_new_task(cls, body: Any, descriptor: str, given: Dict[str, Any]) -> Optional["MethodBinding"]:
        """The binding a new task with ``body`` starts with; ``None`` for one that cannot be a method task.

        ``descriptor`` is what wrapped the body (``"static"``, ``"class"`` or
        ``""``); ``given`` the options exactly as passed to `Task`.
        """
        func = body.__func__ if isinstance(body, classmethod) else body
        if not descriptor and not in_class_body(func):
            return None  # a module-level function: never adopted by a class
        explicit = {key for key, value in given.items() if value != _OPTIONS[key][0]}
        positional = given["positional"]
        binding = cls(descriptor or "function", explicit, tuple(positional) if positional is not None else None)
        binding.is_method = descriptor == "class" or looks_like_unbound_method(body)
        return binding

    def copy(self) -> "MethodBinding":
        new = MethodBinding(self.kind, set(self.explicit), self.given_positional)
        for slot in self.__slots__:
            if slot != "explicit":
                setattr(new, slot, getattr(self, slot))
        return new

    @property
    def needs_binding(self) -> bool:
        """Whether this is a method task not yet bound (one only an instance or class can run)."""
        return self.is_method and self.unbound is None

    @property
    def wants_instance(self) -> bool:
        """Whether calling the task directly needs the instance first (``Cls.task(instance, c)``)."""
        return self.is_method and self.unbound is None and self.kind != "class"

    def where(self) -> Optional[str]:
        """``Owner.attribute``, when adopted by a class."""
        if self.owner is not None and self.attr_name is not None:
            return f"{self.owner.__name__}.{self.attr_name}"
        return None


def method_binding(task: "Task[Any]") -> MethodBinding:
    """``task``'s binding, attaching one first if it has none (from the options it holds)."""
    binding = task._method
    if binding is None:
        explicit = {
            option
            for option, (default, attr) in _OPTIONS.items()
            if attr and getattr(task, attr) not in (default, [], {})
        }
        binding = task._method = MethodBinding("function", explicit, None)
    return binding


class BindableTask:
    """The descriptor protocol of `Task`: method tasks are adopted by their class, bound per instance."""

    _method: Optional[MethodBinding]

    def __set_name__(self, owner: type, name: str) -> None:
        adopt(self, owner, name)  # type: ignore[arg-type]

    def __get__(self, instance: Any, owner: Optional[type] = None) -> Any:
        binding = self._method
        if binding is None or not binding.is_method or binding.unbound is not None:
            return self
        if instance is None and binding.kind != "class":
            return self
        return bind(self, instance if instance is not None else owner)  # type: ignore[arg-type]


def is_template_class(cls: type) -> bool:
    """Whether ``cls`` derives from `TaskTemplate` (without importing it)."""
    return any(vars(klass).get("_invoke_task_template", False) for klass in cls.__mro__)


def unwrap_task(value: Any) -> Optional["Task[Any]"]:
    """The `Task` behind a class attribute value (also inside static/classmethod), or None."""
    if isinstance(value, (staticmethod, classmethod)):
        value = value.__func__
    return value if isinstance(value, BindableTask) else None  # type: ignore[return-value]


def _bound_from(item: Any) -> Optional["Task[Any]"]:
    """The method task a bound task was bound from, else None."""
    binding = getattr(item, "_method", None) if isinstance(item, BindableTask) else None
    return binding.unbound if binding is not None else None


# -- adoption: a class body defines a method task ------------------------------------


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
    current = task._method
    if current is not None and (current.owner is not None or current.unbound is not None or current.kind == "static"):
        return
    qualname = _qualname_of(task)
    if not qualname.startswith(owner.__qualname__ + ".") or "<locals>" in qualname[len(owner.__qualname__) :]:
        return
    binding = method_binding(task)
    binding.owner = owner
    binding.attr_name = name
    binding.is_method = True
    base = overridden_task(owner, name)
    if base is not None:
        _inherit(task, base)
    _settle_positionals(task, raise_unless_template=owner)


def _settle_positionals(task: "Task[Any]", raise_unless_template: Optional[type] = None) -> None:
    """Compute ``task``'s positionals now; a definition error is kept on its binding.

    With ``raise_unless_template``, the error is raised at once unless that
    class is a task template (whose ``__init_subclass__`` raises it).
    """
    binding = method_binding(task)
    try:
        task.positional = list(task.fill_implicit_positionals(binding.given_positional))
    except TypeError as exc:
        binding.definition_error = exc
        if raise_unless_template is not None and not is_template_class(raise_unless_template):
            raise


def _param_names(task: "Task[Any]") -> Optional[Set[str]]:
    """The parameter names ``task`` takes flags for; None when unknown until bound (callbacks)."""
    if method_binding(task).callback_attr is not None:
        return None
    try:
        return set(body_signature(task.body, method=True).parameters)
    except TypeError:
        return None


def _inherit(task: "Task[Any]", base: "Task[Any]") -> None:
    """Copy into ``task`` every option it did not set itself from ``base``."""
    binding = method_binding(task)
    params = _param_names(task)
    for option, (_, attr) in _OPTIONS.items():
        if option in binding.explicit:
            continue
        if option == "positional":
            given = base._method.given_positional if base._method is not None else None
            if given is not None and params is not None:
                given = tuple(v for v in given if v in params)
            binding.given_positional = given
            continue
        value = getattr(base, attr)
        if isinstance(value, dict):
            value = dict(value)
            if params is not None:
                value = {k: v for k, v in value.items() if k in params or k.replace("-", "_") in params}
        elif isinstance(value, (list, tuple)) and option in ("optional", "iterable", "incrementable"):
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


# -- overrides: a plain method standing for the task it overrides ---------------------


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
    base_binding = base._method
    binding = new._method = MethodBinding(
        base_binding.kind if base_binding is not None else "function",
        set(),
        base_binding.given_positional if base_binding is not None else None,
    )
    binding.owner = owner
    binding.attr_name = name
    binding.is_method = True
    binding.callback_attr = base_binding.callback_attr if base_binding is not None and _only_forwards(func) else None
    new.times_called = 0
    _inherit(new, base)
    _settle_positionals(new)
    return new


# -- the instance's tasks: bound copies and override copies ---------------------------


def _along_mro(instance: Any, task: "Task[Any]") -> "Task[Any]":
    """``task`` with its options inherited along ``instance``'s MRO rather than its own class's.

    A method task inherits, when its class is created, from what that
    class's bases define. In a subclass combining it with other bases (a
    mixin listed first, a diamond), the definition it overrides is the next
    one along the subclass's MRO; options then come from that one.
    """
    binding = task._method
    if binding is None:
        return task  # a plain task stored on a class: nothing to inherit
    name, defining, owner = binding.attr_name, binding.owner, type(instance)
    if name is None or defining is None or defining is owner:
        return task
    mro = owner.__mro__
    if defining not in mro:
        return task
    following = mro[mro.index(defining) + 1 :]
    base = next((unwrap_task(vars(klass)[name]) for klass in following if name in vars(klass)), None)
    if base is None or base is overridden_task(defining, name):
        return task
    cache = _cache_for(instance)
    key = ("mro", id(task))
    known = cache.get(key) if cache is not None else None
    if known is not None and known[0] is task:
        return known[1]  # type: ignore[no-any-return]
    # What ``base`` inherits comes from further down this same MRO.
    base = _along_mro(instance, base)
    derived = task._copy_metadata()
    _inherit(derived, base)
    _settle_positionals(derived)
    if cache is not None:
        cache[key] = (task, derived)
    return derived


def bind(task: "Task[Any]", instance: Any) -> "Task[Any]":
    """The bound task of method task ``task`` for ``instance`` (created once per instance)."""
    if not isinstance(instance, type):
        task = _along_mro(instance, task)
    unbound = task._method
    assert unbound is not None
    cache = _cache_for(instance)
    hit = cache.get(id(task)) if cache is not None else None
    if hit is not None and hit._method.instance is instance and hit._method.unbound is task:
        if unbound.callback_attr is not None:
            # The instance may have been given another callback since.
            _use_callback(hit, task, _lookup_callback(task, instance))
        if hit._method.neighbors is not None:
            hit.pre, hit.post = (_live(items) for items in hit._method.neighbors)
        return hit  # type: ignore[no-any-return]
    bound = task._copy_metadata()
    if not isinstance(instance, type):
        bound.body = task.body.__get__(instance, type(instance))
    elif isinstance(task.body, classmethod):
        bound.body = task.body.__get__(None, instance)
    else:
        # ``@classmethod`` outside ``@task``: the plain function gets the class.
        bound.body = types.MethodType(task.body, instance)
    binding = bound._method
    assert binding is not None
    binding.unbound = task
    binding.instance = instance
    bound.times_called = 0
    if unbound.callback_attr is not None:
        _use_callback(bound, task, _lookup_callback(task, instance))
    if cache is not None:
        cache[id(task)] = bound
    # Resolve after caching, so tasks naming each other as pre/post terminate.
    pre = _resolve_all(task.pre, instance)
    post = _resolve_all(task.post, instance)
    binding.neighbors = None
    if any(_callback_task_of(item) is not None for item in pre + post):
        # Kept whole so that a callback set (or cleared) later is seen.
        binding.neighbors = (pre, post)
    bound.pre, bound.post = _live(pre), _live(post)
    return bound


def _plain_override(instance: Any, name: str, func: Callable[..., Any]) -> Optional["Task[Any]"]:
    """The task a plain method ``func`` (attribute ``name`` on ``instance``) stands for, if any.

    It overrides whatever the next class along the instance's MRO defines
    under ``name`` (a mixin's plain method can override a template's task);
    when that is a task, the method is that task with every option kept.
    """
    cache = _cache_for(instance)
    key = ("plain", name)
    known = cache.get(key) if cache is not None else None
    if known is not None and known.body is func:
        return known  # type: ignore[no-any-return]
    mro = type(instance).__mro__
    index = next((i for i, klass in enumerate(mro) if name in vars(klass)), None)
    if index is None:
        return None
    base = next((unwrap_task(vars(klass)[name]) for klass in mro[index + 1 :] if name in vars(klass)), None)
    if base is None:
        return None
    # The task below may itself override one further down this MRO (a
    # second mixin above the template): inherit along the whole chain.
    if base._method is not None and base._method.is_method and not isinstance(instance, type):
        base = _along_mro(instance, base)
    override = make_override(mro[index], name, func, base)
    if cache is not None:
        cache[key] = override
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
            found = _plain_override(instance, name, value)
        if found is None:
            return None
    binding = found._method
    if isinstance(value, classmethod) or (binding is not None and binding.kind == "class"):
        method_binding(found)
        return bind(found, owner)
    if binding is not None and binding.is_method and binding.unbound is None:
        if binding.definition_error is not None:
            raise binding.definition_error
        return bind(found, instance)
    return found


# -- callbacks and pre/post neighbours ------------------------------------------------


def _lookup_callback(task: "Task[Any]", instance: Any) -> Optional[Callable[..., Any]]:
    """The callable a callback task reads from ``instance`` (None drops the task); errors name the fix."""
    binding = method_binding(task)
    attr = binding.callback_attr
    assert attr is not None
    where = f"{type(instance).__name__}.{binding.attr_name}"
    marker = object()
    namespace = getattr(instance, "__dict__", {})
    if attr in namespace:
        callback = namespace[attr]
    elif inspect.getattr_static(instance, attr, marker) is marker:
        callback = marker
    else:
        # Defined on the class (a method, a staticmethod...): bind it normally.
        callback = getattr(instance, attr)
    if callback is marker:
        raise TypeError(
            f"{where} is a callback_task reading self.{attr}, but {type(instance).__name__} "
            f"has no attribute {attr!r}; set self.{attr} in __init__ (None drops the task)"
        )
    if callback is None:
        return None
    if isinstance(callback, BindableTask):
        callback = callback.body  # type: ignore[attr-defined]
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
    binding = method_binding(bound)
    if callback is binding.callback and callback is not None:
        return
    binding.callback = callback
    bound.__doc__ = task.__doc__
    if callback is not None:
        _, doc, _ = body_identity(callback)
        if doc is not None:
            bound.__doc__ = doc
    given = task._method.given_positional if task._method is not None else None
    bound.positional = list(bound.fill_implicit_positionals(given))


def _callback_task_of(item: Any) -> Optional["Task[Any]"]:
    """The bound callback task a pre/post entry (task or `Call`) runs, if it runs one."""
    found = getattr(item, "task", item)
    unbound = _bound_from(found)
    if unbound is not None and unbound._method is not None and unbound._method.callback_attr is not None:
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
            binding = found._method
            assert binding is not None and binding.unbound is not None
            _use_callback(found, binding.unbound, _lookup_callback(binding.unbound, binding.instance))
            if binding.callback is None:
                continue
        kept.append(item)
    return kept


#: What `_resolve` gives for an entry naming a task the instance removed (set to ``None``).
_REMOVED = object()


def _resolve_all(items: List[Any], instance: Any) -> List[Any]:
    """Pre/post ``items`` as seen from ``instance``, without the tasks it removed."""
    resolved = (_resolve(item, instance) for item in items)
    return [item for item in resolved if item is not _REMOVED]


def _resolve(item: Any, instance: Any) -> Any:
    """A pre/post entry as seen from ``instance``: sibling method tasks become its bound tasks.

    Entries are tasks or `invoke.tasks.Call` objects (recognised by their
    ``task`` and ``clone``, so this module needs no import of tasks).
    """
    if isinstance(item, BindableTask):
        binding = item._method
        if (
            binding is not None
            and binding.is_method
            and binding.unbound is None
            and binding.owner is not None
            and isinstance(instance, binding.owner)
        ):
            name = binding.attr_name or ""
            if name and inspect.getattr_static(instance, name, _REMOVED) is None:
                return _REMOVED  # ``name = None`` in a subclass: no such task here
            try:
                resolved = task_on(instance, name)
            except TypeError:
                resolved = None
            if resolved is not None:
                return resolved
            return bind(item, instance)  # type: ignore[arg-type]
        return item
    inner = getattr(item, "task", None)
    if isinstance(inner, BindableTask) and callable(getattr(item, "clone", None)):
        resolved_task = _resolve(inner, instance)
        if resolved_task is _REMOVED:
            return _REMOVED
        if resolved_task is not inner:
            return item.clone(with_={"task": resolved_task})
    return item
