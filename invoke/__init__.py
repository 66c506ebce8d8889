"""Invoke: Pythonic task execution, with class-based task templates.

Public names are imported lazily (PEP 562) so that ``inv --version`` and
``import invoke`` stay cheap; ``from invoke import Collection`` works as
always.
"""

from __future__ import annotations

from importlib import import_module
import sys as _sys
from typing import TYPE_CHECKING, Any, Dict, List

if TYPE_CHECKING:
    from .collection import Collection
    from .config import Config
    from .context import Context, MockContext
    from .exceptions import (
        AmbiguousEnvVar,
        AuthFailure,
        CollectionNotFound,
        CommandTimedOut,
        Exit,
        Failure,
        ParseError,
        PlatformError,
        ResponseNotAccepted,
        SubprocessPipeError,
        ThreadException,
        UncastableEnvVar,
        UnexpectedExit,
        UnknownFileType,
        UnpicklableConfigMember,
        WatcherError,
    )
    from .executor import Executor
    from .loader import FilesystemLoader
    from .parser import Argument, Parser, ParserContext, ParseResult
    from .program import Program
    from .runners import Local, Promise, Result, Runner
    from .runners import Result as _Result
    from .tasks import Call, Task, call, callback_task, ctask, task
    from .templates import TaskTemplate
    from .terminals import pty_size
    from .watchers import FailingResponder, Responder, StreamWatcher

# Where each public name lives; resolved on first access.
_EXPORTS: Dict[str, str] = {
    "Collection": "collection",
    "Config": "config",
    "Context": "context",
    "MockContext": "context",
    "Executor": "executor",
    "FilesystemLoader": "loader",
    "Argument": "parser",
    "Parser": "parser",
    "ParserContext": "parser",
    "ParseResult": "parser",
    "Program": "program",
    "Local": "runners",
    "Promise": "runners",
    "Result": "runners",
    "Runner": "runners",
    "Call": "tasks",
    "Task": "tasks",
    "call": "tasks",
    "callback_task": "tasks",
    "ctask": "tasks",
    "task": "tasks",
    "TaskTemplate": "templates",
    "pty_size": "terminals",
    "FailingResponder": "watchers",
    "Responder": "watchers",
    "StreamWatcher": "watchers",
}
for _name in (
    "AmbiguousEnvVar AuthFailure CollectionNotFound CommandTimedOut Exit "
    "Failure ParseError PlatformError ResponseNotAccepted SubprocessPipeError "
    "ThreadException UncastableEnvVar UnexpectedExit UnknownFileType "
    "UnpicklableConfigMember WatcherError"
).split():
    _EXPORTS[_name] = "exceptions"

__all__: List[str] = sorted(_EXPORTS) + ["run", "sudo", "__version__", "__version_info__"]

# Kept in step with pyproject.toml (a test checks). A constant rather than an
# importlib.metadata lookup: that import alone costs ~50 ms of start-up, and
# it fails outright when running from a source tree that is not installed.
_FALLBACK_VERSION = "3.0.3"


_SUBMODULES = frozenset(
    "collection completion config context env exceptions executor loader main parser "
    "program runners tasks templates terminals util vendor watchers".split()
)


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is not None:
        value = getattr(import_module(f".{module_name}", __name__), name)
    elif name in _SUBMODULES:
        # Upstream's package imported these eagerly, so ``invoke.config`` and
        # friends worked after a bare ``import invoke``; here they load on use.
        value = import_module(f".{name}", __name__)
    elif name == "__version__":
        value = _FALLBACK_VERSION
    elif name == "__version_info__":
        value = tuple(int(part) for part in _FALLBACK_VERSION.split(".") if part.isdigit())
    else:
        raise AttributeError(f"module 'invoke' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))


def run(command: str, **kwargs: Any) -> "_Result":
    """Run ``command`` in a subprocess with a default `Context`; see `Context.run`."""
    # Looked up on the package at call time, so patching ``invoke.Context``
    # (as test suites do) changes what this builds.
    return _sys.modules[__name__].Context().run(command, **kwargs)


def sudo(command: str, **kwargs: Any) -> "_Result":
    """Run ``command`` through ``sudo`` with a default `Context`; see `Context.sudo`."""
    # Looked up on the package at call time, so patching ``invoke.Context``
    # (as test suites do) changes what this builds.
    return _sys.modules[__name__].Context().sudo(command, **kwargs)
