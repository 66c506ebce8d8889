"""Turning failures outside task code into one actionable line.

Used by `Program` for the phases that run no task: reading config files,
importing the tasks module and building its collection. A task's own
exceptions never come through here; they keep their traceback.
"""

from __future__ import annotations

import os
import sys
import traceback
from types import TracebackType
from typing import Optional

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


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


def load_error_line(error: BaseException) -> str:
    """One line for an error raised while importing a tasks module.

    Names the file and line the user can fix: the syntax error's position,
    or the innermost traceback frame outside Invoke and the import system.
    """
    shown = unwrap(error)
    if isinstance(shown, SyntaxError) and shown.filename:
        return f"{shown.filename}:{shown.lineno}: SyntaxError: {shown.msg}"
    location = _user_frame(error.__traceback__)
    if shown is not error and location is None:
        location = _user_frame(shown.__traceback__)
    if location is None:
        return describe(shown)
    return f"{location}: {describe(shown)}"


def _user_frame(tb: Optional[TracebackType]) -> Optional[str]:
    """``file:line`` of the innermost frame not in Invoke or importlib, if any."""
    found = None
    for frame, lineno in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if filename.startswith("<frozen") or filename.startswith("<"):
            continue
        if os.path.abspath(filename).startswith(_PACKAGE_DIR + os.sep):
            continue
        found = f"{filename}:{lineno}"
    return found


def print_traceback(error: BaseException) -> None:
    """Print ``error``'s full traceback to stderr (what ``--debug`` asks for)."""
    traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)
