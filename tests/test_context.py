"""Context: run/sudo composition, cd/prefix, config proxying, Fabric's seams."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest

from invoke import Config, Context
from invoke.exceptions import AuthFailure, Failure, ResponseNotAccepted, UnexpectedExit
from invoke.runners import Result, Runner
from invoke.watchers import FailingResponder


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("INVOKE_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


class Recorder(Runner):
    """A runner that records what it was asked to run instead of running it."""

    calls: List[Tuple[str, Dict[str, Any]]] = []
    failure: Optional[Failure] = None

    def run(self, command: str, **kwargs: Any) -> Result:  # type: ignore[override]
        Recorder.calls.append((command, kwargs))
        if Recorder.failure is not None:
            raise Recorder.failure
        return Result(command=command)


@pytest.fixture
def recorder() -> Any:
    Recorder.calls = []
    Recorder.failure = None
    return Recorder


def fake_context(**config: Any) -> Context:
    overrides: Dict[str, Any] = {"runners": {"local": Recorder}}
    overrides.update(config)
    return Context(Config(overrides, lazy=True))


def last_command(recorder: Any) -> str:
    return recorder.calls[-1][0]


# -- construction and config --------------------------------------------------


def test_default_context_has_default_config() -> None:
    c = Context()
    assert isinstance(c.config, Config)
    assert c.config.run.echo is False
    assert c.remainder == ""
    assert c.command_prefixes == [] and c.command_cwds == []


def test_remainder_is_kept() -> None:
    assert Context(remainder="ls -l").remainder == "ls -l"


def test_attributes_proxy_to_config() -> None:
    c = Context(Config({"deploy": {"target": "prod"}}, lazy=True))
    assert c.deploy.target == "prod"
    assert c["deploy"]["target"] == "prod"
    assert c.get("missing", {}) == {}
    assert "deploy" in c


def test_writes_go_to_config_and_persist() -> None:
    config = Config(lazy=True)
    c = Context(config)
    c.foo = "bar"
    c["run"].hide = True
    config.merge()
    assert config.foo == "bar"
    assert config.run.hide is True
    # A second context over the same config (the next task) sees it.
    assert Context(config).foo == "bar"


def test_update_and_delete_through_context() -> None:
    config = Config(lazy=True)
    c = Context(config)
    c.update(one=1, two={"x": 2})
    del c.one
    config.merge()
    assert "one" not in config
    assert config.two.x == 2


def test_config_setter_replaces_config() -> None:
    c = Context()
    other = Config({"marker": True}, lazy=True)
    c.config = other
    assert c.config is other
    assert c.marker is True
    assert "config" not in other


def test_missing_attribute_message_lists_real_attributes() -> None:
    with pytest.raises(AttributeError) as info:
        Context(Config(lazy=True)).nope
    assert str(info.value) == (
        "No attribute or config key found for 'nope'\n\n"
        "Valid keys: ['run', 'runners', 'sudo', 'tasks', 'timeouts']\n\n"
        "Valid real attributes: ['cd', 'clear', 'config', 'cwd', 'from_data', 'pop', "
        "'popitem', 'prefix', 'run', 'run_task', 'run_tasks', 'setdefault', 'sudo', 'update']"
    )


class ConnectionLike(Context):
    """Modelled on Fabric's Connection: class attributes stay real attributes."""

    host = None

    def __init__(self, host: str, config: Optional[Config] = None) -> None:
        super().__init__(config=config)
        self.host = host
        self.inline_ssh_env = True

    def __hash__(self) -> int:
        return hash(self.host)


def test_subclass_class_attributes_are_real_others_are_config() -> None:
    config = Config(lazy=True)
    cxn = ConnectionLike("web1", config=config)
    assert cxn.host == "web1"
    assert "host" not in config
    assert config.inline_ssh_env is True
    assert cxn.inline_ssh_env is True
    assert hash(cxn) == hash("web1")


# -- run ----------------------------------------------------------------------


def test_run_uses_configured_local_runner(recorder: Any) -> None:
    c = fake_context()
    result = c.run("ls -l", hide=True, warn=True)
    assert recorder.calls == [("ls -l", {"hide": True, "warn": True})]
    assert result.command == "ls -l"


def test_runner_receives_the_context(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: List[Any] = []

    class Spy(Runner):
        def run(self, command: str, **kwargs: Any) -> Result:  # type: ignore[override]
            seen.append(self.context)
            return Result()

    c = Context(Config({"runners": {"local": Spy}}, lazy=True))
    c.run("x")
    assert seen == [c] and seen[0] is c


def test_private_run_applies_prefixes(recorder: Any) -> None:
    c = fake_context()
    with c.cd("/srv"):
        c._run(Recorder(c), "make")
    assert last_command(recorder) == "cd /srv && make"


def test_cd_and_prefix_compose_like_invoke(recorder: Any) -> None:
    c = fake_context()
    with c.cd("/tmp/a b"):
        with c.prefix("source env"):
            with c.cd("sub dir"):
                c.run("ls")
    assert last_command(recorder) == r"cd /tmp/a\ b/sub\ dir && source env && ls"


def test_prefixes_nest_in_order(recorder: Any) -> None:
    c = fake_context()
    with c.prefix("first"), c.prefix("second"):
        c.run("cmd")
    assert last_command(recorder) == "first && second && cmd"
    c.run("after")
    assert last_command(recorder) == "after"


def test_absolute_cd_resets_outer_ones(recorder: Any) -> None:
    c = fake_context()
    with c.cd(Path("/outer")), c.cd("/abs"), c.cd("rel"):
        assert c.cwd == "/abs/rel"
        c.run("ls")
    assert last_command(recorder) == "cd /abs/rel && ls"


def test_home_relative_cd_is_not_expanded(recorder: Any) -> None:
    c = fake_context()
    with c.cd("/ignored"), c.cd("~/proj"):
        c.run("ls")
    assert last_command(recorder) == "cd ~/proj && ls"


def test_cd_accepts_path_like() -> None:
    c = Context(Config(lazy=True))
    with c.cd(Path("/x") / "y"):
        assert c.cwd == "/x/y"
    assert c.cwd == ""


def test_cd_pops_even_when_block_raises() -> None:
    c = Context(Config(lazy=True))
    with pytest.raises(RuntimeError):
        with c.cd("/x"), c.prefix("p"):
            raise RuntimeError("boom")
    assert c.command_cwds == [] and c.command_prefixes == []


def test_command_prefixes_can_be_assigned() -> None:
    c = Context(Config(lazy=True))
    c.command_prefixes = ["a"]
    assert c.command_prefixes == ["a"]
    assert "command_prefixes" not in c.config


# -- sudo ---------------------------------------------------------------------


def test_sudo_command_and_responder(recorder: Any) -> None:
    c = fake_context()
    c.sudo("ls")
    command, kwargs = recorder.calls[-1]
    assert command == "sudo -S -p '[sudo] password: ' ls"
    (watcher,) = kwargs["watchers"]
    assert isinstance(watcher, FailingResponder)
    assert watcher.pattern == re.escape("[sudo] password: ")
    assert watcher.response == "None\n"
    assert watcher.sentinel == "Sorry, try again.\n"


def test_sudo_user_password_and_preserved_env(recorder: Any) -> None:
    c = fake_context()
    c.sudo("ls", user="bob", password="pw", env={"A": "1", "B": "2"})
    command, kwargs = recorder.calls[-1]
    assert command == "sudo -S -p '[sudo] password: ' --preserve-env='A,B' -H -u bob ls"
    assert kwargs["env"] == {"A": "1", "B": "2"}
    assert "user" not in kwargs and "password" not in kwargs
    assert kwargs["watchers"][-1].response == "pw\n"


def test_sudo_reads_password_user_and_prompt_from_config(recorder: Any) -> None:
    c = fake_context(sudo={"password": "cfg", "user": "root", "prompt": "pw? "})
    c.sudo("whoami")
    command, kwargs = recorder.calls[-1]
    assert command == "sudo -S -p 'pw? ' -H -u root whoami"
    assert kwargs["watchers"][-1].response == "cfg\n"


def test_sudo_runs_cd_and_prefix_in_a_shell_under_sudo(recorder: Any) -> None:
    # sudo runs programs, not shell syntax: 'sudo cd /x && ls' would try a
    # program named cd and then run ls unprivileged (upstream's bug).
    c = fake_context()
    with c.cd("/x y"), c.prefix("source env/bin/activate"):
        c.sudo("ls", user="bob", env={"A": "1"})
    assert last_command(recorder) == (
        "sudo -S -p '[sudo] password: ' --preserve-env='A' -H -u bob "
        "bash -c 'cd /x\\ y && source env/bin/activate && ls'"
    )
    with c.cd("it's"):
        c.sudo("ls", shell="/bin/zsh")
    assert last_command(recorder) == (
        "sudo -S -p '[sudo] password: ' /bin/zsh -c 'cd it'\"'\"'s && ls'"
    )
    c.sudo("ls")
    assert last_command(recorder) == "sudo -S -p '[sudo] password: ' ls"


def test_sudo_keeps_given_watchers_and_leaves_config_alone(recorder: Any) -> None:
    c = fake_context()
    mine = FailingResponder(pattern="x", response="y", sentinel="z")
    c.sudo("ls", watchers=[mine])
    assert recorder.calls[-1][1]["watchers"][0] is mine
    assert len(recorder.calls[-1][1]["watchers"]) == 2
    c.sudo("ls")
    assert c.config.run.watchers == []


def test_sudo_rejected_password_is_auth_failure(recorder: Any) -> None:
    c = fake_context()
    result = Result(command="sudo ...", exited=1)
    recorder.failure = Failure(result, reason=ResponseNotAccepted("rejected"))
    with pytest.raises(AuthFailure) as info:
        c.sudo("ls", password="wrong")
    assert info.value.result is result
    assert str(info.value) == "The password submitted to prompt '[sudo] password: ' was rejected."


def test_sudo_other_failures_pass_through(recorder: Any) -> None:
    c = fake_context()
    recorder.failure = UnexpectedExit(Result(command="x", exited=2))
    with pytest.raises(UnexpectedExit):
        c.sudo("false")


def test_private_sudo_is_callable_with_own_runner(recorder: Any) -> None:
    c = fake_context()
    c._sudo(Recorder(c), "id", user="u")
    assert last_command(recorder) == "sudo -S -p '[sudo] password: ' -H -u u id"


# -- real processes -------------------------------------------------------------


def test_real_run_captures_output() -> None:
    result = Context().run("printf 'hi there'", hide=True)
    assert result.stdout == "hi there"
    assert result.exited == 0


def test_real_run_honours_cd_with_spaces(tmp_path: Path) -> None:
    target = tmp_path / "a dir"
    target.mkdir()
    c = Context()
    with c.cd(target):
        result = c.run("pwd", hide=True)
    assert result.stdout.strip() == str(target)


def test_real_run_honours_prefix() -> None:
    c = Context()
    with c.prefix("export GREETING=hello"):
        result = c.run('printf "$GREETING"', hide=True)
    assert result.stdout == "hello"


def test_real_run_reads_config_defaults() -> None:
    c = Context(Config({"run": {"warn": True, "hide": True}}, lazy=True))
    result = c.run("exit 3")
    assert result.exited == 3


FAKE_SUDO = """#!/bin/sh
# Stand-in for sudo -S -p PROMPT ...: checks the password read from stdin.
prompt="$3"
printf '%s' "$prompt"
read pw
if [ "$pw" = "right" ]; then
  shift 3
  echo "ran: $*"
else
  printf 'Sorry, try again.\\n'
  printf '%s' "$prompt"
  read pw
  exit 1
fi
"""


# Like sudo with the right password: drops its own options, runs the program.
EXEC_SUDO = """#!/bin/sh
printf '%s' "$3" >&2
shift 3
read pw
while [ "${1#-}" != "$1" ]; do
  case "$1" in -u) shift 2;; *) shift;; esac
done
exec "$@"
"""


def install_sudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script_text: str) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "sudo"
    script.write_text(script_text)
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


@pytest.fixture
def fake_sudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install_sudo(tmp_path, monkeypatch, FAKE_SUDO)


def test_real_sudo_answers_the_prompt(fake_sudo: None) -> None:
    c = Context(Config({"sudo": {"password": "right"}}, lazy=True))
    # in_stream=False: nothing of ours is forwarded, only the responder writes.
    result = c.sudo("whoami", user="bob", hide=True, in_stream=False)
    assert result.stdout == "[sudo] password: ran: -H -u bob whoami\n"


def test_real_sudo_wrong_password_is_auth_failure(fake_sudo: None) -> None:
    c = Context(Config(lazy=True))
    with pytest.raises(AuthFailure) as info:
        c.sudo("whoami", password="wrong", hide=True, in_stream=False)
    assert info.value.prompt == "[sudo] password: "


def test_real_sudo_inside_cd_and_prefix_runs_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_sudo(tmp_path, monkeypatch, EXEC_SUDO)
    target = tmp_path / "a dir"
    target.mkdir()
    c = Context(Config({"sudo": {"password": "pw"}}, lazy=True))
    with c.cd(target), c.prefix("export GREETING=hi"):
        result = c.sudo('echo "$GREETING from $(pwd)"', user="bob", hide=True, in_stream=False)
    assert result.stdout == f"hi from {target}\n"
