"""Stream relaying for `Runner`: output reading, stdin forwarding, watchers.

Kept apart from the run pipeline in ``runner.py``; `Runner` inherits
these methods, and subclasses may override any of them by name.
"""

from __future__ import annotations

import codecs
import os
import time
from typing import IO, TYPE_CHECKING, Any, Callable, Generator, List, Optional

from ..terminals import bytes_to_read, character_buffered, ready_for_reading
from ..util import isatty

# Bytes asked of our own stdin per read; a non-terminal stdin is relayed in
# chunks this big, a terminal gives what has been typed.
STDIN_CHUNK = 65536

# With watchers, the command's stdin is closed at our end of input only
# after its output has been quiet this long (seconds): a prompt arriving
# later (sudo's, often well after we read end of file from /dev/null) can
# still be answered, while a command reading to end of file (``cat``)
# only waits this long.
STDIN_CLOSE_QUIET_PERIOD = 1.0


class StreamsMixin:
    """Output, stdin and watcher handling shared by every `Runner`."""

    # Provided by Runner.
    encoding: str
    read_chunk_size: int
    using_pty: bool
    opts: Any
    watchers: List[Any]
    program_finished: Any
    _stdin_wake: Any
    _wake_lock: Any
    _respond_seen: Any
    _last_output: float

    if TYPE_CHECKING:  # hooks Runner defines

        def read_proc_stdout(self, num_bytes: int) -> Optional[bytes]: ...

        def read_proc_stderr(self, num_bytes: int) -> Optional[bytes]: ...

        def decode(self, data: bytes) -> str: ...

        def close_proc_stdin(self) -> None: ...

        def _write_proc_stdin(self, data: bytes) -> None: ...

        def write_proc_stdin(self, data: str) -> None: ...

    def read_proc_output(self, reader: Callable) -> Generator[str, None, None]:
        """Yield decoded text from ``reader`` (a read hook) until end of file."""
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        size = self.read_chunk_size
        while True:
            data = reader(size)
            if not data:
                break
            text = decoder.decode(data)
            if text:
                yield text
        text = decoder.decode(b"", True)
        if text:
            yield text

    def write_our_output(self, stream: IO, string: str) -> None:
        """Write ``string`` to one of our output streams and flush it."""
        stream.write(string)
        stream.flush()

    def _handle_output(self, buffer_: List[str], hide: bool, output: IO, reader: Callable) -> None:
        """Relay one output stream: show it, capture it, let watchers see it."""
        for data in self.read_proc_output(reader):
            self._last_output = time.monotonic()
            if not hide:
                self.write_our_output(output, data)
            buffer_.append(data)
            self.respond(buffer_)

    def handle_stdout(self, buffer_: List[str], hide: bool, output: IO) -> None:
        """Thread body relaying the command's stdout."""
        self._handle_output(buffer_, hide, output, reader=self.read_proc_stdout)

    def handle_stderr(self, buffer_: List[str], hide: bool, output: IO) -> None:
        """Thread body relaying the command's stderr."""
        self._handle_output(buffer_, hide, output, reader=self.read_proc_stderr)

    def read_our_stdin(self, input_: IO) -> Optional[str]:
        """Read what is available from ``input_`` as text.

        Returns None when nothing is ready and ``""`` at end of file.
        """
        if not ready_for_reading(input_):
            return None
        size = bytes_to_read(input_) if isatty(input_) else STDIN_CHUNK
        data = input_.read(size)
        if isinstance(data, bytes):
            data = self.decode(data)
        return data

    def _next_stdin_chunk(self, input_: IO, fd: Optional[int]) -> Any:
        """Block until ``input_`` has data; None once the command finished.

        Returns bytes (read straight from a descriptor), str or bytes from
        a stream without one, and an empty value at end of file.
        """
        if fd is None:
            if self.program_finished.is_set():
                return None
            return input_.read(STDIN_CHUNK)
        import select

        wake = self._stdin_wake
        watched = [fd] if wake is None else [fd, wake[0]]
        readable, _, _ = select.select(watched, [], [])
        if wake is not None and wake[0] in readable or self.program_finished.is_set():
            return None
        return os.read(fd, STDIN_CHUNK)

    def handle_stdin(self, input_: IO, output: IO, echo: bool = False) -> None:
        """Thread body relaying our stdin to the command's stdin.

        A terminal is put in cbreak mode so keys go through as typed; other
        input is forwarded in large chunks. At end of input the command's
        stdin is closed (unless it is a pty).
        """
        fd: Optional[int] = None
        if self._stdin_wake is not None:
            fd = input_.fileno()
        try:
            self._relay_stdin(input_, output, echo, fd)
        finally:
            with self._wake_lock:
                wake, self._stdin_wake = self._stdin_wake, None
            if wake is not None:
                for end in wake:
                    os.close(end)

    def _relay_stdin(self, input_: IO, output: IO, echo: bool, fd: Optional[int]) -> None:
        """The loop of `handle_stdin`: read, forward, echo, until done."""
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="replace")
        with character_buffered(input_):
            while True:
                try:
                    data = self._next_stdin_chunk(input_, fd)
                except (OSError, ValueError):
                    # Our stdin is unreadable (closed, or a test harness's
                    # placeholder): behave as if in_stream=False.
                    return
                if data is None:
                    return
                if not data:
                    if not self.using_pty and self._watchers_had_their_say():
                        self.close_proc_stdin()
                    return
                if isinstance(data, bytes):
                    self._write_proc_stdin(data)
                    text = decoder.decode(data) if echo else ""
                else:
                    self.write_proc_stdin(data)
                    text = data
                if echo and text:
                    self.write_our_output(output, text)

    def _watchers_had_their_say(self) -> bool:
        """Wait, at our end of input, until watchers can no longer answer.

        Without watchers that is at once. With them, it is once the
        command's output has been quiet for `STDIN_CLOSE_QUIET_PERIOD`
        (a watcher answers new output, so none is coming). False when
        the command finished meanwhile: nothing is left to close.
        """
        if not self.watchers:
            return True
        eof_at = time.monotonic()
        while True:
            quiet_since = max(eof_at, self._last_output)
            remaining = quiet_since + STDIN_CLOSE_QUIET_PERIOD - time.monotonic()
            if remaining <= 0:
                return True
            if self.program_finished.wait(remaining):
                return False

    def _wake_stdin(self) -> None:
        """Tell the stdin thread to stop waiting for input."""
        with self._wake_lock:
            if self._stdin_wake is not None:
                try:
                    os.write(self._stdin_wake[1], b"x")
                except OSError:
                    pass

    def should_echo_stdin(self, input_: IO, output: IO) -> bool:
        """Whether relayed stdin is echoed to ``output``.

        ``echo_stdin`` decides when set; otherwise we echo a terminal's
        keys when no pty does it for us.
        """
        echo_stdin = self.opts.get("echo_stdin")
        if echo_stdin is not None:
            return bool(echo_stdin)
        return (not self.using_pty) and bool(isatty(input_))

    def respond(self, buffer_: List[str]) -> None:
        """Show new output in ``buffer_`` to the watchers; write their answers.

        Invoke's own responders get only the new text; other watchers get
        the whole stream, as `StreamWatcher.submit` documents.
        """
        if not self.watchers:
            return
        from ..watchers import INCREMENTAL_SUBMITS

        key = id(buffer_)
        seen = self._respond_seen.get(key, 0)
        count = len(buffer_)
        new = buffer_[seen] if count == seen + 1 else "".join(buffer_[seen:count])
        self._respond_seen[key] = count
        whole: Optional[str] = None
        for watcher in self.watchers:
            if getattr(type(watcher), "submit", None) in INCREMENTAL_SUBMITS:
                responses = watcher._feed(new)
            else:
                if whole is None:
                    whole = "".join(buffer_[:count])
                responses = watcher.submit(whole)
            for response in responses:
                self.write_proc_stdin(response)
