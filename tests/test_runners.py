"""Local runs of real commands through pipes: capture, streams, options, errors."""

from __future__ import annotations

import io
import os
import sys
from typing import Any

import pytest

from invoke import Config, Context, Local, Result
from invoke.exceptions import CommandTimedOut, UnexpectedExit
from invoke.runners import normalize_hide

PY = sys.executable


def make_context(**run: Any) -> Context:
    """A real Context whose run config is overridden by ``run``."""
    return Context(Config(overrides={"run": run} if run else None))


def run(command: str, **kwargs: Any) -> Result:
    kwargs.setdefault("in_stream", False)
    return make_context().run(command, **kwargs)


def test_captures_stdout_and_stderr_separately() -> None:
    result = run("printf 'out\\nput'; printf 'err' >&2", hide=True)
    assert result.stdout == "out\nput"
    assert result.stderr == "err"
    assert result.exited == 0 and result.return_code == 0
    assert result.ok and not result.failed and bool(result)


def test_result_records_how_the_command_ran() -> None:
    result = run("true", hide=True, shell="/bin/sh", env={"X_TEST": "1"})
    assert result.command == "true"
    assert result.shell == "/bin/sh"
    assert result.env["X_TEST"] == "1"
    assert result.hide == ("stdout", "stderr")
    assert result.pty is False
    assert isinstance(result.pid, int)
    assert result.disowned is False
    assert result.encoding


def test_output_streams_to_given_streams_when_not_hidden() -> None:
    out, err = io.StringIO(), io.StringIO()
    result = run("echo out; echo err >&2", out_stream=out, err_stream=err)
    assert out.getvalue() == "out\n"
    assert err.getvalue() == "err\n"
    assert result.stdout == "out\n"


def test_hide_out_hides_only_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    result = run("echo out; echo err >&2", hide="out")
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == "err\n"
    assert result.hide == ("stdout",)
    assert result.stdout == "out\n"


def test_hidden_streams_are_not_written(capfd: pytest.CaptureFixture[str]) -> None:
    run("echo out; echo err >&2", hide=True)
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


def test_shown_streams_reach_our_stdout_and_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    run("echo out; echo err >&2", hide="err")
    captured = capfd.readouterr()
    assert captured.out == "out\n"
    assert captured.err == ""


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, ()),
        (False, ()),
        (True, ("stdout", "stderr")),
        ("both", ("stdout", "stderr")),
        ("out", ("stdout",)),
        ("stdout", ("stdout",)),
        ("err", ("stderr",)),
        ("stderr", ("stderr",)),
    ],
)
def test_normalize_hide_accepts_every_spelling(value: Any, expected: tuple) -> None:
    assert normalize_hide(value) == expected


def test_normalize_hide_never_hides_a_stream_given_explicitly() -> None:
    assert normalize_hide(True, out_stream=io.StringIO()) == ("stderr",)
    assert normalize_hide("both", err_stream=io.StringIO()) == ("stdout",)


def test_bad_hide_value_is_one_clear_error() -> None:
    with pytest.raises(ValueError) as info:
        run("true", hide="bogus")
    assert str(info.value) == (
        "'hide' got 'bogus' which is not in (None, False, 'out', 'stdout', "
        "'err', 'stderr', 'both', True)"
    )


def test_hide_from_config_applies() -> None:
    result = make_context(hide=True).run("echo hi", in_stream=False)
    assert result.hide == ("stdout", "stderr")


def test_unknown_run_option_is_a_type_error() -> None:
    with pytest.raises(TypeError) as info:
        run("true", bogus=1)
    assert str(info.value) == "run() got an unexpected keyword argument 'bogus'"
    with pytest.raises(TypeError) as info:
        run("true", bogus=1, other=2)
    assert str(info.value) == "run() got unexpected keyword arguments 'bogus', 'other'"


def test_echo_prints_command_in_bold(capsys: pytest.CaptureFixture[str]) -> None:
    run("true", echo=True)
    assert capsys.readouterr().out == "\x1b[1;37mtrue\x1b[0m\n"


def test_echo_format_is_configurable(capsys: pytest.CaptureFixture[str]) -> None:
    make_context(echo_format="+ {command}").run("true", echo=True, in_stream=False)
    assert capsys.readouterr().out == "+ true\n"


def test_literal_hide_true_silences_echo_but_both_does_not(capsys: pytest.CaptureFixture[str]) -> None:
    run("true", echo=True, hide=True)
    assert capsys.readouterr().out == ""
    run("true", echo=True, hide="both")
    assert capsys.readouterr().out == "\x1b[1;37mtrue\x1b[0m\n"


def test_dry_echoes_and_does_not_run(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "ran"
    result = run(f"touch {marker}", dry=True, hide=True)
    assert not marker.exists()
    assert result.exited == 0 and result.stdout == ""
    assert capsys.readouterr().out == f"\x1b[1;37mtouch {marker}\x1b[0m\n"


def test_nonzero_exit_raises_unexpected_exit_with_tails_of_hidden_streams() -> None:
    with pytest.raises(UnexpectedExit) as info:
        run("printf 'a\\nb\\n'; printf 'e1\\n' >&2; exit 3", hide=True)
    error = info.value
    assert error.result.exited == 3
    assert str(error) == (
        "Encountered a bad command exit code!\n\n"
        "Command: \"printf 'a\\\\nb\\\\n'; printf 'e1\\\\n' >&2; exit 3\"\n\n"
        "Exit code: 3\n\n"
        "Stdout:\n\na\nb\n\n"
        "Stderr:\n\ne1\n\n"
    )
    assert repr(error) == "<UnexpectedExit: cmd=\"printf 'a\\\\nb\\\\n'; printf 'e1\\\\n' >&2; exit 3\" exited=3>"


def test_unexpected_exit_says_already_printed_for_shown_streams() -> None:
    with pytest.raises(UnexpectedExit) as info:
        run("exit 2", out_stream=io.StringIO(), err_stream=io.StringIO())
    assert "Stdout: already printed\n\nStderr: already printed\n\n" in str(info.value)


def test_warn_returns_the_failed_result() -> None:
    result = run("exit 4", warn=True, hide=True)
    assert result.exited == 4
    assert result.failed and not result.ok and not result
    assert str(result) == "Command exited with status 4.\n(no stdout)\n(no stderr)"


def test_killed_by_signal_reports_negative_signal_number() -> None:
    result = run("kill -TERM $$", warn=True, hide=True)
    assert result.exited == -15


def test_env_is_added_to_ours_by_default() -> None:
    result = run("echo $X_TEST:${HOME:+home}", env={"X_TEST": "yes"}, hide=True)
    assert result.stdout == "yes:home\n"


def test_replace_env_gives_only_the_env_given() -> None:
    result = run("echo ${X_TEST}:${HOME:-nohome}", env={"X_TEST": "yes"}, replace_env=True, hide=True)
    assert result.stdout == "yes:nohome\n"


def test_shell_option_chooses_the_shell() -> None:
    result = run("echo $0", shell="/bin/sh", hide=True)
    assert result.stdout == "/bin/sh\n"


def test_invalid_utf8_is_replaced_never_a_crash() -> None:
    code = "import sys; sys.stdout.buffer.write(b'ok\\xff\\xfe\\xc3\\xa9')"
    result = run(f"{PY} -c \"{code}\"", hide=True, encoding="utf-8")
    assert result.stdout == "ok\ufffd\ufffd\u00e9"


def test_multibyte_character_split_across_reads_decodes_whole() -> None:
    code = (
        "import sys, time; o = sys.stdout.buffer; "
        "o.write(b'\\xc3'); o.flush(); time.sleep(0.2); o.write(b'\\xa9!'); o.flush()"
    )
    result = run(f"{PY} -c \"{code}\"", hide=True, encoding="utf-8")
    assert result.stdout == "\u00e9!"


def test_encoding_option_decodes_output() -> None:
    result = run("printf '\\351t\\351'", hide=True, encoding="latin-1")
    assert result.stdout == "\u00e9t\u00e9"
    assert result.encoding == "latin-1"


def test_unknown_encoding_is_a_clear_error() -> None:
    with pytest.raises(ValueError) as info:
        run("true", encoding="no-such-codec")
    assert str(info.value) == "run() got an unknown encoding: 'no-such-codec'"


def test_in_stream_text_is_relayed_then_closed() -> None:
    result = run("cat; echo done", in_stream=io.StringIO("hello\nthere"), hide=True)
    assert result.stdout == "hello\nthere" + "done\n"


def test_in_stream_file_is_relayed_byte_for_byte(tmp_path: Any) -> None:
    payload = bytes(range(256)) * 8192  # 2 MB, every byte value
    source = tmp_path / "in.bin"
    source.write_bytes(payload)
    with open(source, "rb") as handle:
        result = run("cat | wc -c", in_stream=handle, hide=True)
    assert result.stdout.strip() == str(len(payload))
    with open(source, "rb") as handle:
        result = run("cat | md5sum", in_stream=handle, hide=True)
    import hashlib

    assert result.stdout.split()[0] == hashlib.md5(payload).hexdigest()


def test_echo_stdin_copies_input_to_out_stream() -> None:
    out = io.StringIO()
    run("cat > /dev/null", in_stream=io.StringIO("typed"), echo_stdin=True, out_stream=out)
    assert out.getvalue() == "typed"


def test_in_stream_false_leaves_command_stdin_alone() -> None:
    # Nothing is relayed (and stdin stays open), so `read` times out.
    result = run("read -t 1 x; echo \"[$x]\"", in_stream=False, hide=True, warn=True)
    assert result.stdout == "[]\n"


def test_timeout_raises_command_timed_out_with_message() -> None:
    with pytest.raises(CommandTimedOut) as info:
        run("printf x; sleep 30", timeout=0.5, hide=True)
    error = info.value
    assert error.timeout == 0.5
    assert str(error) == (
        "Command did not complete within 0.5 seconds!\n\n"
        "Command: 'printf x; sleep 30'\n\n"
        "Stdout:\n\nx\n\n"
        "Stderr:\n\n\n\n"
    )
    assert repr(error) == "<CommandTimedOut: cmd='printf x; sleep 30' timeout=0.5>"


def test_timeout_ends_grandchildren_too(tmp_path: Any) -> None:
    pidfile = tmp_path / "pid"
    with pytest.raises(CommandTimedOut):
        run(f"sleep 30 & echo $! > {pidfile}; wait", timeout=0.5, hide=True)
    assert _dies_soon(int(pidfile.read_text()))


def test_timeout_ends_background_jobs_left_holding_output(tmp_path: Any) -> None:
    pidfile = tmp_path / "pid"
    # The shell exits at once; its background job keeps stdout open.
    with pytest.raises(CommandTimedOut):
        run(f"sleep 30 & echo $! > {pidfile}", timeout=1, hide=True)
    assert _dies_soon(int(pidfile.read_text()))


def test_timeout_from_config() -> None:
    context = Context(Config(overrides={"timeouts": {"command": 0.5}}))
    with pytest.raises(CommandTimedOut) as info:
        context.run("sleep 30", hide=True, in_stream=False)
    assert info.value.timeout == 0.5


def test_bad_timeout_is_a_clear_error() -> None:
    with pytest.raises(TypeError) as info:
        run("true", timeout="soon")
    assert str(info.value) == "run() timeout must be a number of seconds, not 'soon'"


def test_fast_command_under_timeout_is_fine() -> None:
    assert run("echo hi", timeout=30, hide=True).stdout == "hi\n"


def test_asynchronous_returns_promise_then_result() -> None:
    from invoke import Promise

    promise = run("sleep 0.2; echo done", asynchronous=True, hide=True)
    assert isinstance(promise, Promise)
    assert promise.command == "sleep 0.2; echo done"
    assert repr(promise) == "<Promise cmd='sleep 0.2; echo done'>"
    result = promise.join()
    assert result.stdout == "done\n"


def test_asynchronous_promise_as_context_manager_joins() -> None:
    with run("exit 3", asynchronous=True, hide=True, warn=True) as promise:
        pass
    assert promise.runner.process_is_finished


def test_asynchronous_failure_raises_on_join() -> None:
    promise = run("exit 3", asynchronous=True, hide=True)
    with pytest.raises(UnexpectedExit):
        promise.join()


def test_asynchronous_run_is_detached_from_our_terminal(capfd: pytest.CaptureFixture[str]) -> None:
    # Like Invoke: output is hidden (whatever hide says) and our stdin is
    # not read, unless streams are given explicitly; echo still shows.
    promise = Context(Config()).run("echo out; echo err >&2; cat", asynchronous=True, hide=False, echo=True, timeout=5)
    assert promise.hide == ("stdout", "stderr")
    promise.runner.close_proc_stdin()
    result = promise.join()
    assert (result.stdout, result.stderr, result.hide) == ("out\n", "err\n", ("stdout", "stderr"))
    assert capfd.readouterr().out == "\x1b[1;37mecho out; echo err >&2; cat\x1b[0m\n"


def test_asynchronous_run_honors_explicit_streams() -> None:
    out = io.StringIO()
    result = run("cat; echo err >&2", asynchronous=True, out_stream=out, in_stream=io.StringIO("data")).join()
    assert out.getvalue() == "data" and result.stdout == "data"
    assert result.hide == ("stderr",)


def test_asynchronous_and_disown_together_is_an_error() -> None:
    with pytest.raises(ValueError) as info:
        run("true", asynchronous=True, disown=True)
    assert str(info.value) == "Cannot give both 'asynchronous' and 'disown' at the same time!"


def test_disown_returns_at_once_leaving_command_running() -> None:
    result = run("sleep 30", disown=True)
    try:
        assert result.disowned is True
        assert result.exited is None
        assert _alive(result.pid)
    finally:
        os.kill(result.pid, 9)
        os.waitpid(result.pid, 0)


def test_local_is_the_configured_runner() -> None:
    assert Config().runners.local is Local


def _dies_soon(pid: int) -> bool:
    """True when ``pid`` is gone within a few seconds.

    A killed process closes its files (ending our read) a moment before
    the kernel marks it dead, so allow for that.
    """
    import time

    deadline = time.monotonic() + 5
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _alive(pid: int) -> bool:
    """True when ``pid`` is running (not a zombie)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
