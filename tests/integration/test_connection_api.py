"""Fabric's ``Connection`` and ``Group`` API on our invoke, against the loopback sshd.

Fabric is importable only in the scratch venv, so each test writes a small
program, runs it with that venv's Python and checks what it printed (JSON).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import SUDO_PASSWORD, SSHServer, run_tool, write

PRELUDE = """\
import io, json, sys
from fabric import Connection, Config, SerialGroup, ThreadingGroup
from fabric.exceptions import GroupException
from invoke import Responder, UnexpectedExit, CommandTimedOut

HOST, PORT, USER, KEY = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
KW = {"key_filename": KEY}

def connect(**config):
    return Connection(HOST, user=USER, port=PORT, connect_kwargs=KW, config=Config(overrides=config))

out = {}
"""


def _run(venv_bin: Path, project: Path, sshd: SSHServer, body: str) -> Any:
    script = write(project / "probe.py", PRELUDE + body + "\nprint(json.dumps(out))\n")
    result = run_tool(
        venv_bin, "python", [str(script), sshd.host, str(sshd.port), sshd.user, str(sshd.key)], project, sshd
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_run_cd_prefix_and_results(venv_bin: Path, project: Path, sshd: SSHServer, tmp_path: Path) -> None:
    body = f"""
with connect() as c:
    r = c.run("echo hello; echo oops >&2", hide=True)
    out["run"] = [r.stdout, r.stderr, r.exited, r.ok, r.command]
    with c.cd("{tmp_path}"):
        out["cd"] = c.run("pwd", hide=True).stdout.strip()
        with c.prefix("export GREETING=hi"):
            out["prefix"] = c.run("echo $GREETING from $(pwd)", hide=True).stdout.strip()
    failed = c.run("exit 5", hide=True, warn=True)
    out["warn"] = [failed.exited, failed.failed]
    try:
        c.run("exit 6", hide=True)
    except UnexpectedExit as error:
        out["raised"] = error.result.exited
"""
    out = _run(venv_bin, project, sshd, body)
    assert out["run"] == ["hello\n", "oops\n", 0, True, "echo hello; echo oops >&2"]
    assert out["cd"] == str(tmp_path)
    assert out["prefix"] == f"hi from {tmp_path}"
    assert out["warn"] == [5, True]
    assert out["raised"] == 6


def test_sudo_answers_the_password_prompt(venv_bin: Path, project: Path, sshd: SSHServer) -> None:
    body = f"""
with connect(sudo={{"password": "{SUDO_PASSWORD}"}}) as c:
    r = c.sudo("printenv SUDO_USER_ASKED", hide=True, user="nobody")
    out["ok"] = r.stdout.strip().splitlines()[-1]
with connect(sudo={{"password": "wrong"}}) as c:
    try:
        c.sudo("true", hide=True)
    except Exception as error:
        out["bad"] = type(error).__name__
"""
    out = _run(venv_bin, project, sshd, body)
    assert out["ok"] == "nobody"
    assert out["bad"] == "AuthFailure"


def test_put_and_get(venv_bin: Path, project: Path, sshd: SSHServer, tmp_path: Path) -> None:
    local = write(tmp_path / "local.txt", "payload\n")
    remote = tmp_path / "remote" / "copy.txt"
    remote.parent.mkdir()
    fetched = tmp_path / "fetched.txt"
    body = f"""
with connect() as c:
    put = c.put("{local}", remote="{remote}")
    out["put"] = put.remote
    out["remote"] = c.run("cat {remote}", hide=True).stdout
    got = c.get("{remote}", local="{fetched}")
    out["get"] = got.local
"""
    out = _run(venv_bin, project, sshd, body)
    assert out["put"] == str(remote)
    assert out["remote"] == "payload\n"
    assert out["get"] == str(fetched)
    assert fetched.read_text() == "payload\n"


def test_watchers_in_stream_timeouts_and_asynchronous(venv_bin: Path, project: Path, sshd: SSHServer) -> None:
    body = """
with connect() as c:
    answer = Responder(pattern=r"Name\\? ", response="Ada\\n")
    r = c.run("printf 'Name? '; read name; echo hi $name", watchers=[answer], hide=True, pty=True)
    out["watcher"] = r.stdout.splitlines()[-1].strip()
    r = c.run("cat", in_stream=io.StringIO("fed line\\n"), hide=True)
    out["in_stream"] = r.stdout
    try:
        c.run("sleep 5", timeout=1, hide=True)
    except CommandTimedOut as error:
        out["timeout"] = error.timeout
    promise = c.run("sleep 0.2; echo later", asynchronous=True)
    out["async_started"] = True
    out["async"] = promise.join().stdout
"""
    out = _run(venv_bin, project, sshd, body)
    assert out["watcher"] == "hi Ada"
    assert out["in_stream"] == "fed line\n"
    assert out["timeout"] == 1
    assert out["async"] == "later\n"


def test_serial_and_threading_groups(venv_bin: Path, project: Path, sshd: SSHServer) -> None:
    body = """
hosts = [f"{USER}@127.0.0.1:{PORT}", f"{USER}@localhost:{PORT}"]
for kind in (SerialGroup, ThreadingGroup):
    group = kind(*hosts, connect_kwargs=KW)
    results = group.run("echo $((6 * 7))", hide=True)
    out[kind.__name__] = sorted((conn.host, result.stdout.strip()) for conn, result in results.items())
    try:
        group.run("test $(hostname) = nowhere-at-all", hide=True)
    except GroupException as error:
        out[kind.__name__ + "_errors"] = sorted(
            (conn.host, type(value).__name__) for conn, value in error.result.items()
        )
    group.close()
"""
    out = _run(venv_bin, project, sshd, body)
    for kind in ("SerialGroup", "ThreadingGroup"):
        assert out[kind] == [["127.0.0.1", "42"], ["localhost", "42"]]
        assert out[kind + "_errors"] == [["127.0.0.1", "UnexpectedExit"], ["localhost", "UnexpectedExit"]]


def test_local_runs_on_our_invoke(venv_bin: Path, project: Path, sshd: SSHServer) -> None:
    body = """
import invoke
with connect() as c:
    out["local"] = c.local("echo here", hide=True).stdout
    out["invoke"] = invoke.__file__
"""
    out = _run(venv_bin, project, sshd, body)
    assert out["local"] == "here\n"
    assert out["invoke"] == str(Path(__file__).resolve().parents[2] / "invoke" / "__init__.py")
