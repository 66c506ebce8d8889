"""Bad values of known settings are one-line errors naming the source (issue 11 item 16).

Each case runs ``inv`` (in-process, through ``Program.run``) on a tasks file
whose task would leave a mark if it ran; the bad value comes from every
level a user writes: project, user and ``-f`` files, an env var, and the
tasks file's own collection configuration.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

TASKS = """\
from pathlib import Path
from invoke import Collection, task

@task
def mark(c):
    Path("ran").write_text("yes")
    c.run("echo ran")

ns = Collection(mark)
"""

BAD = [
    ("run", "hide", "bogus", "expected one of null, false, true, 'out', 'stdout', 'err', 'stderr', 'both'"),
    ("run", "watchers", "3", "expected a list of stream watchers"),
    ("run", "timeout", "abc", "expected a number of seconds or null"),
    ("tasks", "dedupe", "maybe", "expected true or false"),
    ("run", "shell", "/nonexistent/sh", "that shell does not exist or is not executable"),
    ("run", "warn", "3", "expected true or false"),
    ("run", "pty", "'no'", "expected true or false"),
    ("run", "encoding", "no-such-codec", "expected the name of an encoding Python knows"),
    ("run", "out_stream", "out.txt", "expected a writable stream object (set from Python) or null"),
    ("sudo", "user", "5", "expected a string or null"),
    ("timeouts", "command", "soon", "expected a number of seconds or null"),
]


def _project(tmp_path: Path) -> Path:
    where = tmp_path / "project"
    where.mkdir()
    (where / "tasks.py").write_text(TASKS)
    return where


def _shown(value: str) -> str:
    import yaml

    return repr(yaml.safe_load(value))


@pytest.mark.parametrize("section, key, value, problem", BAD, ids=[f"{s}.{k}" for s, k, _, _ in BAD])
@pytest.mark.parametrize("level", ["project", "user", "runtime"])
def test_bad_file_value_is_one_line_naming_the_file(
    cli: Callable, tmp_path: Path, level: str, section: str, key: str, value: str, problem: str
) -> None:
    where = _project(tmp_path)
    text = f"{section}:\n  {key}: {value}\n"
    argv = "inv mark"
    if level == "project":
        path = where / "invoke.yaml"
        name = f"project config file {path}"
    elif level == "user":
        path = tmp_path / "home" / ".invoke.yaml"
        name = f"user config file {path}"
    else:
        path = tmp_path / "given.yaml"
        argv = f"inv -f {path} mark"
        name = f"runtime config file {path}"
    path.write_text(text)
    result = cli(argv, project=where)
    assert result.code == 1
    assert result.stderr == f"Setting '{section}.{key}' is {_shown(value)} in the {name}: {problem}\n"
    assert result.stdout == ""
    assert not (where / "ran").exists()


def test_bad_env_var_names_the_variable(cli: Callable, tmp_path: Path) -> None:
    where = _project(tmp_path)
    result = cli("inv mark", project=where, env={"INVOKE_RUN_HIDE": "bogus"})
    assert result.code == 1
    assert result.stderr.splitlines() == [
        "Setting 'run.hide' is 'bogus' in environment variable INVOKE_RUN_HIDE: "
        "expected one of null, false, true, 'out', 'stdout', 'err', 'stderr', 'both'"
    ]
    assert not (where / "ran").exists()


def test_bad_collection_configuration_is_caught_before_the_task(cli: Callable, tmp_path: Path) -> None:
    where = _project(tmp_path)
    (where / "tasks.py").write_text(TASKS + 'ns.configure({"run": {"watchers": "none"}})\n')
    result = cli("inv mark", project=where)
    assert result.code == 1
    assert result.stderr.splitlines() == [
        "Setting 'run.watchers' is 'none' in the collection configuration: expected a list of stream watchers"
    ]
    assert not (where / "ran").exists()


def test_good_values_pass(cli: Callable, tmp_path: Path) -> None:
    where = _project(tmp_path)
    (where / "invoke.yaml").write_text(
        "run: {hide: out, warn: true, shell: /bin/sh, timeout: 30, encoding: utf-8, echo_stdin: null}\n"
        "sudo: {user: null, prompt: 'pw: '}\ntasks: {dedupe: false}\ntimeouts: {command: 60}\n"
    )
    result = cli("inv mark", project=where)
    assert result.code == 0, result.stderr
    assert (where / "ran").read_text() == "yes"


def test_run_timeout_in_a_file_is_used_and_dash_t_beats_it(cli: Callable, tmp_path: Path) -> None:
    where = tmp_path / "slow"
    where.mkdir()
    (where / "tasks.py").write_text(
        "from invoke import task\n\n@task\ndef slow(c):\n    c.run('sleep 5; echo finished')\n"
    )
    (where / "invoke.yaml").write_text("run: {timeout: 0.3}\n")
    result = cli("inv slow", project=where)
    assert result.code == 1
    assert "finished" not in result.stdout
    assert result.stderr.startswith("Command did not complete within 0.3 seconds!")
    (where / "invoke.yaml").write_text("run: {timeout: 30}\n")
    result = cli("inv -T 1 slow", project=where)
    assert result.code == 1
    assert result.stderr.startswith("Command did not complete within 1 seconds!")
