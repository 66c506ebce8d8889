"""MockContext: canned results, Mock-wrapped run/sudo, testing tasks with it."""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pytest

from invoke import Config, Context, MockContext, Result, callback_task, task


def _hint(error: BaseException) -> str:
    """Our explanation, kept in the exception's note (its message is the command)."""
    (note,) = getattr(error, "__notes__", [])
    return note


def test_no_results_means_every_command_is_unexpected() -> None:
    c = MockContext()
    with pytest.raises(NotImplementedError) as info:
        c.run("ls")
    assert _hint(info.value) == "MockContext has no run result for 'ls'; pass MockContext(run=...) or use set_result_for()"


@pytest.mark.parametrize(
    "given, attr, expected",
    [
        (True, "exited", 0),
        (False, "exited", 1),
        ("some output", "stdout", "some output"),
        (Result(stdout="obj", exited=3), "exited", 3),
    ],
)
def test_single_value_answers_any_command(given: Any, attr: str, expected: Any) -> None:
    c = MockContext(run=given)
    assert getattr(c.run("anything"), attr) == expected
    assert getattr(c.run("anything else"), attr) == expected


def test_result_command_is_filled_in_when_blank() -> None:
    c = MockContext(run={"ls": Result("x"), "pwd": Result("y", command="given")})
    assert c.run("ls").command == "ls"
    assert c.run("pwd").command == "given"


def test_iterable_results_are_returned_in_turn_and_cycle() -> None:
    c = MockContext(run=["a", "b"])
    assert [c.run("x").stdout for _ in range(3)] == ["a", "b", "a"]


@pytest.mark.parametrize("iterable", [("a", "b"), iter(["a", "b"]), (s for s in "ab")])
def test_any_iterable_works(iterable: Any) -> None:
    c = MockContext(run=iterable)
    assert [c.run("x").stdout for _ in range(2)] == ["a", "b"]


def test_repeat_false_uses_each_result_once() -> None:
    c = MockContext(run={"ls": ["1", "2"]}, repeat=False)
    assert c.run("ls").stdout == "1"
    assert c.run("ls").stdout == "2"
    with pytest.raises(NotImplementedError) as info:
        c.run("ls")
    assert _hint(info.value) == "MockContext: results for run('ls') are used up (repeat=False)"


@pytest.mark.parametrize("repeat", [True, False])
def test_empty_results_say_so_whatever_repeat_is(repeat: bool) -> None:
    c = MockContext(run=[], sudo={"ls": []}, repeat=repeat)
    with pytest.raises(NotImplementedError) as info:
        c.run("ls")
    assert _hint(info.value) == "MockContext: no run results were given (an empty iterable)"
    with pytest.raises(NotImplementedError) as info:
        c.sudo("ls")
    assert _hint(info.value) == "MockContext: no sudo results were given for 'ls' (an empty iterable)"


def test_dict_keys_match_exact_commands_and_regexes() -> None:
    c = MockContext(run={"ls": "exact", re.compile(r"g.t"): Result("regex")})
    assert c.run("ls").stdout == "exact"
    assert c.run("get stuff").stdout == "regex"
    with pytest.raises(NotImplementedError) as info:
        c.run("forget")  # regexes match from the start, as re.match does
    assert _hint(info.value) == "MockContext has no run result for 'forget'; it knows: 'ls', re.compile('g.t')"


def test_sudo_has_its_own_results() -> None:
    c = MockContext(run={"ls": "r"}, sudo={"ls": "s"})
    assert c.run("ls").stdout == "r"
    assert c.sudo("ls").stdout == "s"
    with pytest.raises(NotImplementedError) as info:
        c.sudo("rm")
    assert "no sudo result for 'rm'" in _hint(info.value)


def test_set_result_for_adds_and_replaces() -> None:
    c = MockContext(run={"ls": "old"})
    c.set_result_for("run", "ls", Result("new"))
    c.set_result_for("run", "pwd", Result("/", exited=1))
    assert c.run("ls").stdout == "new"
    assert c.run("pwd").exited == 1


@pytest.mark.parametrize("kwargs", [{}, {"run": "not a dict"}])
def test_set_result_for_needs_dict_results(kwargs: Any) -> None:
    c = MockContext(**kwargs)
    with pytest.raises(TypeError) as info:
        c.set_result_for("run", "ls", Result())
    assert str(info.value) == "Can't update results for non-dict or nonexistent mock results!"


def test_unsupported_result_type_is_type_error() -> None:
    with pytest.raises(TypeError) as info:
        MockContext(run=5)
    assert str(info.value) == "Not sure how to yield results from a <class 'int'>"


def test_unknown_keyword_is_type_error() -> None:
    with pytest.raises(TypeError, match="unexpected keyword arguments: bogus"):
        MockContext(bogus=1)


def test_run_and_sudo_record_calls() -> None:
    c = MockContext(run=True, sudo=True)
    c.run("ls", hide=True)
    c.sudo("reboot")
    assert c.run.call_args.args == ("ls",)
    assert c.run.call_args.kwargs == {"hide": True}
    assert len(c.run.mock_calls) == 1
    c.sudo.assert_called_once_with("reboot")


def test_mock_context_is_a_context_with_config() -> None:
    c = MockContext(config=Config({"deploy": {"env": "prod"}}, lazy=True), run=True)
    assert isinstance(c, Context)
    assert c.deploy.env == "prod"
    with c.cd("/x"):
        assert c.cwd == "/x"
        assert c.run("ls").command == "ls"


def test_run_command_property_patch_works(monkeypatch: pytest.MonkeyPatch) -> None:
    # invocations' test-suite adds this helper property to the class.
    monkeypatch.setattr(
        MockContext, "run_command", property(lambda self: self.run.call_args[0][0]), raising=False
    )
    c = MockContext(run=True)
    c.run("make docs")
    assert c.run_command == "make docs"


def test_unittest_mock_is_not_imported_by_invoke_itself() -> None:
    code = (
        "import sys, invoke.context, invoke.config; c = invoke.context.Context();"
        "print('unittest.mock' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- testing tasks with it --------------------------------------------------------


@task
def deploy(c: Any, env: str = "staging") -> None:
    """A plain task under test."""
    if c.run("git status --porcelain", hide=True).stdout:
        raise SystemExit("dirty tree")
    c.run(f"ship --to {env}")


def test_function_task_with_mock_context() -> None:
    c = MockContext(run={"git status --porcelain": "", re.compile(r"ship "): True})
    deploy(c, env="prod")
    c.run.assert_called_with("ship --to prod")


def test_template_task_with_mock_context() -> None:
    templates = pytest.importorskip("invoke.templates")

    class Service(templates.TaskTemplate):
        def __init__(self, name: str) -> None:
            self.name = name

        @task
        def restart(self, c: Any) -> None:
            """Restart the service."""
            c.sudo(f"systemctl restart {self.name}")

    svc = Service("web")
    c = MockContext(sudo={"systemctl restart web": True})
    svc.restart(c)
    c.sudo.assert_called_once_with("systemctl restart web")


def test_callback_and_collection_tasks_of_a_template_with_mock_context() -> None:
    templates = pytest.importorskip("invoke.templates")

    def configure(c: Any, level: str = "info", workers: int = 2) -> str:
        """Write the service's settings."""
        c.run(f"write-config {c.svc.name} {level} {workers}")
        return "configured"

    class Service(templates.TaskTemplate):
        def __init__(self, config_callback: Any = None) -> None:
            self.config_callback = config_callback

        @callback_task("config_callback")
        def configure(self, c: Any, *args: Any, **kwargs: Any) -> Any:
            return self.config_callback(c, *args, **kwargs)

    svc = Service(configure)
    c = MockContext(config=Config({"svc": {"name": "api"}}, lazy=True), run=True)
    assert svc.configure(c, workers=4) == "configured"
    c.run.assert_called_once_with("write-config api info 4")
    # The collection's tasks are the same bound tasks.
    ns = svc.to_collection("api")
    assert ns["configure"](c, level="debug") == "configured"
    assert c.run.call_args.args == ("write-config api debug 2",)
