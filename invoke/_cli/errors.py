"""Turning failures into messages and exit codes: `Program`'s error funnel.

``ErrorFunnel._report`` prints what `Program.run` catches; the other
helpers turn failures in the phases that run no task (reading config
files, importing the tasks module, building its collection and flags)
into one actionable line. A task's own exceptions
never come through here; they keep their traceback.
"""

from __future__ import annotations

import os
import sys
import traceback
from types import TracebackType
from typing import Any, Callable, List, NoReturn, Optional

from ..exceptions import (
    AmbiguousEnvVar,
    CollectionNotFound,
    CommandTimedOut,
    Exit,
    ParseError,
    UncastableEnvVar,
    UnexpectedExit,
)
from .._config.check import SettingError
from ..util import debug

# The invoke package itself (this module sits one folder down, in _cli/).
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def unwrap(error: BaseException) -> BaseException:
    """The error worth showing: Python < 3.12 wraps ``__set_name__`` errors in RuntimeError."""
    cause = error.__cause__
    if isinstance(error, RuntimeError) and cause is not None and "__set_name__" in str(error):
        return cause
    return error


def describe(error: BaseException) -> str:
    """``Type: message`` for ``error``, on one line."""
    message = " ".join(str(error).split())
    name = type(error).__name__
    return f"{name}: {message}" if message else name


def load_error_line(error: BaseException, tasks_file: Optional[str] = None) -> str:
    """One line for an error raised while importing or reading a tasks module.

    Names the file and line the user can fix: the syntax error's position,
    or the innermost traceback frame outside Invoke and the import system,
    else ``tasks_file`` (an error Invoke found while reading the module).
    """
    shown = unwrap(error)
    if isinstance(shown, SyntaxError) and shown.filename:
        return f"{shown.filename}:{shown.lineno}: SyntaxError: {shown.msg}"
    location = _user_frame(error.__traceback__)
    if shown is not error and location is None:
        location = _user_frame(shown.__traceback__)
    if location is None:
        location = tasks_file
    if location is None:
        return describe(shown)
    return f"{location}: {describe(shown)}"


def _user_frame(tb: Optional[TracebackType]) -> Optional[str]:
    """``file:line`` of the innermost frame not in Invoke or importlib, if any."""
    found = None
    for frame, lineno in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if filename.startswith("<") or _is_invoke_file(filename):
            continue
        found = f"{filename}:{lineno}"
    return found


def _raised_by_invoke(error: BaseException) -> bool:
    """True when the innermost frame of ``error``'s traceback is Invoke's code."""
    innermost = None
    for frame, _ in traceback.walk_tb(error.__traceback__):
        innermost = frame.f_code.co_filename
    return innermost is None or _is_invoke_file(innermost)


def _is_invoke_file(filename: str) -> bool:
    """True when ``filename`` is one of this package's own modules."""
    return os.path.abspath(filename).startswith(_PACKAGE_DIR + os.sep)


def print_traceback(error: BaseException) -> None:
    """Print ``error``'s full traceback to stderr (what ``--debug`` asks for)."""
    traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)


class ErrorFunnel:
    """The part of `Program` that turns failures into messages and exit codes.

    A mixin so that `invoke.program` stays a list of phases; it relies on
    the program's ``core``, ``args``, ``argv`` and ``collection``.
    """

    core: Any
    argv: List[str]
    collection: Any
    args: Any

    def _report(self, error: Exception) -> int:
        """Print ``error`` the way users expect; return the exit code it means."""
        debug("Received a possibly-skippable exception: %r", error)
        if isinstance(error, ParseError):
            print(error, file=sys.stderr)
            return 1
        if isinstance(error, Exit):
            if error.message:
                print(error.message, file=sys.stderr)
            return error.code
        if isinstance(error, (AmbiguousEnvVar, UncastableEnvVar, SettingError)):
            print(error, file=sys.stderr)
            return 1
        if isinstance(error, CommandTimedOut):
            # Unlike a bad exit code, the reason is never visible in the
            # command's own output: always say it timed out.
            print(error, file=sys.stderr, end="")
            return 1
        if isinstance(error, CollectionNotFound):
            print(f"Can't find any collection named {error.name!r}!", file=sys.stderr)
            return 1
        result = error.result  # type: ignore[attr-defined]
        # Output the user already saw is not repeated; hidden output is.
        if result.hide:
            print(error, file=sys.stderr, end="")
        return int(result.exited)

    def _config_phase(self, phase: Callable[[], None]) -> None:
        """Run a config-loading phase, turning a bad config file into one line."""
        try:
            phase()
        except (Exit, ParseError, UnexpectedExit, KeyboardInterrupt):
            raise
        except Exception as error:
            # Only failures raised by Invoke's own config code become one
            # line. An exception a subclass raises from its own override
            # (Fabric's missing ssh config file) propagates unchanged, as
            # upstream's Program.run lets it.
            if not _raised_by_invoke(error):
                raise
            if self._debugging():
                print_traceback(error)
            # Our own config errors already say what and where; others
            # (an OSError, say) need their type to make sense.
            ours = type(error).__module__.startswith("invoke") and str(error)
            raise Exit(" ".join(str(error).split()) if ours else describe(error), code=1) from error

    def _debugging(self) -> bool:
        """True when ``--debug`` was asked for (even before flags are parsed)."""
        if self.core is not None:
            try:
                return bool(self.args.debug.value)
            except (AttributeError, KeyError, IndexError):
                pass
        return any(token in ("-d", "--debug") for token in self.argv[1:]) or bool(
            os.environ.get("INVOKE_DEBUG")
        )

    def _loading_failed(self, error: BaseException, tasks_file: Optional[str] = None) -> NoReturn:
        """Raise a one-line `Exit` for a broken tasks module (traceback with --debug)."""
        if self._debugging():
            print_traceback(error)
        raise Exit(load_error_line(error, tasks_file), code=1) from error

    def _definition_failed(self, error: Exception, ignore: Optional[bool]) -> NoReturn:
        """Raise a one-line `Exit` for a task definition error, naming the task when possible."""
        from .phases import TaskDefinitionError, named_contexts

        if not isinstance(error, TaskDefinitionError):
            try:  # find which task it was, for the message
                named_contexts(self.collection, set(self.collection.task_names), ignore)
            except TaskDefinitionError as named:
                error = named
        if self._debugging():
            print_traceback(error)
        message = str(error) if isinstance(error, TaskDefinitionError) else describe(error)
        raise Exit(message, code=1) from error


def stdout_closed() -> bool:
    """True when our stdout is a pipe (or socket) whose reader has gone."""
    import select

    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(fd, select.POLLOUT)
        # A pipe with no reader left reports an error condition.
        return any(events & select.POLLERR for _, events in poller.poll(0))
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return True
    return False


def silence_stdout() -> None:
    """Point stdout at ``/dev/null`` so nothing more (not even the exit flush) fails."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
