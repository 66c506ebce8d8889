"""Terminal helpers: window size, foreground checks and character buffering."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import IO, Iterator, Optional, Tuple

from .util import has_fileno, isatty

WINDOWS = sys.platform == "win32"

__all__ = [
    "WINDOWS",
    "bytes_to_read",
    "cbreak_already_set",
    "character_buffered",
    "pty_size",
    "ready_for_reading",
    "stdin_is_foregrounded_tty",
]

_DEFAULT_SIZE = (80, 24)


def _pty_size() -> Tuple[Optional[int], Optional[int]]:
    """Return ``(columns, rows)`` of our terminal, or ``(None, None)``."""
    if WINDOWS:
        import shutil

        size = shutil.get_terminal_size((0, 0))
        if size.columns and size.lines:
            return size.columns, size.lines
        return None, None
    import fcntl
    import struct
    import termios

    # Only stdout counts, as in Invoke: output sent to a file gets the
    # default size even when a terminal is still attached elsewhere.
    stream = sys.stdout
    if not (has_fileno(stream) and isatty(stream)):
        return None, None
    try:
        packed = fcntl.ioctl(stream.fileno(), termios.TIOCGWINSZ, b"\0" * 8)
    except OSError:
        return None, None
    rows, cols = struct.unpack("hhhh", packed)[:2]
    if rows > 0 and cols > 0:
        return cols, rows
    return None, None


def pty_size() -> Tuple[int, int]:
    """Return ``(columns, rows)`` of our terminal, defaulting to ``(80, 24)``."""
    cols, rows = _pty_size()
    return (
        cols if cols is not None else _DEFAULT_SIZE[0],
        rows if rows is not None else _DEFAULT_SIZE[1],
    )


def stdin_is_foregrounded_tty(stream: IO) -> bool:
    """True when ``stream`` is a terminal whose foreground job is us.

    Reading (or changing modes of) a terminal from a background job would
    stop the whole program with SIGTTIN/SIGTTOU.
    """
    if WINDOWS or not has_fileno(stream):
        return False
    try:
        return os.getpgrp() == os.tcgetpgrp(stream.fileno())
    except OSError:
        return False


def cbreak_already_set(stream: IO) -> bool:
    """True when ``stream``'s terminal already delivers keys one at a time."""
    import termios

    attrs = termios.tcgetattr(stream.fileno())
    lflag, cc = attrs[3], attrs[6]
    echo = bool(lflag & termios.ECHO)
    icanon = bool(lflag & termios.ICANON)
    vmin = cc[termios.VMIN]
    return (not echo) and (not icanon) and vmin in (1, b"\x01")


@contextmanager
def character_buffered(stream: IO) -> Iterator[None]:
    """Put ``stream``'s terminal in cbreak mode for the duration of the block.

    Keys then reach the command as they are typed (the command, or its
    pty, does the echoing). Does nothing unless ``stream`` is our
    foreground terminal, or when cbreak is already on.
    """
    if WINDOWS or not isatty(stream) or not stdin_is_foregrounded_tty(stream):
        yield
        return
    import termios
    import tty

    fd = stream.fileno()
    if cbreak_already_set(stream):
        yield
        return
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def ready_for_reading(input_: IO) -> bool:
    """True when reading ``input_`` now would not block.

    Streams without a descriptor (e.g. `io.StringIO`) are always ready.
    """
    if not has_fileno(input_):
        return True
    import select

    readable, _, _ = select.select([input_], [], [], 0.0)
    return bool(readable)


def bytes_to_read(input_: IO) -> int:
    """How many bytes ``input_`` can give without blocking (at least 1)."""
    if not WINDOWS and has_fileno(input_) and isatty(input_):
        import fcntl
        import struct
        import termios

        packed = fcntl.ioctl(input_.fileno(), termios.FIONREAD, b"\0" * 4)
        return max(1, struct.unpack("i", packed)[0])
    return 1
