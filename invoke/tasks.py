"""Tasks: `Task` (also a descriptor for method tasks), `task`, `ctask`, `Call`, `call`, `callback_task`.

A `Task` wraps a body (function, method, callable object, partial...) plus
the options that shape its command line. Decorating a method inside a class
body makes a *method task*: reading it from an instance gives a *bound
task* (see `Task.__get__`), which is what `TaskTemplate.to_collection`
collects.
"""

from __future__ import annotations

import copy
import inspect
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Generic,
    Iterable,
    List,
    Optional,
    Set,
    Tuple,
    Type,
    TypeVar,
    Union,
    overload,
)

from ._tasks import arguments as _arguments
from ._tasks.binding import BindableTask, MethodBinding, method_binding
from ._tasks.signature import (
    body_identity,
    body_signature,
    describe_body,
    looks_like_unbound_method,  # noqa: F401  (kept importable from here)
    takes_context_quickly,
    type_hints,
    unwrap_descriptor,
)
from .parser.argument import Argument

if TYPE_CHECKING:
    from inspect import Signature

    from .config import Config
    from .context import Context
    from .parser import ParseResult

__all__ = ["Task", "task", "ctask", "Call", "call", "callback_task", "Argument"]

T = TypeVar("T")

class Task(BindableTask, Generic[T]):
    """A runnable unit of work: a body taking a context first, plus its CLI options.

    Options are Invoke's: ``name``, ``aliases``, ``positional``,
    ``optional``, ``default``, ``auto_shortflags``, ``help`` (a dict of
    per-parameter help, keyed underscored or dashed), ``pre``/``post``
    (tasks to run before/after), ``autoprint``, ``iterable`` and
    ``incrementable``.

    A task written in a class body is a *method task*: `BindableTask` (the
    descriptor protocol) adopts it into its class and binds it to each
    instance, and its ``_method`` attribute holds the
    `invoke._tasks.binding.MethodBinding` describing it. Plain tasks have
    ``_method = None`` and nothing else of the template machinery.
    """

    def __init__(
        self,
        body: Callable[..., Any],
        name: Optional[str] = None,
        aliases: Iterable[str] = (),
        positional: Optional[Iterable[str]] = None,
        optional: Iterable[str] = (),
        default: bool = False,
        auto_shortflags: bool = True,
        help: Optional[Dict[str, Any]] = None,
        pre: Union[List[str], str, None] = None,
        post: Union[List[str], str, None] = None,
        autoprint: bool = False,
        iterable: Optional[Iterable[str]] = None,
        incrementable: Optional[Iterable[str]] = None,
    ) -> None:
        if isinstance(body, Task):
            body = body.body
        func, descriptor = unwrap_descriptor(body)
        # A staticmethod body is just its function; a classmethod stays wrapped
        # so that binding can hand it the owner class.
        self.body: Callable[..., Any] = func if descriptor == "static" else body
        ident_name, doc, module = body_identity(body)
        self.__name__: str = ident_name
        self.__doc__: Optional[str] = doc
        self.__module__: Optional[str] = module  # type: ignore[assignment]
        self._name: Optional[str] = name
        self.aliases: Iterable[str] = aliases
        self.is_default: bool = default
        self.auto_shortflags: bool = auto_shortflags
        self.help: Dict[str, Any] = dict(help or {})
        self.pre: Any = pre or []
        self.post: Any = post or []
        self.times_called: int = 0
        self.autoprint: bool = autoprint
        self.optional: Tuple[str, ...] = tuple(optional)
        self.iterable: Any = iterable or []
        self.incrementable: Any = incrementable or []
        # A body written in a class body may become a method task: its
        # binding records the options as given (an override inherits the
        # rest). Module-level functions get none.
        self._method: Optional[MethodBinding] = MethodBinding.for_new_task(
            self.body,
            descriptor,
            dict(
                name=name, aliases=aliases, positional=positional, optional=optional,
                default=default, auto_shortflags=auto_shortflags, help=help, pre=pre,
                post=post, autoprint=autoprint, iterable=iterable, incrementable=incrementable,
            ),
        )
        # Positionals need the full signature, which is costly to build for
        # thousands of tasks: compute them on first use. A missing context
        # parameter is still reported now, when the task is defined.
        self._positional: Optional[List[str]] = (
            list(positional) if positional is not None else None
        )
        method = self._method is not None and self._method.is_method
        if positional is None and not takes_context_quickly(self.body, method=method):
            self._positional = list(self.fill_implicit_positionals(None))

    @property
    def positional(self) -> List[str]:
        """Names of the parameters given positionally on the command line."""
        if self._positional is None:
            self._positional = list(self.fill_implicit_positionals(None))
        return self._positional

    @positional.setter
    def positional(self, value: Iterable[str]) -> None:
        self._positional = list(value)

    # -- identity -----------------------------------------------------------

    @property
    def name(self) -> str:
        """The task's own name: the ``name`` option, else the body's ``__name__``."""
        return self._name or self.__name__

    @property
    def owner_class(self) -> Optional[type]:
        """For a method task: the class whose body defined it (else None)."""
        return self._method.owner if self._method is not None else None

    #: Read-only older spelling of `owner_class`.
    _owner = owner_class

    @property
    def attribute_name(self) -> Optional[str]:
        """For a method task: the attribute it was defined under (else None)."""
        return self._method.attr_name if self._method is not None else None

    def __repr__(self) -> str:
        aliases = f" ({', '.join(self.aliases)})" if self.aliases else ""
        return f"<{type(self).__name__} {self.name!r}{aliases}>"

    def _identity(self) -> Tuple[Any, ...]:
        """What makes two tasks the same task: a bound body counts its instance."""
        body = self.body
        if inspect.ismethod(body):
            return ("bound", body.__func__, id(body.__self__))
        return ("plain", body)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Task):
            return False
        if self.name != other.name:
            return False
        mine, theirs = self._identity(), other._identity()
        if mine[0] == "bound" or theirs[0] == "bound":
            return mine[0] == theirs[0] and mine[1] is theirs[1] and mine[2] == theirs[2]
        if self.body == other.body:
            return True
        try:
            same_code = bool(self.body.__code__ == other.body.__code__)
        except AttributeError:
            return False
        # One factory's tasks share their code; what they captured tells them apart.
        return same_code and _same_closure(self.body, other.body)

    def __hash__(self) -> int:
        identity = self._identity()
        if identity[0] == "bound":
            return hash((self.name, identity[1], identity[2]))
        # Equal tasks must hash alike: tasks from one factory are equal when
        # their code and captured values are, so functions hash by code.
        code = getattr(self.body, "__code__", None)
        try:
            return hash((self.name, code if code is not None else self.body))
        except TypeError:
            return hash(self.name)

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Task[T]":
        # Copies describe the same task: options are copied, the body (and
        # the instance behind a bound task) is shared, never duplicated.
        return self._copy_metadata()

    def _copy_metadata(self) -> "Task[T]":
        """A copy with its own option containers, sharing the body (and any instance)."""
        new = copy.copy(self)
        new.help = dict(self.help)
        new.pre = list(self.pre)
        new.post = list(self.post)
        new._positional = list(self._positional) if self._positional is not None else None
        new._method = self._method.copy() if self._method is not None else None
        return new

    # -- calling ------------------------------------------------------------

    def __call__(self, *args: Any, **kwargs: Any) -> T:
        # `Cls.method_task(instance, c)` passes the instance first.
        index = 1 if (self._method is not None and self._method.wants_instance) else 0
        if index == 1 and args and self._is_context(args[0]):
            where = self._where()
            attr = where.rsplit(".", 1)[-1]
            raise TypeError(
                f"{where} is a method task; call it on an instance "
                f"(instance.{attr}(c)) or pass the instance first: {where}(instance, c)"
            )
        self._check_context(args[index] if len(args) > index else None, len(args) > index)
        body: Any = self.body
        if isinstance(body, classmethod):
            body = body.__get__(None, self.owner_class)
        result = body(*args, **kwargs)
        if inspect.iscoroutine(result):
            import asyncio

            result = asyncio.run(result)
        self.times_called += 1
        return result  # type: ignore[no-any-return]

    def _where(self) -> str:
        """``Owner.attribute`` of a method task, for messages."""
        where = self._method.where() if self._method is not None else None
        return where if where is not None else describe_body(self.body)

    @staticmethod
    def _is_context(candidate: Any) -> bool:
        """Whether ``candidate`` is an `invoke.context.Context` (imported lazily)."""
        from .context import Context

        return isinstance(candidate, Context)

    @classmethod
    def _check_context(cls, candidate: Any, given: bool) -> None:
        """Raise Invoke's `TypeError` unless the first call argument is a context."""
        if not cls._is_context(candidate):
            got = type(candidate) if given else "nothing"
            raise TypeError(f"Task expected a Context as its first arg, got {got} instead!")

    @property
    def called(self) -> bool:
        """Whether the task has run at least once."""
        return self.times_called > 0

    # -- arguments ----------------------------------------------------------

    def _spec_source(self) -> Any:
        """The callable whose parameters become flags (a callback task's callback)."""
        callback = self._method.callback if self._method is not None else None
        return callback if callback is not None else self.body

    def argspec(self, body: Callable[..., Any]) -> "Signature":
        """The parameters of ``body`` after its context (and ``self``), as an `inspect.Signature`."""
        binding = self._method
        if binding is None:
            return body_signature(body)
        if binding.callback is not None:
            return body_signature(binding.callback)
        method = binding.is_method and binding.unbound is None and body is self.body
        owner = self._where() if binding.owner is not None else ""
        static = binding.kind == "static" and body is self.body
        return body_signature(body, method=method, owner=owner, static=static)

    def fill_implicit_positionals(self, positional: Optional[Iterable[str]]) -> Iterable[str]:
        """The given ``positional`` names, or else every parameter without a default."""
        if positional is not None:
            return list(positional)
        params = self.argspec(self.body).parameters.values()
        return _arguments.implicit_positionals(params, type_hints(self._spec_source()))

    def arg_opts(
        self, name: str, default: Any, taken_names: Set[str], annotation: Any = inspect.Parameter.empty
    ) -> Dict[str, Any]:
        """The `Argument` keyword arguments for parameter ``name``; claims a short flag in ``taken_names``."""
        return _arguments.argument_options(self, name, default, taken_names, annotation)

    def get_arguments(self, ignore_unknown_help: Optional[bool] = None) -> List[Argument]:
        """This task's `Argument` objects, positionals first. Never changes the task.

        Raises `ValueError` when ``help`` names parameters that do not
        exist, unless ``ignore_unknown_help`` is true.
        """
        return _arguments.build_arguments(self, ignore_unknown_help)


@overload
def task(__body: Callable[..., Any]) -> Task[Any]: ...


@overload
def task(*args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Task[Any]]: ...


def task(*args: Any, **kwargs: Any) -> Any:
    """Turn a function (or method) into a `Task`; use bare (``@task``) or with options.

    Positional `Task` arguments mean ``pre=`` (``@task(clean, build)``).
    ``klass=`` picks the `Task` subclass; other keywords go to its
    constructor (Fabric passes ``hosts=`` this way).
    """
    klass: Type[Task[Any]] = kwargs.pop("klass", Task)
    if len(args) == 1 and _is_body(args[0]):
        return _made(klass(args[0], **kwargs), kwargs)
    if args:
        if "pre" in kwargs:
            raise TypeError("May not give *args and 'pre' kwarg simultaneously!")
        kwargs["pre"] = args

    def decorate(body: Callable[..., Any]) -> Task[Any]:
        return _made(klass(body, **kwargs), kwargs)

    return decorate


def _made(made: Task[Any], options: Dict[str, Any]) -> Task[Any]:
    """``made``, noting for a method task that ``options`` were given (even at their defaults)."""
    if made._method is not None:
        made._method.explicit |= set(options)
    return made


def _is_body(value: Any) -> bool:
    """Whether ``value`` is something ``task`` decorates (rather than a pre-task)."""
    if isinstance(value, Task):
        return False
    return callable(value) or isinstance(value, (staticmethod, classmethod))


#: Older name for `task`, kept so that existing task files still import.
ctask = task


def callback_task(
    callback: Optional[str] = None,
    *,
    callback_func: Optional[str] = None,
    **task_options: Any,
) -> Callable[[Callable[..., Any]], Task[Any]]:
    """Make a method task whose flags come from a callback stored on the instance.

    ``callback`` names the instance attribute holding the callable
    (``callback_func=`` is accepted as another spelling). Bound to an
    instance, the task's arguments, defaults and docstring are the
    callback's (minus its context parameter); an instance whose attribute is
    ``None`` simply has no such task. Other keywords are `task` options.
    """
    attribute = callback if callback is not None else callback_func
    if not isinstance(attribute, str) or not attribute:
        raise TypeError(
            "callback_task needs the name of the instance attribute that holds the "
            f"callback, got {attribute!r}; write @callback_task(\"config_callback\")"
        )

    def decorate(body: Callable[..., Any]) -> Task[Any]:
        made: Task[Any] = task(**task_options)(body)
        method_binding(made).callback_attr = attribute
        return made

    return decorate


def _same_closure(mine: Any, theirs: Any) -> bool:
    """Whether two functions with the same code captured the same values."""
    cells, other_cells = getattr(mine, "__closure__", None) or (), getattr(theirs, "__closure__", None) or ()
    if len(cells) != len(other_cells):
        return False
    for cell, other_cell in zip(cells, other_cells):
        if cell is other_cell:
            continue
        try:
            value, other_value = cell.cell_contents, other_cell.cell_contents
        except ValueError:  # an empty cell (a name not assigned yet)
            return False
        if value is other_value:
            continue
        if callable(value) or callable(other_value):
            # Functions and tasks compare by identity: a task capturing itself
            # would otherwise compare its closure forever.
            return False
        try:
            if not bool(value == other_value):
                return False
        except Exception:  # values that cannot say (arrays...) count as different
            return False
    return True


class Call:
    """One requested execution of a task: the task, how it was named, and its arguments."""

    def __init__(
        self,
        task: Task[Any],
        called_as: Optional[str] = None,
        args: Optional[Tuple[Any, ...]] = None,
        kwargs: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.task = task
        self.called_as = called_as
        self.args = args or tuple()
        self.kwargs = kwargs or dict()

    def __getattr__(self, name: str) -> Any:
        # Only reached for names the Call itself lacks: delegate to the task.
        if name == "task" or (name.startswith("__") and name.endswith("__")):
            raise AttributeError(name)
        return getattr(self.task, name)

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Call":
        return self.clone()

    def __repr__(self) -> str:
        aka = f" (called as: {self.called_as!r})" if self.called_as and self.called_as != self.task.name else ""
        return f"<{type(self).__name__} {self.task.name!r}{aka}, args: {self.args!r}, kwargs: {self.kwargs!r}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Call):
            return False
        if self.task != other.task or tuple(self.args) != tuple(other.args):
            return False
        unset = _unset_values(self.task)
        return _significant(self.kwargs, unset) == _significant(other.kwargs, unset)

    __hash__ = None  # type: ignore[assignment]

    def make_context(self, config: "Config", core_parse_result: Optional["ParseResult"] = None) -> "Context":
        """A `Context` for running this call, carrying the command line's ``--`` remainder."""
        from .context import Context

        remainder = getattr(core_parse_result, "remainder", "") if core_parse_result is not None else ""
        return Context(config=config, remainder=remainder or "")

    def clone_data(self) -> Dict[str, Any]:
        """The keyword arguments that rebuild this call (used by `clone`)."""
        return dict(
            task=self.task,
            called_as=self.called_as,
            args=copy.deepcopy(self.args),
            kwargs=copy.deepcopy(self.kwargs),
        )

    def clone(self, into: Optional[Type["Call"]] = None, with_: Optional[Dict[str, Any]] = None) -> "Call":
        """A copy of this call, optionally as class ``into`` and with ``with_`` overriding data."""
        klass = into if into is not None else type(self)
        data = self.clone_data()
        if with_ is not None:
            data.update(with_)
        return klass(**data)


def _unset_values(task: Any) -> Dict[str, List[Any]]:
    """Per parameter, the values that mean "not given": its default and its flag's empty value."""
    values: Dict[str, List[Any]] = {}
    try:
        for param in task.argspec(task.body).parameters.values():
            if param.default is not inspect.Parameter.empty:
                values.setdefault(param.name, []).append(param.default)
        for argument in task.get_arguments(ignore_unknown_help=True):
            values.setdefault(argument.name, []).append(argument.value)
    except Exception:
        # A task whose spec cannot be read compares on its raw kwargs.
        return {}
    return values


def _significant(kwargs: Dict[str, Any], unset: Dict[str, List[Any]]) -> Dict[str, Any]:
    """``kwargs`` without the values that only repeat a default (see `Call.__eq__`)."""
    return {
        key: value
        for key, value in kwargs.items()
        if not any(_same(value, empty) for empty in unset.get(key, ()))
    }


def _same(a: Any, b: Any) -> bool:
    """Equal and of the same type; False when comparing raises."""
    try:
        return bool(a == b) and type(a) is type(b)
    except Exception:
        return False


def call(task: Task[Any], *args: Any, **kwargs: Any) -> Call:
    """A `Call` of ``task`` with these arguments, for use in ``pre``/``post`` lists."""
    return Call(task, args=args, kwargs=kwargs)


def __getattr__(name: str) -> Any:
    # Names Invoke's tasks module re-exports, resolved lazily to keep start-up cheap.
    if name == "Context":
        from .context import Context

        return Context
    if name == "ParseResult":
        from .parser import ParseResult

        return ParseResult
    if name == "translate_underscores":
        from .parser.context import translate_underscores

        return translate_underscores
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
