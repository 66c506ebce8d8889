"""A real OpenSSH server on 127.0.0.1 and a venv holding Fabric and invocations.

The sshd runs as the current user with throwaway host and user keys, its
own config (no PAM, no strict modes), and an SFTP subsystem for put/get.
It is started once per session and stopped by pid at the end, however the
tests went. A stand-in ``sudo`` script comes first on the remote PATH: it
prompts like sudo, checks the password and runs the command.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import pytest

from ._venv import scratch_venv

SUDO_PASSWORD = "hunter2"

_STUB_SUDO = r"""#!/bin/sh
# Stand-in for sudo: parse the options Invoke passes, prompt, check, run.
prompt="[sudo] password: "
user=""
while [ $# -gt 0 ]; do
  case "$1" in
    -S|-H) shift ;;
    -p) prompt="$2"; shift 2 ;;
    -u) user="$2"; shift 2 ;;
    --) shift; break ;;
    *) break ;;
  esac
done
printf '%s' "$prompt" >&2
IFS= read -r answer
if [ "$answer" != "@PASSWORD@" ]; then
  echo "Sorry, try again." >&2
  exit 1
fi
SUDO_USER_ASKED="$user" exec "$@"
"""


@dataclass
class SSHServer:
    """Where the test sshd listens and how to reach it."""

    host: str
    port: int
    user: str
    key: Path
    ssh_config: Path
    home: Path
    root: Path

    @property
    def target(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"

    def env(self, **extra: str) -> Dict[str, str]:
        """An environment for ``fab``/``inv`` runs: a private HOME, no stray INVOKE_/FABRIC_ vars."""
        # No ssh agent either: only the keys a test names may log in.
        env = {
            k: v for k, v in os.environ.items()
            if not k.startswith(("INVOKE_", "FABRIC_")) and k != "SSH_AUTH_SOCK"
        }
        env["HOME"] = str(self.home)
        env.update(extra)
        return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, proc: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"sshd exited with {proc.returncode} before listening")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
                if sock.recv(4).startswith(b"SSH-"):
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"sshd did not listen on 127.0.0.1:{port} in time")


def _keygen(path: Path) -> None:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True)


@pytest.fixture(scope="session")
def venv() -> Path:
    """The scratch venv with Fabric 3.2.3, invocations 4.0.2 and our invoke (editable)."""
    return scratch_venv()


@pytest.fixture(scope="session")
def venv_bin(venv: Path) -> Path:
    return venv / "bin"


@pytest.fixture(scope="session")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SSHServer]:
    binary = shutil.which("sshd") or ("/usr/sbin/sshd" if os.path.exists("/usr/sbin/sshd") else None)
    if binary is None or shutil.which("ssh-keygen") is None:
        pytest.skip("OpenSSH server not installed (.ci/run installs openssh-server with apt-get)")
    root = tmp_path_factory.mktemp("sshd")
    home = root / "home"
    (home / ".ssh").mkdir(parents=True)
    _keygen(root / "host_key")
    key = root / "user_key"
    _keygen(key)
    (root / "authorized_keys").write_text((root / "user_key.pub").read_text())
    stub_bin = root / "bin"
    stub_bin.mkdir()
    sudo = stub_bin / "sudo"
    sudo.write_text(_STUB_SUDO.replace("@PASSWORD@", SUDO_PASSWORD))
    sudo.chmod(0o755)
    port = _free_port()
    user = getpass.getuser()
    config = root / "sshd_config"
    config.write_text(
        textwrap.dedent(
            f"""\
            ListenAddress 127.0.0.1
            Port {port}
            HostKey {root / 'host_key'}
            PidFile {root / 'sshd.pid'}
            AuthorizedKeysFile {root / 'authorized_keys'}
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin yes
            StrictModes no
            UsePAM no
            Subsystem sftp internal-sftp
            SetEnv PATH={stub_bin}:/usr/local/bin:/usr/bin:/bin
            AcceptEnv LANG LC_*
            LogLevel ERROR
            """
        )
    )
    ssh_config = root / "ssh_config"
    ssh_config.write_text(
        textwrap.dedent(
            f"""\
            Host loopback-alias
                HostName 127.0.0.1
                Port {port}
                User {user}
                IdentityFile {key}
            """
        )
    )
    if os.geteuid() == 0:
        # sshd refuses to start as root without its privilege separation dir.
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
    log = open(root / "sshd.log", "wb")
    proc = subprocess.Popen([binary, "-D", "-e", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, proc, time.monotonic() + 20)
        yield SSHServer("127.0.0.1", port, user, key, ssh_config, home, root)
    finally:
        # Stop the listener, then any session process it left (by its pid file too).
        pids = {proc.pid}
        try:
            pids.add(int((root / "sshd.pid").read_text()))
        except (OSError, ValueError):
            pass
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    where = tmp_path / "project"
    where.mkdir()
    return where


def run_tool(
    venv_bin: Path, tool: str, args: List[str], cwd: Path, server: SSHServer,
    env: Optional[Dict[str, str]] = None, timeout: float = 90,
) -> subprocess.CompletedProcess:
    """Run ``fab``/``inv``/``python`` from the scratch venv, with it first on PATH."""
    full_env = server.env(**(env or {}))
    full_env["PATH"] = f"{venv_bin}{os.pathsep}{full_env.get('PATH', '')}"
    return subprocess.run(
        [str(venv_bin / tool), *args], cwd=str(cwd), env=full_env,
        capture_output=True, text=True, timeout=timeout,
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


__all__ = ["SSHServer", "SUDO_PASSWORD", "run_tool", "write", "sys"]


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.integration)
