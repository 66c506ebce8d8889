"""Local's fast path: read stdout and stderr in the calling thread.

Starting a thread costs a few hundred microseconds on a busy machine, more
than a short command itself. When nothing needs per-stream threads (no
watchers, not asynchronous, no overridden stream hooks), `Local` waits
for its command by reading both outputs with a selector right where
`Runner.wait` would block: same output handling, no threads, no polling.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
from typing import IO, TYPE_CHECKING, Any, Dict, List, Optional

from ..util import ExceptionWrapper

if TYPE_CHECKING:
    from .local import Local


class _Stream:
    """One output being pumped: where it comes from, goes, and is kept."""

    def __init__(self, fd: int, buffer_: List[str], hide: bool, output: IO, encoding: str) -> None:
        self.fd = fd
        self.buffer = buffer_
        self.hide = hide
        self.output = output
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")


class InlinePump:
    """Reads a `Local` command's outputs until end of file, resumably.

    `run` may be interrupted (Ctrl-C raises `KeyboardInterrupt` inside
    it); calling it again carries on where it stopped.
    """

    def __init__(self, runner: "Local", streams: List[_Stream]) -> None:
        import selectors

        self.runner = runner
        self.selector = selectors.DefaultSelector()
        self.streams: Dict[int, _Stream] = {}
        for stream in streams:
            self.streams[stream.fd] = stream
            self.selector.register(stream.fd, selectors.EVENT_READ, stream)
        self.done = False

    @classmethod
    def for_runner(cls, runner: "Local", stdout: List[str], stderr: List[str]) -> "InlinePump":
        """Build the pump for ``runner``'s current command."""
        hide = runner.opts["hide"]
        out, err = runner.streams["out"], runner.streams["err"]
        streams = [_Stream(runner._stdout_fd(), stdout, "stdout" in hide, out, runner.encoding)]
        if not runner.using_pty:
            streams.append(_Stream(runner._stderr_fd(), stderr, "stderr" in hide, err, runner.encoding))
        return cls(runner, streams)

    def run(self) -> None:
        """Read until every output has ended (or an output error stops us)."""
        size = self.runner.read_chunk_size
        write = self.runner.write_our_output
        try:
            while self.streams:
                for key, _ in self.selector.select():
                    stream: _Stream = key.data
                    data = self._read(stream.fd, size)
                    if not data:
                        self._close(stream)
                        continue
                    text = stream.decoder.decode(data)
                    if text:
                        if not stream.hide:
                            write(stream.output, text)
                        stream.buffer.append(text)
        except KeyboardInterrupt:
            raise
        except Exception:
            # Report like an IO thread would (ThreadException), and stop.
            self.runner._io_errors.append(
                ExceptionWrapper({"target": self.run, "kwargs": {}}, *sys.exc_info())  # type: ignore[arg-type]
            )
            self.finish()
            return
        self.finish()

    def _read(self, fd: int, size: int) -> bytes:
        """Read up to ``size`` bytes of ``fd``; ``b""`` at end of file."""
        try:
            return os.read(fd, size)
        except OSError as error:
            # A pty whose other side has gone reads as EIO on Linux.
            if error.errno == errno.EIO:
                return b""
            raise

    def _close(self, stream: _Stream) -> None:
        """Stop watching ``stream`` at its end of file, flushing its decoder."""
        self.selector.unregister(stream.fd)
        del self.streams[stream.fd]
        text = stream.decoder.decode(b"", True)
        if text:
            if not stream.hide:
                self.runner.write_our_output(stream.output, text)
            stream.buffer.append(text)

    def finish(self) -> None:
        """Release the selector; the pump is then done."""
        if not self.done:
            self.done = True
            self.streams.clear()
            self.selector.close()


def can_pump_inline(runner: Any, base: type) -> bool:
    """True when ``runner`` may use the thread-free path of ``base`` (Local).

    Watchers are thread-local per stream and an asynchronous run must not
    block the caller, so both need the threads; so does any subclass that
    changed how streams are read or shown.
    """
    if sys.platform == "win32" or runner._asynchronous or runner.watchers:
        return False
    cls = type(runner)
    for name in (
        "create_io_threads",
        "handle_stdout",
        "handle_stderr",
        "read_proc_stdout",
        "read_proc_stderr",
        "read_proc_output",
        "_handle_output",
        "write_our_output",
        "respond",
        "decode",
        "wait",
    ):
        if getattr(cls, name) is not getattr(base, name):
            return False
    return True


def optional_fd(stream: Optional[Any]) -> Optional[int]:
    """The descriptor of ``stream``, or None when it is absent or closed."""
    if stream is None or stream.closed:
        return None
    return stream.fileno()
