"""Output of tasks running at the same time: prefixed, grouped or raw.

While a parallel run lasts, ``sys.stdout`` and ``sys.stderr`` are replaced
by routers that send each write to the task whose thread made it (a
runner's IO threads count as their task's, see ``ExceptionHandlingThread``).
Writes from anywhere else go straight through.

- ``prefixed`` (default): each complete line is written at once, prefixed
  with ``[task.name]``, coloured per task when stdout is a terminal.
- ``grouped``: a task's output is held and written in one piece when the
  task ends, so tasks' outputs never interleave.
- ``raw``: everything passes through as written.

On a terminal, a one-line status (counts and running tasks) is kept at the
bottom of stderr and redrawn around every write.
"""

from __future__ import annotations

import sys
import threading
from typing import IO, Any, Dict, List, Optional, Tuple

MODES = ("prefixed", "grouped", "raw")
_COLOURS = (36, 33, 35, 32, 34, 31)


class JobOutput:
    """Where one task's writes go, in the display's mode."""

    def __init__(self, display: "Display", name: str, index: int) -> None:
        self.display = display
        self.name = name
        if display.colour:
            self.prefix = f"\x1b[{_COLOURS[index % len(_COLOURS)]}m[{name}]\x1b[0m "
        else:
            self.prefix = f"[{name}] "
        self._partial: Dict[int, str] = {1: "", 2: ""}
        self._held: List[Tuple[int, str]] = []

    def write(self, stream: int, text: str) -> None:
        mode = self.display.mode
        if mode == "raw":
            self.display.emit([(stream, text)])
        elif mode == "grouped":
            self._held.append((stream, text))
        else:
            pending = self._partial[stream] + text
            lines = pending.split("\n")
            self._partial[stream] = lines.pop()
            if lines:
                self.display.emit([(stream, "".join(f"{self.prefix}{line}\n" for line in lines))])

    def close(self) -> None:
        """The task ended: write what is still held (a last partial line, a grouped block)."""
        if self.display.mode == "grouped":
            held, self._held = self._held, []
            if held:
                self.display.emit(held)
            return
        rest = [(stream, f"{self.prefix}{text}\n") for stream, text in self._partial.items() if text]
        self._partial = {1: "", 2: ""}
        if rest:
            self.display.emit(rest)


class _Router:
    """Stands in for ``sys.stdout``/``sys.stderr``; sends writes to the writing task."""

    def __init__(self, display: "Display", stream: int, real: IO[str]) -> None:
        self._display = display
        self._stream = stream
        self._real = real

    def write(self, text: str) -> int:
        job: Optional[JobOutput] = getattr(threading.current_thread(), "invoke_job", None)
        if job is None or job.display is not self._display:
            self._display.emit([(self._stream, text)])
        else:
            job.write(self._stream, text)
        return len(text)

    def flush(self) -> None:
        self._real.flush()

    def __getattr__(self, name: str) -> Any:
        # isatty, fileno, encoding... are the real stream's.
        return getattr(self._real, name)


class Display:
    """The terminal side of a parallel run: the real streams, the mode, the status line."""

    def __init__(self, mode: str, out: Optional[IO[str]] = None, err: Optional[IO[str]] = None) -> None:
        self.mode = mode
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        self.colour = _isatty(self.out)
        self.live = _isatty(self.err)
        self._lock = threading.RLock()
        self._status = ""
        self._saved: Optional[Tuple[Any, Any]] = None

    def job(self, name: str, index: int) -> JobOutput:
        return JobOutput(self, name, index)

    def __enter__(self) -> "Display":
        self._saved = (sys.stdout, sys.stderr)
        sys.stdout = _Router(self, 1, self.out)  # type: ignore[assignment]
        sys.stderr = _Router(self, 2, self.err)  # type: ignore[assignment]
        return self

    def __exit__(self, *exc: Any) -> None:
        self.status("")
        if self._saved is not None:
            sys.stdout, sys.stderr = self._saved
            self._saved = None

    def emit(self, pieces: List[Tuple[int, str]]) -> None:
        """Write ``(stream, text)`` pieces in order, keeping the status line below them."""
        with self._lock:
            self._clear_status()
            for stream, text in pieces:
                target = self.out if stream == 1 else self.err
                target.write(text)
                target.flush()
            self._draw_status()

    def status(self, text: str) -> None:
        """Show ``text`` as the live status line (terminals only); empty clears it."""
        if not self.live:
            return
        with self._lock:
            self._clear_status()
            self._status = text
            self._draw_status()

    def _clear_status(self) -> None:
        if self.live and self._status:
            self.err.write("\r\x1b[K")

    def _draw_status(self) -> None:
        if self.live and self._status:
            self.err.write(self._status[: _width(self.err) - 1])
            self.err.flush()


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _width(stream: Any) -> int:
    import os

    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        columns = 0
    return columns or 80  # a terminal that reports no size
