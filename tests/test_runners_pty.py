"""Runs with ``pty=True``, Ctrl-C relay, and watchers answering real prompts."""

from __future__ import annotations

import io
import os
import signal
import sys
from typing import Any, List

import pytest

from invoke import Config, Context, Result
from invoke.exceptions import Failure, ResponseNotAccepted, ThreadException, UnexpectedExit
from invoke.watchers import FailingResponder, Responder, StreamWatcher

PY = sys.executable


@pytest.fixture(autouse=True)
def stdin_with_a_descriptor(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Give sys.stdin a file descriptor, as outside pytest (see the fallback test)."""
    with open(os.devnull) as devnull:
        monkeypatch.setattr(sys, "stdin", devnull)
        yield


def run(command: str, **kwargs: Any) -> Result:
    kwargs.setdefault("in_stream", False)
    return Context(Config()).run(command, **kwargs)


def test_pty_falls_back_to_pipes_when_stdin_has_no_descriptor(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As in Invoke (which is how pty=True behaves under pytest's capture).
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    context = Context(Config())
    first = context.run("test -t 1 && echo tty || echo pipe", pty=True, hide=True)
    assert (first.stdout, first.pty) == ("pipe\n", False)
    assert capsys.readouterr().err == "WARNING: stdin has no fileno; falling back to non-pty execution!\n"
    forced = context.run("test -t 1 && echo tty || echo pipe", pty=True, fallback=False, hide=True)
    assert (forced.stdout, forced.pty) == ("tty\r\n", True)


def test_pty_output_uses_crlf_and_merges_stderr() -> None:
    result = run("printf 'a\\nb\\n'; printf 'e\\n' >&2", pty=True, hide=True)
    assert result.stdout == "a\r\nb\r\ne\r\n"
    assert result.stderr == ""
    assert result.pty is True


def test_pty_command_has_a_terminal() -> None:
    result = run("test -t 0 && test -t 1 && echo tty", pty=True, hide=True)
    assert result.stdout == "tty\r\n"


def test_pty_gets_our_terminal_size_or_80x24() -> None:
    from invoke.terminals import pty_size

    cols, rows = pty_size()
    result = run("stty size", pty=True, hide=True)
    assert result.stdout == f"{rows} {cols}\r\n"


def test_pty_failure_message_says_no_stderr() -> None:
    with pytest.raises(UnexpectedExit) as info:
        run("printf 'x\\n'; exit 2", pty=True, hide=True)
    assert str(info.value).endswith("Stdout:\n\nx\n\nStderr: n/a (PTYs have no stderr)\n\n")


def test_pty_output_streams_to_out_stream() -> None:
    out = io.StringIO()
    run("echo hi", pty=True, out_stream=out)
    assert out.getvalue() == "hi\r\n"


def test_pty_relays_in_stream() -> None:
    # Send EOF (Ctrl-D) through the terminal so `cat` ends.
    result = run("head -n 1", pty=True, hide=True, in_stream=io.StringIO("typed\n"))
    assert "typed" in result.stdout


def test_pty_exit_code_is_reported() -> None:
    assert run("exit 7", pty=True, hide=True, warn=True).exited == 7


class _InterruptWhenSeen(StreamWatcher):
    """Sends us SIGINT once the command prints ``ready`` (like a Ctrl-C)."""

    def __init__(self) -> None:
        self.sent = False

    def submit(self, stream: str) -> List[str]:
        if "ready" in stream and not self.sent:
            self.sent = True
            os.kill(os.getpid(), signal.SIGINT)
        return []


@pytest.fixture
def sigint_raises() -> Any:
    """Make SIGINT raise KeyboardInterrupt here even if our parent ignored it."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


_TRAPS_SIGINT = (
    "import signal, sys, time\n"
    "def on_int(*_):\n"
    "    print('child got SIGINT', flush=True); sys.exit(130)\n"
    "signal.signal(signal.SIGINT, on_int)\n"
    "print('ready', flush=True)\n"
    "time.sleep(30)\n"
)


def test_ctrl_c_is_relayed_to_the_command_then_reraised(tmp_path: Any, sigint_raises: None) -> None:
    script = tmp_path / "child.py"
    script.write_text(_TRAPS_SIGINT)
    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        run(f"{PY} {script}", watchers=[_InterruptWhenSeen()], out_stream=out)
    # The command saw the interrupt and its last words were still read.
    assert "child got SIGINT" in out.getvalue()


def test_ctrl_c_is_relayed_through_a_pty(tmp_path: Any, sigint_raises: None) -> None:
    script = tmp_path / "child.py"
    script.write_text(_TRAPS_SIGINT)
    out = io.StringIO()
    with pytest.raises(KeyboardInterrupt):
        run(f"{PY} {script}", pty=True, watchers=[_InterruptWhenSeen()], out_stream=out)
    assert "child got SIGINT" in out.getvalue()


_HANDLES_SIGINT = "trap 'echo handled; kill $!; exit {code}' INT; echo ready; sleep 30 & wait"


@pytest.mark.parametrize("pty", [False, True])
def test_command_that_survives_ctrl_c_decides_the_outcome(sigint_raises: None, pty: bool) -> None:
    # As in Invoke: a command that handles Ctrl-C and exits normally (a
    # REPL, a server shutting down cleanly) lets the task carry on.
    result = run(_HANDLES_SIGINT.format(code=0), pty=pty, watchers=[_InterruptWhenSeen()], hide=True)
    assert result.ok and "handled" in result.stdout


def test_command_that_fails_after_ctrl_c_raises_unexpected_exit(sigint_raises: None) -> None:
    with pytest.raises(UnexpectedExit) as info:
        run(_HANDLES_SIGINT.format(code=7), pty=True, watchers=[_InterruptWhenSeen()], hide=True)
    assert info.value.result.exited == 7


_PROMPT_IN_PIECES = (
    "import sys, time\n"
    "for piece in ('Pass', 'wo', 'rd: '):\n"
    "    sys.stdout.write(piece); sys.stdout.flush(); time.sleep(0.1)\n"
    "answer = sys.stdin.readline().strip()\n"
    "print('got ' + answer)\n"
)


@pytest.mark.parametrize("pty", [False, True])
def test_responder_answers_a_prompt_split_across_reads(tmp_path: Any, pty: bool) -> None:
    script = tmp_path / "prompt.py"
    script.write_text(_PROMPT_IN_PIECES)
    responder = Responder(pattern=r"Password: ", response="secret\n")
    result = run(f"{PY} {script}", watchers=[responder], hide=True, pty=pty)
    assert "got secret" in result.stdout


def test_responder_answers_every_occurrence() -> None:
    command = "for i in 1 2 3; do printf 'go? '; read x; echo \"<$x>\"; done"
    result = run(command, watchers=[Responder(r"go\? ", "y\n")], hide=True)
    assert result.stdout == "go? <y>\n" * 3


def test_failing_responder_stops_the_command_when_refused() -> None:
    command = "printf 'pw: '; read x; echo 'Sorry, try again.'; sleep 30"
    responder = FailingResponder(pattern=r"pw: ", response="bad\n", sentinel="Sorry, try again.")
    with pytest.raises(Failure) as info:
        run(command, watchers=[responder], hide=True)
    failure = info.value
    assert isinstance(failure.reason, ResponseNotAccepted)
    assert str(failure.reason) == "Auto-response to r\"pw: \" failed with 'Sorry, try again.'!"
    assert failure.result.exited is None
    assert str(failure).startswith("Command was not fully executed due to watcher error.\n")
    assert repr(failure) == f"<Failure: cmd={command!r}>"


def test_failing_responder_ignores_sentinel_before_answering() -> None:
    command = "echo 'Sorry, try again.'; printf 'pw: '; read x; echo ok"
    responder = FailingResponder(pattern=r"pw: ", response="good\n", sentinel="Sorry, try again.")
    assert run(command, watchers=[responder], hide=True).stdout.endswith("ok\n")


class _WholeStreamWatcher(StreamWatcher):
    """A user-style watcher: looks at the whole stream every time.

    Watchers are thread-local, so what it sees goes to a list passed in.
    """

    def __init__(self, streams: List[str]) -> None:
        self.streams = streams

    def submit(self, stream: str) -> List[str]:
        self.streams.append(stream)
        return []


def test_custom_watchers_get_the_whole_stream_so_far() -> None:
    streams: List[str] = []
    run("printf one; sleep 0.1; printf two", watchers=[_WholeStreamWatcher(streams)], hide=True)
    assert streams[-1] == "onetwo"
    assert all("onetwo".startswith(stream) for stream in streams)


class _BrokenWatcher(StreamWatcher):
    def submit(self, stream: str) -> List[str]:
        raise RuntimeError("watcher bug")


def test_watcher_crash_surfaces_as_thread_exception() -> None:
    with pytest.raises(ThreadException) as info:
        run("echo hi; sleep 30", watchers=[_BrokenWatcher()], hide=True)
    assert [wrapper.type for wrapper in info.value.exceptions] == [RuntimeError]
    assert "Saw 1 exceptions within threads (RuntimeError)" in str(info.value)


def test_watchers_from_config_are_used() -> None:
    context = Context(Config(overrides={"run": {"watchers": [Responder("q\\? ", "a\n")]}}))
    result = context.run("printf 'q? '; read x; echo $x", hide=True, in_stream=False)
    assert result.stdout == "q? a\n"


def test_ctrl_c_sent_only_to_us_reaches_the_whole_command(tmp_path: Any) -> None:
    # Without a terminal, a SIGINT sent to us alone (kill -INT, a CI runner)
    # is passed to the shell *and* its running child, as a terminal would;
    # otherwise the shell would wait for `sleep` to finish first. Run in a
    # new session so a terminal running the tests cannot change the case.
    import subprocess
    import time

    script = tmp_path / "interrupted.py"
    script.write_text(
        "import os, signal\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from invoke import Context\n"
        "from invoke.watchers import StreamWatcher\n"
        "class Interrupt(StreamWatcher):\n"
        "    def submit(self, stream):\n"
        "        if 'ready' in stream:\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "        return []\n"
        "try:\n"
        # The child prints "ready" itself, once it runs: a SIGINT landing
        # while the shell forks it could be lost in the fork (as with a
        # real terminal), which is not what this test is about.
        f"    Context().run('{PY} -c \"import os, time; os.write(1, b\\'ready\\\\n\\'); time.sleep(30)\"; echo after',\n"
        "                  watchers=[Interrupt()], in_stream=False)\n"
        "except KeyboardInterrupt:\n"
        "    print('INTERRUPTED')\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [PY, str(script)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=60,
    )
    assert done.stdout == "ready\nINTERRUPTED\n", done.stderr
    assert time.monotonic() - started < 15


def test_second_ctrl_c_stops_waiting_for_leftover_background_jobs(tmp_path: Any) -> None:
    # The shell dies of the first Ctrl-C, but its background job (which
    # ignores SIGINT, as background jobs do) holds the output open; a
    # second Ctrl-C stops waiting for it.
    import subprocess
    import time

    pidfile = tmp_path / "bg.pid"
    script = tmp_path / "leftover.py"
    script.write_text(
        "import os, signal, sys, time\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "from invoke import Context\n"
        "from invoke.watchers import StreamWatcher\n"
        "class Interrupt(StreamWatcher):\n"
        "    def submit(self, stream):\n"
        "        if 'ready' in stream:\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "            time.sleep(0.5)\n"
        "            os.kill(os.getpid(), signal.SIGINT)\n"
        "        return []\n"
        "try:\n"
        f"    Context().run('sleep 30 & echo $! > {pidfile}; echo ready; sleep 30',\n"
        "                  watchers=[Interrupt()], in_stream=False)\n"
        "except KeyboardInterrupt:\n"
        "    print('INTERRUPTED')\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [PY, str(script)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=60,
    )
    try:
        assert done.stdout == "ready\nINTERRUPTED\n", done.stderr
        assert time.monotonic() - started < 15
    finally:
        os.kill(int(pidfile.read_text()), signal.SIGKILL)


_LATE_PROMPT = "sleep 0.3; printf 'Password: '; read x; echo \"got=$x\""


@pytest.mark.parametrize("stdin", ["devnull", "empty-text"])
def test_responder_answers_a_late_prompt_when_our_stdin_is_at_eof(stdin: str) -> None:
    # CI runs with stdin at end of file; the command's stdin must stay open
    # long enough for a watcher (sudo's password responder) to answer.
    responder = FailingResponder(r"Password: ", "pw\n", "Sorry")
    if stdin == "devnull":
        with open(os.devnull) as in_stream:
            result = run(_LATE_PROMPT, watchers=[responder], hide=True, in_stream=in_stream)
    else:
        result = run(_LATE_PROMPT, watchers=[responder], hide=True, in_stream=io.StringIO(""))
    assert result.stdout == "Password: got=pw\n"


def test_command_reading_to_eof_still_ends_when_watchers_wait() -> None:
    import time

    started = time.monotonic()
    with open(os.devnull) as in_stream:
        result = run("cat; echo done", watchers=[Responder("never", "x\n")], hide=True, in_stream=in_stream)
    assert result.stdout == "done\n"
    assert time.monotonic() - started < 3


def test_signals_reach_the_main_thread_while_it_waits() -> None:
    # A signal the kernel hands to one of our IO threads would not wake
    # the main thread's wait: IO threads block signals so it never does.
    import threading

    seen: List[Any] = []

    class Probe(StreamWatcher):
        def submit(self, stream: str) -> List[str]:
            if not seen:
                seen.append(signal.pthread_sigmask(signal.SIG_BLOCK, []))
            return []

    run("echo hi", watchers=[Probe()], hide=True)
    assert signal.SIGINT in seen[0] and signal.SIGTERM in seen[0]
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])
    assert threading.current_thread() is threading.main_thread()


@pytest.mark.parametrize("pty", [False, True])
def test_command_started_from_a_watcher_gets_a_clean_signal_mask(pty: bool) -> None:
    # IO threads block signals; a command they start must not inherit that.
    masks: List[str] = []

    class Nested(StreamWatcher):
        def submit(self, stream: str) -> List[str]:
            if not masks:
                inner = Context(Config()).run("grep SigBlk /proc/self/status", pty=pty, hide=True, in_stream=False)
                masks.append(inner.stdout.split()[-1])
            return []

    if not os.path.exists("/proc/self/status"):
        pytest.skip("needs /proc")
    run("echo go", watchers=[Nested()], hide=True)
    assert int(masks[0], 16) == 0
