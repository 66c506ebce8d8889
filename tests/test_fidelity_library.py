"""Library-level behaviour that existing Invoke-based code relies on."""

import os
from pathlib import Path

import pytest

from invoke import Config, FilesystemLoader
from invoke.parser import Parser, ParserContext
from invoke.exceptions import ParseError


def test_parse_error_outside_any_context_has_no_context() -> None:
    with pytest.raises(ParseError) as info:
        Parser().parse_argv(["foo"])
    assert info.value.context is None


def test_parse_error_inside_a_context_keeps_it() -> None:
    task = ParserContext(name="build")
    with pytest.raises(ParseError) as info:
        Parser(contexts=[task]).parse_argv(["build", "--nope"])
    assert info.value.context is not None
    assert info.value.context.name == "build"


def test_loader_start_is_search_root_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rel").mkdir()
    (tmp_path / "rel" / "tasks.py").write_text("from invoke import task\n\n@task\ndef hi(c):\n    pass\n")
    monkeypatch.chdir(tmp_path)
    config = Config(overrides={"tasks": {"search_root": "rel"}})
    loader = FilesystemLoader(config=config)
    assert loader.start == "rel"
    # The search itself still resolves it.
    module, parent = loader.load("tasks")
    assert os.path.samefile(parent, tmp_path / "rel")
    assert hasattr(module, "hi")


def test_loader_start_defaults_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert FilesystemLoader().start == os.getcwd()


def test_invoke_run_and_sudo_build_context_through_package_attribute(monkeypatch: pytest.MonkeyPatch) -> None:
    import invoke

    calls = []

    class Recorder:
        def run(self, command: str, **kwargs: object) -> str:
            calls.append(("run", command, kwargs))
            return "ran"

        def sudo(self, command: str, **kwargs: object) -> str:
            calls.append(("sudo", command, kwargs))
            return "sudone"

    monkeypatch.setattr(invoke, "Context", Recorder)
    assert invoke.run("echo hi", hide=True, warn=True, custom_kw=1) == "ran"
    assert invoke.sudo("whoami", user="bob", pty=False) == "sudone"
    assert calls == [
        ("run", "echo hi", {"hide": True, "warn": True, "custom_kw": 1}),
        ("sudo", "whoami", {"user": "bob", "pty": False}),
    ]


def test_invoke_run_really_runs() -> None:
    import invoke

    result = invoke.run("echo fidelity", hide=True)
    assert result.stdout.strip() == "fidelity"


def test_failing_responder_names_pattern_and_sentinel() -> None:
    from invoke import FailingResponder
    from invoke.exceptions import ResponseNotAccepted

    responder = FailingResponder(pattern="pass:", response="secret\n", sentinel="Sorry")
    assert list(responder.submit("pass:")) == ["secret\n"]
    with pytest.raises(ResponseNotAccepted) as info:
        list(responder.submit("pass:Sorry"))
    assert str(info.value) == "Auto-response to r\"pass:\" failed with 'Sorry'!"


@pytest.mark.parametrize("method", ["run", "sudo"])
@pytest.mark.parametrize(
    "kwargs",
    [{}, {"run": {"ls": "x"}, "sudo": {"ls": "x"}}, {"run": ["x"], "sudo": ["x"], "repeat": False}],
    ids=["no-results", "unknown-command", "used-up"],
)
def test_mock_context_unexpected_command_message_is_the_command(method: str, kwargs: dict) -> None:
    from invoke import MockContext

    c = MockContext(**kwargs)
    if kwargs.get("repeat") is False:
        getattr(c, method)("rm -rf build")  # uses up the only result
    with pytest.raises(NotImplementedError) as info:
        getattr(c, method)("rm -rf build")
    assert str(info.value) == "rm -rf build"
    assert info.value.args == ("rm -rf build",)
    assert any("MockContext" in note for note in info.value.__notes__)


def test_mock_context_hint_shows_in_a_real_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = tmp_path / "t.py"
    script.write_text("from invoke import MockContext\nMockContext(run={'ls': 'x'}).run('pwd')\n")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "NotImplementedError: pwd" in result.stderr
    if sys.version_info >= (3, 11):
        assert "MockContext has no run result for 'pwd'; it knows: 'ls'" in result.stderr
