"""Running commands: `Runner` (the generic engine), `Local`, `Result`, `Promise`.

`Runner` drives a command through hook methods that subclasses implement;
`Local` implements them with subprocesses or a pty, and Fabric's `Remote`
with an SSH channel. The classes live in the ``invoke._running`` folder
(see sites/docs/internals/architecture.rst); this module is their public
address and keeps every name it has always offered.
"""

from __future__ import annotations

# The standard modules and helpers this module has always had as attributes.
import codecs  # noqa: F401
import os  # noqa: F401
import sys  # noqa: F401
import threading  # noqa: F401
import time  # noqa: F401
from typing import Any

from ._running.local import Local
from ._running.options import (  # noqa: F401
    RUN_DEFAULTS,  # re-exported: Config builds its "run" defaults from it
    copy_environ,
    default_encoding,
    merge_run_options,
    normalize_hide,
)
from ._running.procs import start_signal_free  # noqa: F401
from ._running.result import Promise, Result
from ._running.runner import Runner
from ._running.streams import StreamsMixin  # noqa: F401
from .exceptions import (
    CommandTimedOut,
    Failure,
    SubprocessPipeError,
    ThreadException,
    UnexpectedExit,
    WatcherError,
)
from .terminals import WINDOWS, bytes_to_read, character_buffered, pty_size, ready_for_reading
from .util import ExceptionHandlingThread, has_fileno, isatty

__all__ = [
    "WINDOWS",
    "bytes_to_read",
    "character_buffered",
    "ready_for_reading",
    "has_fileno",
    "isatty",
    "ExceptionHandlingThread",
    "CommandTimedOut",
    "Failure",
    "Local",
    "Promise",
    "Result",
    "Runner",
    "SubprocessPipeError",
    "ThreadException",
    "UnexpectedExit",
    "WatcherError",
    "default_encoding",
    "normalize_hide",
    "pty_size",
]

# Documented and imported as invoke.runners.*; say so in reprs and docs.
Runner.__module__ = Local.__module__ = Result.__module__ = Promise.__module__ = __name__


def __getattr__(name: str) -> Any:
    # subprocess is only imported when a command actually starts.
    if name in ("PIPE", "Popen"):
        import subprocess

        return getattr(subprocess, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
