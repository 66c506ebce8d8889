"""The generic `Runner` driving a subclass that only implements the hooks.

This is how Fabric's ``Remote`` uses it: blocking reads on a channel,
results built through `generate_result`, `stop` always called last.
"""

from __future__ import annotations

import io
import subprocess
from typing import Any, Dict, List, Optional

import pytest

from invoke import Config, Context, Result, Runner
from invoke.exceptions import CommandTimedOut, UnexpectedExit


class ChannelResult(Result):
    """Like Fabric's Result: takes every field by keyword plus its own."""

    def __init__(self, **kwargs: Any) -> None:
        self.connection = kwargs.pop("connection")
        super().__init__(**kwargs)


class ChannelRunner(Runner):
    """A minimal remote-style runner over a subprocess's file objects."""

    def __init__(self, context: Context) -> None:
        super().__init__(context)
        self.calls: List[str] = []
        self.proc: Optional[subprocess.Popen] = None
        self.result_kwargs_seen: Dict[str, Any] = {}

    def start(self, command: str, shell: str, env: Dict[str, Any]) -> None:
        self.calls.append("start")
        self.proc = subprocess.Popen(
            [shell, "-c", command],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def read_proc_stdout(self, num_bytes: int) -> bytes:
        return self.proc.stdout.read1(num_bytes)

    def read_proc_stderr(self, num_bytes: int) -> bytes:
        return self.proc.stderr.read1(num_bytes)

    def _write_proc_stdin(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def close_proc_stdin(self) -> None:
        self.calls.append("close_proc_stdin")
        self.proc.stdin.close()

    @property
    def process_is_finished(self) -> bool:
        return self.proc.poll() is not None

    def returncode(self) -> Optional[int]:
        self.calls.append("returncode")
        return self.proc.returncode

    def kill(self) -> None:
        self.calls.append("kill")
        self.proc.kill()

    def stop(self) -> None:
        super().stop()
        self.calls.append("stop")

    def generate_result(self, **kwargs: Any) -> Result:
        self.result_kwargs_seen = kwargs
        return ChannelResult(connection="host", **kwargs)


def make_runner() -> ChannelRunner:
    return ChannelRunner(Context(Config()))


def test_hook_only_subclass_runs_and_captures() -> None:
    runner = make_runner()
    result = runner.run("printf out; printf err >&2", hide=True, in_stream=False)
    assert isinstance(result, ChannelResult) and result.connection == "host"
    assert (result.stdout, result.stderr, result.exited) == ("out", "err", 0)
    assert runner.calls == ["start", "returncode", "stop"]


def test_generate_result_gets_every_field_by_keyword() -> None:
    runner = make_runner()
    runner.run("true", hide=True, in_stream=False)
    assert set(runner.result_kwargs_seen) == {
        "command", "shell", "env", "pty", "hide", "encoding",
        "stdout", "stderr", "exited", "pid",
    }
    assert runner.result_kwargs_seen["pid"] is None  # default get_pid()


def test_stdin_end_closes_the_channel_before_finishing() -> None:
    runner = make_runner()
    result = runner.run("cat", hide=True, in_stream=io.StringIO("abc"))
    assert result.stdout == "abc"
    assert runner.calls.index("close_proc_stdin") < runner.calls.index("returncode")


def test_subclass_watcher_answers_a_late_prompt_after_our_input_ended() -> None:
    # Fabric's sudo with stdin at end of file: the channel is shut for
    # writing only after the answer could be given.
    from invoke.watchers import Responder

    runner = make_runner()
    command = "sleep 0.3; printf 'pw: ' >&2; read x; echo \"got $x\""
    result = runner.run(command, hide=True, in_stream=io.StringIO(""), watchers=[Responder("pw: ", "s3\n")])
    assert result.stdout == "got s3\n"


def test_subclass_failure_raises_unexpected_exit_and_still_stops() -> None:
    runner = make_runner()
    with pytest.raises(UnexpectedExit):
        runner.run("exit 3", hide=True, in_stream=False)
    assert runner.calls[-1] == "stop"


def test_subclass_timeout_calls_kill() -> None:
    runner = make_runner()
    with pytest.raises(CommandTimedOut):
        runner.run("exec sleep 30", hide=True, in_stream=False, timeout=0.3)
    assert "kill" in runner.calls


def test_generate_env_replaces_or_augments() -> None:
    runner = make_runner()
    assert runner.generate_env({"A": "1"}, replace_env=True) == {"A": "1"}
    merged = runner.generate_env({"A": "1"}, replace_env=False)
    assert merged["A"] == "1" and "PATH" in merged


def test_disowned_result_carries_pid_and_flag() -> None:
    runner = make_runner()
    result = runner.run("sleep 0", disown=True)
    assert runner.result_kwargs_seen["disowned"] is True
    assert result.disowned is True and result.exited is None
    runner.proc.wait()


def test_result_summary_and_tail() -> None:
    result = Result(stdout="\n".join(str(i) for i in range(15)) + "\n", stderr="", exited=1)
    assert result.tail("stdout") == "\n\n" + "\n".join(str(i) for i in range(5, 15))
    assert result.tail("stdout", 2) == "\n\n13\n14"
    assert str(result).startswith("Command exited with status 1.\n=== stdout ===\n0\n1\n")
    assert str(result).endswith("14\n\n(no stderr)")
    assert repr(result) == "<Result cmd='' exited=1>"


def test_result_defaults() -> None:
    result = Result()
    assert (result.stdout, result.stderr, result.exited, result.pty) == ("", "", 0, False)
    assert result.env == {} and result.hide == () and result.pid is None
    assert result.ok and result.encoding
