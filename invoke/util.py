"""Small helpers shared across modules: logging, threads, names, streams."""

from __future__ import annotations

import logging
import os
import sys
import threading
from contextlib import contextmanager
from types import TracebackType
from typing import IO, Any, Callable, Dict, Iterator, List, NamedTuple, Optional, Tuple, Type, Union

from ._data.lexicon import Lexicon

LOG_FORMAT = "%(name)s.%(module)s.%(funcName)s: %(message)s"

log = logging.getLogger("invoke")
debug = log.debug


def enable_logging() -> None:
    """Send Invoke's debug log to stderr (what ``--debug`` and ``INVOKE_DEBUG`` do)."""
    logging.basicConfig(level=logging.DEBUG, format=LOG_FORMAT)


if os.environ.get("INVOKE_DEBUG"):
    enable_logging()


def task_name_sort_key(name: str) -> Tuple[List[str], str]:
    """Sort key putting a collection's own tasks before its subcollections' tasks."""
    parts = name.split(".")
    return parts[:-1], parts[-1]


@contextmanager
def cd(where: Union[str, "os.PathLike[str]"]) -> Iterator[None]:
    """Change the process's working directory for the ``with`` block."""
    previous = os.getcwd()
    os.chdir(where)
    try:
        yield
    finally:
        os.chdir(previous)


def has_fileno(stream: IO) -> bool:
    """True when ``stream`` has a real file descriptor."""
    try:
        return isinstance(stream.fileno(), int)
    except (AttributeError, OSError, ValueError):
        return False


def isatty(stream: IO) -> Union[bool, Any]:
    """True when ``stream`` is a terminal, asking the stream then its descriptor."""
    method = getattr(stream, "isatty", None)
    if callable(method):
        try:
            return method()
        except ValueError:
            return False
    if has_fileno(stream):
        return os.isatty(stream.fileno())
    return False


def helpline(obj: object) -> Optional[str]:
    """First line of ``obj``'s own docstring, or None when it has none."""
    doc = getattr(obj, "__doc__", None)
    if not doc or doc == type(obj).__doc__:
        return None
    lines = doc.lstrip().splitlines()
    return lines[0] if lines else None


class ExceptionWrapper(NamedTuple):
    """What a failed `ExceptionHandlingThread` leaves behind."""

    kwargs: Dict[str, Any]
    type: Type[BaseException]
    value: BaseException
    traceback: Optional[TracebackType]


class ExceptionHandlingThread(threading.Thread):
    """A daemon thread that stores, instead of printing, the exception it dies of.

    Give it ``target=``/``args=``/``kwargs=`` like `threading.Thread`, or
    subclass it and implement ``_run``. After it ends, `exception` returns an
    `ExceptionWrapper` (whose ``kwargs`` are this constructor's keyword
    arguments) or None.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.daemon = True
        self.kwargs = kwargs
        # A helper thread (a runner's IO thread) belongs to the task whose
        # thread made it, so parallel runs can label its output.
        self.invoke_job = getattr(threading.current_thread(), "invoke_job", None)
        self.exc_info: Optional[Tuple[Type[BaseException], BaseException, Optional[TracebackType]]] = None

    def run(self) -> None:
        try:
            if hasattr(self, "_run"):
                self._run()  # type: ignore[attr-defined]
            else:
                super().run()
        except BaseException:
            self.exc_info = sys.exc_info()  # type: ignore[assignment]
            debug("Thread %r died", self, exc_info=True)

    def exception(self) -> Optional[ExceptionWrapper]:
        """The stored exception, wrapped with this thread's kwargs, if any."""
        if self.exc_info is None:
            return None
        return ExceptionWrapper(self.kwargs, *self.exc_info)

    @property
    def is_dead(self) -> bool:
        """True when the thread has stopped because of an exception."""
        return not self.is_alive() and self.exc_info is not None

    def __repr__(self) -> str:
        target: Optional[Callable] = self.kwargs.get("target")
        label = getattr(target, "__name__", None) or type(self).__name__
        return f"<{type(self).__name__} {label!r} ({self.name})>"


def __getattr__(name: str) -> Any:
    # ``invoke.util.yaml`` was importable upstream; PyYAML is only imported
    # when somebody asks for it, so ``inv`` does not pay for it at start-up.
    if name == "yaml":
        import yaml

        return yaml
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
