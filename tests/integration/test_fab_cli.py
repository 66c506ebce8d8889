"""The real ``fab`` executable (Fabric 3.2.3) on our invoke, against the loopback sshd."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SSHServer, run_tool, write

FABFILE = """\
from fabric import task


@task
def whoami(c):
    \"\"\"Print the remote user and which sshd answered.\"\"\"
    result = c.run("whoami; echo port=${SSH_CONNECTION##* }", hide=True)
    print(f"{c.host}: {' '.join(result.stdout.split())}")


@task(help={"code": "Exit code of the remote command."})
def fail(c, code=3):
    \"\"\"Run a remote command that fails.\"\"\"
    c.run(f"exit {code}")


@task(hosts=["{target}"])
def pinned(c):
    \"\"\"Always runs on the host given in @task(hosts=...).\"\"\"
    c.run("echo pinned on $(whoami)")


@task
def echoed(c):
    c.run("echo configured")
"""


@pytest.fixture
def fabfile(project: Path, sshd: SSHServer) -> Path:
    write(project / "fabfile.py", FABFILE.replace("{target}", sshd.target))
    return project


def _fab(venv_bin: Path, cwd: Path, sshd: SSHServer, *args: str, **env: str):
    return run_tool(venv_bin, "fab", list(args), cwd, sshd, env=env)


def test_remote_task_on_a_host_given_with_dash_h(venv_bin: Path, fabfile: Path, sshd: SSHServer) -> None:
    result = _fab(venv_bin, fabfile, sshd, "-i", str(sshd.key), "-H", sshd.target, "whoami")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"127.0.0.1: {sshd.user} port={sshd.port}\n"


def test_two_hosts_run_the_task_once_each(venv_bin: Path, fabfile: Path, sshd: SSHServer) -> None:
    hosts = f"{sshd.target},{sshd.user}@localhost:{sshd.port}"
    result = _fab(venv_bin, fabfile, sshd, "-i", str(sshd.key), "-H", hosts, "whoami")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"127.0.0.1: {sshd.user} port={sshd.port}",
        f"localhost: {sshd.user} port={sshd.port}",
    ]


def test_list_and_help(venv_bin: Path, fabfile: Path, sshd: SSHServer) -> None:
    listing = _fab(venv_bin, fabfile, sshd, "--list")
    assert listing.returncode == 0, listing.stderr
    assert listing.stdout.splitlines() == [
        "Available tasks:",
        "",
        "  echoed",
        "  fail     Run a remote command that fails.",
        "  pinned   Always runs on the host given in @task(hosts=...).",
        "  whoami   Print the remote user and which sshd answered.",
        "",
    ]
    helped = _fab(venv_bin, fabfile, sshd, "--help", "fail")
    assert helped.returncode == 0, helped.stderr
    assert "Usage: fab [--core-opts] fail [--options] [other tasks here ...]" in helped.stdout
    assert "-c INT, --code=INT   Exit code of the remote command." in helped.stdout


def test_remainder_runs_as_a_remote_command(venv_bin: Path, fabfile: Path, sshd: SSHServer) -> None:
    result = _fab(venv_bin, fabfile, sshd, "-i", str(sshd.key), "-H", sshd.target, "--", "echo", "from", "remainder")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "from remainder\n"


def test_task_hosts_option(venv_bin: Path, fabfile: Path, sshd: SSHServer) -> None:
    result = _fab(venv_bin, fabfile, sshd, "-i", str(sshd.key), "pinned")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"pinned on {sshd.user}\n"


def test_ssh_config_alias_with_dash_s(venv_bin: Path, fabfile: Path, sshd: SSHServer) -> None:
    result = _fab(venv_bin, fabfile, sshd, "-S", str(sshd.ssh_config), "-H", "loopback-alias", "whoami")
    assert result.returncode == 0, result.stderr
    # The alias resolved through the ssh config: its HostName, Port, User and key.
    assert result.stdout == f"127.0.0.1: {sshd.user} port={sshd.port}\n"


def test_project_fabric_yaml_and_fabric_env_vars(venv_bin: Path, fabfile: Path, sshd: SSHServer) -> None:
    write(
        fabfile / "fabric.yaml",
        f"""\
        user: {sshd.user}
        port: {sshd.port}
        connect_kwargs:
          key_filename: {sshd.key}
        """,
    )
    quiet = _fab(venv_bin, fabfile, sshd, "-H", "127.0.0.1", "echoed")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == "configured\n"
    echoed = _fab(venv_bin, fabfile, sshd, "-H", "127.0.0.1", "echoed", FABRIC_RUN_ECHO="1")
    assert echoed.returncode == 0, echoed.stderr
    assert echoed.stdout.splitlines()[-1] == "configured"
    assert "echo configured" in echoed.stdout.splitlines()[0]


@pytest.mark.parametrize("code", [3, 42])
def test_failing_remote_command_is_fabs_exit_code(venv_bin: Path, fabfile: Path, sshd: SSHServer, code: int) -> None:
    result = _fab(venv_bin, fabfile, sshd, "-i", str(sshd.key), "-H", sshd.target, "fail", "--code", str(code))
    assert result.returncode == code
    assert "Traceback" not in result.stderr


def test_unknown_task_is_one_line(venv_bin: Path, fabfile: Path, sshd: SSHServer) -> None:
    result = _fab(venv_bin, fabfile, sshd, "nope")
    assert result.returncode == 1
    assert result.stderr == "No idea what 'nope' is!\n"
