"""`Unit`: the task template every container of the example is an instance of.

One instance is one long-running container: an image, a command and its
environment. Its tasks (``start``, ``stop``, ``restart``, ``status``,
``logs``, ``rm``) drive a container engine: ``docker`` or ``podman`` when
one is installed and working, otherwise ``simbackend.py`` next to this file, which runs
the command as a plain background process. The ``containers.backend``
setting chooses (``auto``, ``docker``, ``podman`` or ``sim``).

Per-unit settings are the instance's defaults, overridden by the
``units.NAME`` section of the configuration (``invoke.yaml``, ``-f``,
``INVOKE_UNITS_<NAME>_ENV_<KEY>=...``).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

from invoke import Context, TaskTemplate, task
from invoke.exceptions import Exit

HERE = Path(__file__).resolve().parent
SIM = HERE / "simbackend.py"


def setting(c: Context, name: str, default: Any) -> Any:
    return c.config.get("containers", {}).get(name, default)


_WORKS: Dict[str, bool] = {}


def _engine_works(name: str) -> bool:
    """Whether ``name`` is installed and answers (docker's client alone is not enough: its daemon must run)."""
    if name not in _WORKS:
        try:
            ok = bool(shutil.which(name)) and subprocess.run(
                [name, "info"], capture_output=True, timeout=20
            ).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            ok = False
        _WORKS[name] = ok
    return _WORKS[name]


def engine(c: Context) -> List[str]:
    """The container engine's command: docker, podman or the simulated backend."""
    choice = setting(c, "backend", "auto")
    if choice == "auto":
        choice = next((name for name in ("docker", "podman") if _engine_works(name)), "sim")
    if choice in ("docker", "podman"):
        if not shutil.which(choice):
            raise Exit(f"containers: backend {choice!r} is not installed (use 'auto' or 'sim')", code=1)
        return [choice]
    if choice != "sim":
        raise Exit(f"containers: unknown backend {choice!r} (choose from auto, docker, podman, sim)", code=1)
    state = Path(setting(c, "state_dir", ".containers")).expanduser()
    return [sys.executable, str(SIM), "--state", str(state if state.is_absolute() else HERE / state)]


class Unit(TaskTemplate):
    """Manage one container: start, stop and inspect it."""

    def __init__(self, name: str, image: str, command: List[str], **env: str) -> None:
        self.name = name
        self.collection_name = name
        self.image = image
        self.command = command
        self.env_defaults = env

    # -- plain methods: not tasks ----------------------------------------------

    def container(self, c: Context) -> str:
        return f"{setting(c, 'prefix', 'invoke-example-')}{self.name}"

    def env(self, c: Context) -> Dict[str, str]:
        """The unit's environment: its defaults, overridden by ``units.NAME.env``."""
        configured = c.config.get("units", {}).get(self.name, {}).get("env", {})
        return {key: str(value) for key, value in {**self.env_defaults, **configured}.items()}

    def engine_run(self, c: Context, *words: str, check: bool = True) -> Any:
        """Run one engine command quietly; on failure (when ``check``), exit with its message and code."""
        line = " ".join(shlex.quote(word) for word in [*engine(c), *words])
        result = c.run(line, hide=True, warn=True, in_stream=False)
        if check and result.exited != 0:
            raise Exit(f"{self.name}: {words[0]} failed: {result.stderr.strip()}", code=result.exited)
        return result

    def state(self, c: Context) -> str:
        """``running``, ``exited`` (its command ended) or ``stopped`` (no such container)."""
        result = self.engine_run(c, "inspect", "-f", "{{.State.Status}}", self.container(c), check=False)
        return result.stdout.strip() if result.exited == 0 else "stopped"

    # -- the tasks --------------------------------------------------------------

    @task
    def start(self, c):
        """Start the container (a fresh one: a stopped one of the same name is removed first)."""
        if self.state(c) == "running":
            print(f"{self.name}: already running")
            return False
        self.engine_run(c, "rm", "-f", self.container(c), check=False)
        env = [word for key, value in sorted(self.env(c).items()) for word in ("-e", f"{key}={value}")]
        self.engine_run(c, "run", "-d", "--name", self.container(c), *env, self.image, *self.command)
        print(f"{self.name}: started {self.image} as {self.container(c)}")
        return True

    @task
    def stop(self, c):
        """Stop the container and remove it."""
        if self.state(c) == "stopped":
            print(f"{self.name}: not running")
            return
        self.engine_run(c, "stop", self.container(c))
        self.engine_run(c, "rm", "-f", self.container(c))
        print(f"{self.name}: stopped")

    @task
    def restart(self, c):
        """Stop the container, then start it again."""
        self.stop(c)
        self.start(c)

    @task
    def status(self, c):
        """Say whether the container is running."""
        print(f"{self.name}: {self.state(c)}")

    @task
    def logs(self, c, lines=10):
        """Show the last lines the container wrote."""
        result = self.engine_run(c, "logs", self.container(c))
        for line in (result.stdout + result.stderr).splitlines()[-int(lines):]:
            print(line)
