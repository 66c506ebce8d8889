"""`Runner`: the generic engine that runs one command through hook methods.

Subclasses implement the hooks (`start`, `read_proc_stdout`,
`_write_proc_stdin`, `returncode`, ...): `Local` in `invoke._running.local`
with subprocesses or a pty, Fabric's ``Remote`` with an SSH channel. Output
is read by threads blocked on reads (never sleep-polling), decoded
incrementally, kept as a list of chunks joined once, and shown to watchers
as it arrives. Imported and documented as `invoke.runners.Runner`.
"""

from __future__ import annotations

import codecs
import os
import sys
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

from ..exceptions import CommandTimedOut, Failure, ThreadException, UnexpectedExit, WatcherError
from ..terminals import WINDOWS
from ..util import ExceptionHandlingThread, has_fileno, isatty
from . import active
from .options import copy_environ, default_encoding, merge_run_options
from .procs import start_signal_free
from .result import Promise, Result
from .streams import StreamsMixin

if TYPE_CHECKING:
    from ..context import Context

__all__ = ["Runner"]


class _IOThread(ExceptionHandlingThread):
    """An IO thread that tells its runner when it has ended, however it ended."""

    def __init__(self, done: threading.Event, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.done = done
        self.finished = False

    def run(self) -> None:
        """Run the target, then flag the end and wake the waiting runner."""
        try:
            super().run()
        finally:
            self.finished = True
            self.done.set()


class Runner(StreamsMixin):
    """Run a command through hook methods and report a `Result`.

    Subclasses implement the process hooks (`start`, `read_proc_stdout`,
    `read_proc_stderr`, `_write_proc_stdin`, `close_proc_stdin`,
    `process_is_finished`, `returncode`, `send_interrupt`, `kill`, ...);
    everything else (options, streams, watchers, timeouts, errors) lives
    here. See ``sites/docs/concepts/running-commands.rst`` for the options.
    """

    read_chunk_size = 1000
    input_sleep = 0.01

    def __init__(self, context: "Context") -> None:
        self.context = context
        self.program_finished = threading.Event()
        self.warned_about_pty_fallback = False
        self.watchers: List[Any] = []
        self.opts: Dict[str, Any] = {}
        self.streams: Dict[str, Any] = {}
        self.encoding: str = ""
        self.env: Dict[str, Any] = {}
        self.result_kwargs: Dict[str, Any] = {}
        self.using_pty = False
        self.threads: Dict[Callable, ExceptionHandlingThread] = {}
        self.stdout: List[str] = []
        self.stderr: List[str] = []
        self._timer: Optional[threading.Timer] = None
        self._timed_out = False
        # A Ctrl-C that arrived while the timer or IO threads were starting.
        self._early_interrupt: Optional[KeyboardInterrupt] = None
        self._asynchronous = False
        self._disowned = False
        self._io_event = threading.Event()
        self._respond_seen: Dict[int, int] = {}
        self._stdin_wake: Optional[Tuple[int, int]] = None
        self._echo_allowed = True
        # When the command last produced output (time.monotonic()).
        self._last_output = 0.0
        self._wake_lock = threading.Lock()
        # Errors from output handled outside threads (Local's inline pump).
        self._io_errors: List[Any] = []

    # -- the run() pipeline -------------------------------------------------

    def run(self, command: str, **kwargs: Any) -> Result:
        """Run ``command`` and return its `Result` (or a `Promise`).

        Raises `UnexpectedExit` on a nonzero exit unless ``warn``,
        `CommandTimedOut` after ``timeout`` seconds, `Failure` when a
        watcher stops the command.
        """
        active.started(self)
        try:
            return self._run_body(command, **kwargs)
        finally:
            active.finished(self)
            if not (self._asynchronous or self._disowned):
                self.stop()

    def echo(self, command: str) -> None:
        """Print ``command`` to our stdout using the ``echo_format``."""
        sys.stdout.write(self.opts["echo_format"].format(command=command) + "\n")
        sys.stdout.flush()

    def _setup(self, command: str, kwargs: Any) -> None:
        """Resolve options, streams, encoding and environment for one run."""
        self._unify_kwargs_with_config(kwargs)
        opts = self.opts
        self.using_pty = self.should_use_pty(opts["pty"], opts["fallback"])
        self.watchers = list(opts["watchers"] or [])
        self._asynchronous = bool(opts["asynchronous"])
        self._disowned = bool(opts["disown"])
        # A dry run always shows what it would run, even with hide=True.
        if opts["dry"] or (opts["echo"] and self._echo_allowed):
            self.echo(command)
        encoding = opts["encoding"] or self.default_encoding()
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ValueError(f"run() got an unknown encoding: {encoding!r}") from None
        self.encoding = encoding
        self.env = self.generate_env(opts["env"], opts["replace_env"])
        self.result_kwargs = dict(
            command=command,
            shell=opts["shell"],
            env=self.env,
            pty=self.using_pty,
            hide=opts["hide"],
            encoding=self.encoding,
        )

    def _run_body(self, command: str, **kwargs: Any) -> Result:
        """Start the command and either finish it or hand back a `Promise`."""
        self._setup(command, kwargs)
        if self.opts["dry"]:
            return self.generate_result(
                **dict(self.result_kwargs, stdout="", stderr="", exited=0)
            )
        self.start(command, self.opts["shell"], self.env)
        if active.refusing():
            # A parallel run was stopped while this command was starting.
            self.kill()
        if self._disowned:
            return self.generate_result(
                **dict(
                    self.result_kwargs,
                    stdout="",
                    stderr="",
                    exited=None,
                    pid=self.get_pid(),
                    disowned=True,
                )
            )
        self.start_timer(self.opts["timeout"])
        self.threads, self.stdout, self.stderr = self.create_io_threads()
        interrupt = self._start_io_threads() or self._early_interrupt
        if self._asynchronous:
            if interrupt is not None:
                self.send_interrupt(interrupt)
                raise interrupt
            return self.make_promise()
        return self._finish(interrupt)

    def _start_io_threads(self) -> Optional[KeyboardInterrupt]:
        """Start the IO threads; return a Ctrl-C that came in meanwhile.

        Starting a thread waits for it to run, and that thread may already
        show output to a watcher; a Ctrl-C landing in that wait must still
        be relayed to the command, not escape with the command running.
        """
        interrupt: Optional[KeyboardInterrupt] = None
        for thread in self.threads.values():
            try:
                interrupt = start_signal_free(thread) or interrupt
            except KeyboardInterrupt as error:
                # Handled just before (or, for a signal another thread took,
                # during) the start. An unstarted reader would hang the run.
                interrupt = error
                started = getattr(thread, "_started", None)
                if started is not None and started.wait(0.5):
                    continue
                try:
                    interrupt = start_signal_free(thread) or interrupt
                except RuntimeError:  # it was started after all
                    pass
        return interrupt

    def make_promise(self) -> Promise:
        """Return the `Promise` handed back by ``asynchronous=True`` runs."""
        return Promise(self)

    def _finish(self, interrupt: Optional[KeyboardInterrupt] = None) -> Result:
        """Wait for the command, gather output and errors, return or raise.

        ``interrupt`` is a Ctrl-C that arrived before the wait began.
        """
        if interrupt is not None:
            self.send_interrupt(interrupt)
        try:
            while True:
                try:
                    self.wait()
                    break
                except KeyboardInterrupt as error:
                    if interrupt is not None and self.process_is_finished:
                        # Ctrl-C again after the command ended: stop waiting
                        # for leftovers (a background job) holding its output.
                        raise
                    # Relay Ctrl-C and keep reading: the command decides
                    # how to end, and its last output is still captured.
                    interrupt = error
                    self.send_interrupt(error)
        finally:
            self.program_finished.set()
            self._wake_stdin()
        if self.has_dead_threads:
            # A watcher (or an IO error) stopped reading: end the command.
            self._kill_quietly()
        thread_errors = list(self._io_errors)
        for target, thread in self.threads.items():
            thread.join(self._thread_join_timeout(target))
            wrapper = thread.exception()
            if wrapper is not None:
                thread_errors.append(wrapper)
        if self.has_dead_threads:
            self._wait_for_process()
        if interrupt is not None and self._ended_by_interrupt():
            raise interrupt
        closed = [w.value for w in thread_errors if isinstance(w.value, BrokenPipeError)]
        if closed:
            # Whoever read our output has gone (``inv big | head -1``): the
            # command must not carry on writing into the void.
            self._kill_quietly()
            self._wait_for_process()
            raise closed[0]
        watcher_errors = [w.value for w in thread_errors if isinstance(w.value, WatcherError)]
        others = [w for w in thread_errors if not isinstance(w.value, WatcherError)]
        if others:
            raise ThreadException(others)
        result = self._collate_result(watcher_errors)
        if watcher_errors:
            raise Failure(result, reason=watcher_errors[0])
        if self.timed_out:
            raise CommandTimedOut(result, timeout=self.opts["timeout"])
        if not (result.ok or self.opts["warn"]):
            raise UnexpectedExit(result)
        return result

    def _ended_by_interrupt(self) -> bool:
        """True when the relayed Ctrl-C ended the command (or it has not ended).

        Killed by SIGINT, or exited 130 as shells and well-behaved programs
        do then. A command that handled the interrupt and exited otherwise
        (a REPL, a server shutting down) decides the outcome, as in Invoke.
        """
        import signal

        code = self.returncode()
        return code is None or code in (-signal.SIGINT, 128 + signal.SIGINT)

    def _kill_quietly(self) -> None:
        """`kill` the command, tolerating runners that cannot."""
        try:
            self.kill()
        except NotImplementedError:
            pass

    def _unify_kwargs_with_config(self, kwargs: Any) -> None:
        """Merge ``kwargs`` over ``config.run`` into ``self.opts``; reject unknowns."""
        self.opts, self._echo_allowed = merge_run_options(self.context.config, kwargs)
        opts = self.opts
        self.streams = {
            "out": sys.stdout if opts["out_stream"] is None else opts["out_stream"],
            "err": sys.stderr if opts["err_stream"] is None else opts["err_stream"],
            "in": sys.stdin if opts["in_stream"] is None else opts["in_stream"],
        }

    def _collate_result(self, watcher_errors: List[WatcherError]) -> Result:
        """Build the final `Result` from the captured output and exit code."""
        stdout = "".join(self.stdout)
        stderr = "".join(self.stderr)
        exited = self.returncode()
        if watcher_errors:
            exited = None
        return self.generate_result(
            **dict(
                self.result_kwargs,
                stdout=stdout,
                stderr=stderr,
                exited=exited,
                pid=self.get_pid(),
            )
        )

    def _thread_join_timeout(self, target: Callable) -> Optional[int]:
        """How long to wait for ``target``'s thread at the end of a run."""
        # Output threads have already ended; our stdin reader may sit in a
        # read that cannot be interrupted (a stream without a descriptor).
        if target == self.handle_stdin:
            return 1
        return None

    # -- threads and streams ------------------------------------------------

    def create_io_threads(
        self,
    ) -> Tuple[Dict[Callable, ExceptionHandlingThread], List[str], List[str]]:
        """Create (not start) the threads that relay stdout, stderr and stdin."""
        stdout: List[str] = []
        stderr: List[str] = []
        hide = self.opts["hide"]
        thread_args: Dict[Callable, Dict[str, Any]] = {
            self.handle_stdout: {
                "buffer_": stdout,
                "hide": "stdout" in hide,
                "output": self.streams["out"],
            }
        }
        if not self.using_pty:
            thread_args[self.handle_stderr] = {
                "buffer_": stderr,
                "hide": "stderr" in hide,
                "output": self.streams["err"],
            }
        stdin = self.streams["in"]
        # sys.stdin can be None (no console); then there is nothing to relay.
        if stdin is not False and stdin is not None and self._stdin_is_usable(stdin):
            if has_fileno(stdin) and not WINDOWS:
                # Lets the stdin thread's select() wake up when we finish.
                self._stdin_wake = os.pipe()
            thread_args[self.handle_stdin] = {
                "input_": stdin,
                "output": self.streams["out"],
                "echo": self.should_echo_stdin(stdin, self.streams["out"]),
            }
        threads: Dict[Callable, ExceptionHandlingThread] = {}
        for target, kwargs in thread_args.items():
            threads[target] = _IOThread(self._io_event, target=target, kwargs=kwargs)
        return threads, stdout, stderr

    def _stdin_is_usable(self, stream: Any) -> bool:
        """False for a terminal we do not own (reading it would stop us)."""
        from ..terminals import stdin_is_foregrounded_tty

        if has_fileno(stream) and isatty(stream):
            return stdin_is_foregrounded_tty(stream)
        return True

    def generate_result(self, **kwargs: Any) -> Result:
        """Create the `Result`; the one place subclasses change its class."""
        return Result(**kwargs)

    def generate_env(self, env: Dict[str, Any], replace_env: bool) -> Dict[str, Any]:
        """The command's environment: ``env`` alone, or ours updated by it."""
        if replace_env:
            return dict(env)
        merged = copy_environ()
        merged.update(env)
        return merged

    def should_use_pty(self, pty: bool, fallback: bool) -> bool:
        """Whether this run uses a pty; the base class does what it is told."""
        return pty

    @property
    def has_dead_threads(self) -> bool:
        """True when an IO thread died of an exception."""
        if self._io_errors:
            return True
        return any(thread.is_dead or thread.exception() is not None for thread in self.threads.values())

    def _output_finished(self) -> bool:
        """True when every output thread has reached end of file (or died)."""
        for target, thread in self.threads.items():
            if target == self.handle_stdin:
                continue
            if not getattr(thread, "finished", not thread.is_alive()):
                return False
        return True

    def wait(self) -> None:
        """Block until the output is fully read and the command has exited.

        Returns early when an IO thread dies. Never sleep-polls for output:
        threads wake us when they end.
        """
        while not self._output_finished():
            if any(thread.exception() is not None for thread in self.threads.values()):
                return
            self._io_event.wait()
            self._io_event.clear()
        if self.has_dead_threads:
            return
        self._wait_for_process()

    def _wait_for_process(self) -> None:
        """Block until `process_is_finished`; subclasses may block directly.

        The generic version polls with a short, growing delay: it only runs
        after the output has ended, when the exit status is moments away.
        """
        delay = 0.0005
        while not self.process_is_finished:
            time.sleep(delay)
            delay = min(delay * 2, 0.05)

    def write_proc_stdin(self, data: str) -> None:
        """Encode ``data`` and send it to the command's stdin."""
        self._write_proc_stdin(data.encode(self.encoding))

    def decode(self, data: bytes) -> str:
        """Decode ``data`` with the run's encoding, replacing invalid bytes."""
        return data.decode(self.encoding, "replace")

    # -- hooks for subclasses ---------------------------------------------

    @property
    def process_is_finished(self) -> bool:
        """True once the command has exited."""
        raise NotImplementedError

    def start(self, command: str, shell: str, env: Dict[str, Any]) -> None:
        """Start ``command`` under ``shell`` with ``env``."""
        raise NotImplementedError

    def start_timer(self, timeout: Optional[float]) -> None:
        """Arrange for `kill` to be called after ``timeout`` seconds."""
        if timeout:
            self._timer = threading.Timer(timeout, self._time_out)
            self._timer.daemon = True
            # A Ctrl-C handled meanwhile is relayed once the wait begins.
            self._early_interrupt = start_signal_free(self._timer)

    def _time_out(self) -> None:
        """Timer callback: end the command unless it just finished in time."""
        if self._output_finished() and self.process_is_finished:
            return
        self._timed_out = True
        self.kill()

    def read_proc_stdout(self, num_bytes: int) -> Optional[bytes]:
        """Read up to ``num_bytes`` of the command's stdout; ``b""`` at EOF."""
        raise NotImplementedError

    def read_proc_stderr(self, num_bytes: int) -> Optional[bytes]:
        """Read up to ``num_bytes`` of the command's stderr; ``b""`` at EOF."""
        raise NotImplementedError

    def _write_proc_stdin(self, data: bytes) -> None:
        """Write ``data`` to the command's stdin."""
        raise NotImplementedError

    def close_proc_stdin(self) -> None:
        """Close the command's stdin (our input reached end of file)."""
        raise NotImplementedError

    def default_encoding(self) -> str:
        """The encoding used when ``encoding`` is not configured."""
        return default_encoding()

    def send_interrupt(self, interrupt: KeyboardInterrupt) -> None:
        """Pass on a Ctrl-C (``interrupt``) to the command."""
        self.write_proc_stdin("\x03")

    def returncode(self) -> Optional[int]:
        """The command's exit code, once it has finished."""
        raise NotImplementedError

    def stop(self) -> None:
        """Release what the run held (timer, wake-up pipe); always called last."""
        if self._timer is not None:
            self._timer.cancel()
        # The stdin thread may still wait for input after an asynchronous
        # run was abandoned; make sure it lets go.
        self.program_finished.set()
        self._wake_stdin()
        # The threads (keyed by our bound methods) form a reference cycle
        # with us; break it so captured output is freed at once, not at GC.
        self.threads = {}

    def kill(self) -> None:
        """Forcibly end the command (used by timeouts)."""
        raise NotImplementedError

    @property
    def timed_out(self) -> bool:
        """True when the command was ended by its timeout."""
        return self._timed_out

    def get_pid(self) -> Optional[int]:
        """The command's process id, when there is one."""
        return None
