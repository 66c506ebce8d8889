"""Argument specs for every kind of task body; the only caller of `inspect.signature`.

A task body may be a plain function, a bound method, a method defined in a
class body (``self`` comes first), a `staticmethod`/`classmethod`, an object
with ``__call__``, a `functools.partial`, or a function wrapped with
`functools.wraps`. Each is reduced to the parameters after the context, and
each parameter's annotation (or default) to an argument kind.
"""

from __future__ import annotations

import enum
import functools
import inspect
import pathlib
import sys
import typing
from types import FunctionType as _FunctionType
from typing import Any, Dict, NamedTuple, Optional, Tuple

__all__ = [
    "NO_DEFAULT",
    "KindSpec",
    "body_identity",
    "body_signature",
    "describe_body",
    "in_class_body",
    "kind_for",
    "looks_like_unbound_method",
    "type_hints",
    "unwrap_descriptor",
]

#: Marks a parameter without a default (``None`` is a real default).
NO_DEFAULT = inspect.Parameter.empty

_SCALAR_KINDS = (str, int, float, bool)


class KindSpec(NamedTuple):
    """How a parameter is parsed: the `Argument` kind, item kind for lists, allowed choices."""

    kind: Any
    item_kind: Any = str
    choices: Optional[Tuple[Any, ...]] = None


def unwrap_descriptor(body: Any) -> Tuple[Any, str]:
    """Strip `staticmethod`/`classmethod` wrappers; return the callable and ``"static"``, ``"class"`` or ``""``."""
    if isinstance(body, staticmethod):
        return body.__func__, "static"
    if isinstance(body, classmethod):
        return body.__func__, "class"
    return body, ""


def _innermost(body: Any) -> Any:
    """The function that really holds the code, annotations and docstring."""
    seen = 0
    while seen < 100:
        seen += 1
        body, _ = unwrap_descriptor(body)
        if isinstance(body, functools.partial):
            body = body.func
        elif inspect.ismethod(body):
            body = body.__func__
        elif hasattr(body, "body") and hasattr(body, "get_arguments"):
            body = body.body  # a Task given as a body
        elif hasattr(body, "__wrapped__") and not isinstance(body, type):
            body = body.__wrapped__
        else:
            break
    return body


def looks_like_unbound_method(body: Any) -> bool:
    """Whether ``body`` is a function defined in a class body taking ``self`` or ``cls`` first.

    ``cls`` covers ``@classmethod`` written *outside* ``@task``: the task
    then holds the plain function and is bound to the class on access.
    """
    if not in_class_body(body):
        return False
    code = body.__code__
    return code.co_argcount > 0 and code.co_varnames[0] in ("self", "cls")


def in_class_body(func: Any) -> bool:
    """Whether ``func`` is a function written directly in a class body."""
    if not inspect.isfunction(func):
        return False
    parts = str(getattr(func, "__qualname__", "")).split(".")
    return len(parts) >= 2 and parts[-2] != "<locals>"


def describe_body(body: Any) -> str:
    """A readable name for a body, for error messages (``module.func`` or ``Class.method``)."""
    inner = _innermost(body)
    name = getattr(inner, "__qualname__", None) or getattr(inner, "__name__", None)
    if name is None:
        name = type(inner).__qualname__
    # ``outer.<locals>.Cls.method`` reads better as the part the user wrote.
    return str(name).rsplit("<locals>.", 1)[-1]


def body_identity(body: Any) -> Tuple[str, Optional[str], Optional[str]]:
    """The ``(__name__, __doc__, __module__)`` a task takes from its body.

    Partials report the wrapped function's name and docstring (never
    `functools.partial`'s own); callable objects their class's.
    """
    body, _ = unwrap_descriptor(body)
    target: Any = body
    if isinstance(target, functools.partial):
        target = _innermost(target)
    name = getattr(target, "__name__", None)
    doc = getattr(target, "__doc__", None)
    module = getattr(target, "__module__", None)
    if name is None:
        # A callable object: name and docs come from its class.
        cls = type(target)
        name = cls.__name__
        own_doc = cls.__dict__.get("__doc__")
        call_doc = getattr(getattr(cls, "__call__", None), "__doc__", None)
        doc = own_doc if own_doc is not None else call_doc
        module = cls.__module__
    return str(name), doc, module


def takes_context_quickly(body: Any, method: bool = False) -> bool:
    """Cheaply confirm that a plain function ``body`` has its context parameter.

    True only when that is certain from the code object alone (a plain,
    unwrapped function with enough positional parameters); False means
    "ask `body_signature`", which knows every body kind and words the
    error. This keeps ``@task`` cheap on big task files: building an
    `inspect.Signature` per task is most of the cost of loading them.
    """
    if type(body) is not _FunctionType or "__wrapped__" in body.__dict__ or "__signature__" in body.__dict__:
        return False
    return bool(body.__code__.co_argcount >= (2 if method else 1))


def body_signature(body: Any, method: bool = False, owner: str = "", static: bool = False) -> inspect.Signature:
    """The signature of ``body`` without its context (and ``self``/``cls`` for methods).

    ``method`` says the body is a function defined in a class body, so its
    first parameter is the instance; ``static`` that it was a `staticmethod`
    (only the wording of errors depends on it). Raises `TypeError` naming
    the body when it has no context parameter.
    """
    func, descriptor = unwrap_descriptor(body)
    if static:
        descriptor = "static"
    if descriptor == "class":
        method = True
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"Cannot read the parameters of task body {describe_body(body)}: {exc}") from None
    params = list(signature.parameters.values())
    fname = getattr(_innermost(body), "__name__", "task")
    # The hint spells the first parameter the way this kind of body takes it.
    first = "cls" if descriptor == "class" or (params and params[0].name == "cls") else "self"
    if not params and (method or in_class_body(func)):
        wanted = "c" if descriptor == "static" else f"{first}, c"
        raise TypeError(
            f"Tasks must have an initial Context argument! {owner or describe_body(body)} takes "
            f"no parameters; write: def {fname}({wanted}, ...)"
        )
    if method:
        if params[0].kind not in (
            inspect.Parameter.POSITIONAL_ONLY,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            inspect.Parameter.VAR_POSITIONAL,
        ):
            where = owner or describe_body(body)
            raise TypeError(
                f"{where} is a method task but takes no 'self'; write: def {fname}(self, c, ...)"
            )
        if params[0].kind != inspect.Parameter.VAR_POSITIONAL:
            params = params[1:]
    if not params or params[0].kind not in (
        inspect.Parameter.POSITIONAL_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        inspect.Parameter.VAR_POSITIONAL,
    ):
        if method:
            where = owner or describe_body(body)
            raise TypeError(
                f"Tasks must have an initial Context argument! {where} takes no "
                f"context parameter after {first}; write: def {fname}({first}, c, ...)"
            )
        raise TypeError(
            f"Tasks must have an initial Context argument! {describe_body(body)} takes "
            f"no context parameter; write: def {fname}(c, ...)"
        )
    if params[0].kind != inspect.Parameter.VAR_POSITIONAL:
        params = params[1:]
    # *args/**kwargs cannot be spelled as flags; they stay callable from Python.
    params = [
        p
        for p in params
        if p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    ]
    return signature.replace(parameters=params)


def type_hints(body: Any) -> Dict[str, Any]:
    """Resolved annotations of ``body`` (string annotations included); ``{}`` if unresolvable."""
    target = _innermost(body)
    if not (inspect.isfunction(target) or inspect.ismethod(target)):
        call = getattr(type(target), "__call__", None)
        if call is None:
            return {}
        target = _innermost(call)
    try:
        return typing.get_type_hints(target)
    except Exception:
        # One unresolvable annotation (a name imported only under
        # TYPE_CHECKING, say) must not cost the others theirs.
        return _hints_one_by_one(target)


def _hints_one_by_one(target: Any) -> Dict[str, Any]:
    """Resolve each annotation of ``target`` on its own, skipping those that fail."""
    raw = getattr(target, "__annotations__", None) or {}
    namespace = dict(getattr(target, "__globals__", None) or {})
    hints: Dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, str):
            try:
                value = eval(value, namespace)  # what typing.get_type_hints does, per name
            except Exception:
                continue
        hints[key] = value
    return hints


def _strip_optional(annotation: Any) -> Any:
    """``X`` for ``Optional[X]`` (or ``X | None``); anything else unchanged."""
    origin = typing.get_origin(annotation)
    union_types: Tuple[Any, ...] = (typing.Union,)
    if sys.version_info >= (3, 10):
        import types

        union_types = union_types + (types.UnionType,)
    if origin in union_types:
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return members[0]
    return annotation


def kind_for(annotation: Any, default: Any) -> KindSpec:
    """The argument kind for a parameter, from its annotation, else from its default's type."""
    spec = _kind_from_annotation(annotation) if annotation is not NO_DEFAULT else None
    if spec is not None:
        return spec
    if default is not NO_DEFAULT and default is not None:
        return KindSpec(type(default))
    return KindSpec(str)


def _kind_from_annotation(annotation: Any) -> Optional[KindSpec]:
    """The `KindSpec` an annotation asks for, or None when it says nothing we use."""
    annotation = _strip_optional(annotation)
    origin = typing.get_origin(annotation)
    if annotation in _SCALAR_KINDS:
        return KindSpec(annotation)
    # (On 3.9 `list[int]` passes isinstance(..., type); its origin tells it apart.)
    if isinstance(annotation, type) and origin is None:
        if issubclass(annotation, enum.Enum):
            return KindSpec(annotation)
        if issubclass(annotation, pathlib.PurePath):
            return KindSpec(annotation)
        if annotation is list:
            return KindSpec(list, str)
        return None
    if origin is typing.Literal:
        values = typing.get_args(annotation)
        kinds = {type(value) for value in values}
        kind = kinds.pop() if len(kinds) == 1 else str
        if kind not in _SCALAR_KINDS:
            kind = str
        return KindSpec(kind, str, tuple(values))
    if origin is list or (
        origin is not None and getattr(origin, "__name__", "") in ("Sequence", "MutableSequence")
    ):
        args = typing.get_args(annotation)
        item = _strip_optional(args[0]) if args else str
        item_spec = _kind_from_annotation(item) if item is not Any else None
        if item_spec is None or item_spec.kind is list:
            return KindSpec(list, str)
        return KindSpec(list, item_spec.kind, item_spec.choices)
    return None
