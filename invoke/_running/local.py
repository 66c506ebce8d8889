"""`Local`: the runner for commands on this machine (pipes or a pty)."""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

from ..exceptions import SubprocessPipeError
from ..terminals import WINDOWS, pty_size
from ..util import has_fileno
from .procs import creator_sigmask, kill_tree, signal_tree, terminal_signals_reach_us
from .pump import InlinePump, can_pump_inline, optional_fd
from .runner import Runner

if TYPE_CHECKING:
    from subprocess import Popen

    from ..context import Context


def _restore_sigmask() -> None:
    """In a new command: undo the signal blocking of our helper threads.

    Commands started from one of them (``run`` inside a watcher) would
    otherwise begin with Ctrl-C and SIGTERM blocked.
    """
    mask = creator_sigmask()
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


class Local(Runner):
    """Run commands locally, through pipes or (``pty=True``) a pseudo-terminal.

    Output is read in large blocking reads, by one thread per stream or,
    when nothing needs those threads, by a selector in the calling thread;
    the exit status is collected with a blocking wait. Nothing polls.
    """

    # Large reads: the threads block until data arrives, then take all of it.
    read_chunk_size = 65536

    def __init__(self, context: "Context") -> None:
        super().__init__(context)
        self.status: Optional[int] = None
        self.process: Optional["Popen[bytes]"] = None
        self.pid: Optional[int] = None
        self.parent_fd: Optional[int] = None
        self._write_lock = threading.Lock()
        self._stdin_closed = False
        # Set when this run reads its outputs without threads (see invoke._running.pump).
        self._pump: Optional[InlinePump] = None

    def should_use_pty(self, pty: bool = False, fallback: bool = True) -> bool:
        """Use a pty when asked and the platform has one.

        As in Invoke, ``fallback`` also runs the command on plain pipes
        (warning once) when our stdin has no file descriptor, as under
        pytest's output capture. Without pty support and without
        ``fallback`` it is an error.
        """
        if not pty:
            return False
        if WINDOWS:
            if not fallback:
                from ..exceptions import PlatformError

                raise PlatformError("pty=True is not supported on this platform")
            self._warn_pty_fallback("no pty available")
            return False
        if fallback and not has_fileno(sys.stdin):
            self._warn_pty_fallback("stdin has no fileno")
            return False
        return True

    def _warn_pty_fallback(self, why: str = "no pty available") -> None:
        """Say once that a pty was asked for but pipes are used, and ``why``."""
        if not self.warned_about_pty_fallback:
            sys.stderr.write(f"WARNING: {why}; falling back to non-pty execution!\n")
            self.warned_about_pty_fallback = True

    # -- starting -----------------------------------------------------------

    def start(self, command: str, shell: str, env: Dict[str, Any]) -> None:
        """Start ``shell -c command`` with ``env``, on pipes or a pty."""
        if self.using_pty:
            try:
                self._start_pty(command, shell, env)
                return
            except FileNotFoundError:
                raise
            except OSError:
                # No pty to be had (all in use, no /dev/ptmx): pipes will do
                # when fallback allows.
                if not self.opts.get("fallback", True):
                    raise
                self._warn_pty_fallback()
                self.using_pty = False
                self.result_kwargs["pty"] = False
        from subprocess import PIPE, Popen

        self.process = Popen(
            command,
            shell=True,
            executable=shell,
            env=None if self._env_is_ours() else env,
            stdout=PIPE,
            stderr=PIPE,
            stdin=PIPE,
            # Only then a preexec_fn: it costs Popen its fast path.
            preexec_fn=None if creator_sigmask() is None else _restore_sigmask,
        )
        self.pid = self.process.pid

    def _env_is_ours(self) -> bool:
        """True when the command's env is exactly our own environment.

        Then the child simply inherits it, sparing an encode of every
        variable on each run.
        """
        return (
            type(self).generate_env is Runner.generate_env
            and not self.opts.get("replace_env")
            and not self.opts.get("env")
        )

    def _start_pty(self, command: str, shell: str, env: Dict[str, Any]) -> None:
        """Fork ``shell -c command`` onto a new pty sized like our terminal."""
        import fcntl
        import pty
        import shutil
        import struct
        import termios

        executable = shutil.which(shell, path=env.get("PATH", os.defpath))
        if executable is None:
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), shell)
        cols, rows = pty_size()
        winsize = struct.pack("HHHH", rows, cols, 0, 0)
        argv = [shell, "-c", command]
        pid, fd = pty.fork()
        if pid == 0:  # the child: only async-signal-safe-ish work, then exec
            try:
                fcntl.ioctl(1, termios.TIOCSWINSZ, winsize)
                _restore_sigmask()
                os.execve(executable, argv, env)
            finally:
                os._exit(127)
        self.pid = pid
        self.parent_fd = fd

    # -- the thread-free fast path ---------------------------------------

    def create_io_threads(self) -> Tuple[Dict[Callable, Any], List[str], List[str]]:
        """Create the IO threads, or only the stdin one when pumping inline."""
        threads, stdout, stderr = super().create_io_threads()
        self._pump = None
        if can_pump_inline(self, Local):
            threads = {target: thread for target, thread in threads.items() if target == self.handle_stdin}
            self._pump = InlinePump.for_runner(self, stdout, stderr)
        return threads, stdout, stderr

    def wait(self) -> None:
        """Read the outputs (inline when possible), then wait for the exit."""
        if self._pump is None:
            super().wait()
            return
        self._pump.run()
        if not self._io_errors:
            self._wait_for_process()

    def _output_finished(self) -> bool:
        """True when both outputs reached end of file (pumped or threaded)."""
        if self._pump is not None and self._pump.streams:
            return False
        return super()._output_finished()

    def _stdout_fd(self) -> int:
        """The descriptor the command's stdout is read from (the pty's, with one)."""
        fd = self.parent_fd if self.using_pty else optional_fd(self.process and self.process.stdout)
        assert fd is not None
        return fd

    def _stderr_fd(self) -> int:
        """The descriptor of the command's stderr pipe."""
        fd = optional_fd(self.process and self.process.stderr)
        assert fd is not None
        return fd

    # -- IO hooks -----------------------------------------------------------

    def read_proc_stdout(self, num_bytes: int) -> Optional[bytes]:
        """Read the command's stdout (the pty, with ``pty=True``)."""
        if self.using_pty:
            if self.parent_fd is None:
                return b""
            try:
                return os.read(self.parent_fd, num_bytes)
            except OSError as error:
                # Linux reports a pty whose other end is gone as EIO.
                if error.errno in (errno.EIO, errno.EBADF):
                    return b""
                raise
        assert self.process is not None and self.process.stdout is not None
        return os.read(self.process.stdout.fileno(), num_bytes)

    def read_proc_stderr(self, num_bytes: int) -> Optional[bytes]:
        """Read the command's stderr (never used with a pty)."""
        assert self.process is not None and self.process.stderr is not None
        return os.read(self.process.stderr.fileno(), num_bytes)

    def _write_proc_stdin(self, data: bytes) -> None:
        """Write ``data`` to the command's stdin; a closed stdin drops it."""
        with self._write_lock:
            if self.using_pty:
                fd = self.parent_fd
            elif self.process is not None and self.process.stdin is not None and not self._stdin_closed:
                fd = self.process.stdin.fileno()
            else:
                fd = None
            if fd is None:
                return
            view = memoryview(data)
            try:
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            except (BrokenPipeError, OSError) as error:
                # The command stopped reading (or ended): nothing to deliver.
                if isinstance(error, BrokenPipeError) or error.errno in (errno.EPIPE, errno.EIO, errno.EBADF):
                    return
                raise

    def close_proc_stdin(self) -> None:
        """Close the command's stdin so it sees end of file."""
        if self.using_pty:
            raise SubprocessPipeError("Cannot close stdin when pty=True")
        with self._write_lock:
            if self.process is not None and self.process.stdin is not None and not self._stdin_closed:
                self._stdin_closed = True
                try:
                    self.process.stdin.close()
                except OSError:
                    pass

    # -- process state ------------------------------------------------------

    @property
    def process_is_finished(self) -> bool:
        """True once the command has exited (reaping it if so)."""
        if self.using_pty:
            if self.status is not None:
                return True
            if self.pid is None:
                return True
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return True
            if pid == 0:
                return False
            self.status = status
            return True
        return self.process is None or self.process.poll() is not None

    def _wait_for_process(self) -> None:
        """Block (without polling) until the command has exited."""
        if self.using_pty:
            if self.status is None and self.pid is not None:
                try:
                    _, self.status = os.waitpid(self.pid, 0)
                except ChildProcessError:
                    pass
            return
        if self.process is not None:
            self.process.wait()

    def returncode(self) -> Optional[int]:
        """The exit code; minus the signal number if a signal ended it."""
        if self.using_pty:
            if self.status is None:
                return None
            if os.WIFEXITED(self.status):
                return os.WEXITSTATUS(self.status)
            if os.WIFSIGNALED(self.status):
                return -os.WTERMSIG(self.status)
            return None
        return None if self.process is None else self.process.returncode

    def get_pid(self) -> Optional[int]:
        """The command's process id."""
        return self.pid

    def send_interrupt(self, interrupt: KeyboardInterrupt) -> None:
        """Relay Ctrl-C: ``\\x03`` through a pty, else SIGINT to the command."""
        if self.using_pty:
            self._write_proc_stdin(b"\x03")
        elif self.pid is not None and not self.process_is_finished:
            if terminal_signals_reach_us():
                # The terminal signalled the whole job; pass it on to the
                # command itself, as Invoke does.
                try:
                    os.kill(self.pid, signal.SIGINT)
                except ProcessLookupError:
                    pass
            else:
                # Only we were signalled (kill -INT from a supervisor or
                # CI): do what a terminal would and reach the whole tree,
                # or a shell would wait for its running child first.
                signal_tree(self.pid, signal.SIGINT)

    def kill(self) -> None:
        """End the command and everything it started (timeouts use this)."""
        if self.pid is None:
            return
        pipes = []
        if self.process is not None:
            for stream in (self.process.stdout, self.process.stderr):
                if stream is not None and not stream.closed:
                    pipes.append(stream.fileno())
        # Only signal the pid itself while it is unreaped (so still ours).
        alive = not self.process_is_finished
        kill_tree(self.pid, root_alive=alive, pipes=pipes, group=self.using_pty)

    def stop(self) -> None:
        """Cancel the timer and close our ends of the pipes or pty.

        Output descriptors are closed only once nothing reads them any
        more: closing an fd under a blocked read could let the reader see
        a reused descriptor.
        """
        # Ask before super().stop() forgets the threads.
        output_done = self._output_finished()
        super().stop()
        if self._pump is not None:
            self._pump.finish()
            self._pump = None
        if self.using_pty:
            fd = self.parent_fd
            if fd is not None and output_done:
                self.parent_fd = None
                try:
                    os.close(fd)
                except OSError:
                    pass
            return
        process = self.process
        if process is None:
            return
        if output_done:
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
        with self._write_lock:
            if process.stdin is not None and not self._stdin_closed:
                self._stdin_closed = True
                try:
                    process.stdin.close()
                except OSError:
                    pass
