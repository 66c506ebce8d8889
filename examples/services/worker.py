"""`Worker`: the one service that deviates, visibly, in a subclass.

It runs a sidekick process next to its HTTP server: ``start`` starts the
sidekick, then calls ``super().start(c)``; ``stop`` stops both. Its
``configure`` is a plain ``@task`` with its own flag instead of a callback.
Everything else (install, restart, logs, clean, health...) is inherited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import service_procs as procs
from service_base import HERE, ServiceBase, setting
from service_health import HealthCheck

from invoke import Context, task

SIDEKICK = HERE / "sidekick.py"


class Worker(HealthCheck, ServiceBase):
    """A service with a sidekick process that counts ticks for it."""

    def ticks_file(self, c: Context) -> Path:
        return self.state_dir(c) / "ticks"

    def sidekick_pid(self, c: Context) -> Optional[int]:
        pid = procs.read_pid(self.state_dir(c) / "sidekick.pid")
        return pid if pid is not None and procs.alive(pid, str(self.ticks_file(c))) else None

    @task
    def configure(self, c, interval: float = 0.2):
        """Configure the worker: seconds between its sidekick's ticks."""
        self.write_settings(c, {"interval": interval, "ticks_file": self.ticks_file(c).name})

    @task
    def start(self, c):
        """Start the sidekick, then the worker itself."""
        self.install(c)
        interval = self.settings(c)["interval"]
        pid = self.sidekick_pid(c)
        started_sidekick = pid is None
        if started_sidekick:
            state = self.state_dir(c)
            sidekick = procs.spawn([str(SIDEKICK), str(self.ticks_file(c)), str(interval)], state / "sidekick.log")
            (state / "sidekick.pid").write_text(f"{sidekick.pid}\n")
            print(f"{self.name}: sidekick started (pid {sidekick.pid})")
        else:
            print(f"{self.name}: sidekick already running (pid {pid})")
        try:
            return super().start(c)
        except BaseException:
            if started_sidekick:  # do not leave it running without its worker
                self._stop_sidekick(c)
            raise

    @task
    def stop(self, c):
        """Stop the worker, then its sidekick."""
        super().stop(c)
        self._stop_sidekick(c)

    @task
    def status(self, c):
        """Say whether the worker and its sidekick are running."""
        super().status(c)
        pid = self.sidekick_pid(c)
        print(f"{self.name}: sidekick " + (f"running (pid {pid})" if pid else "stopped"))

    def _stop_sidekick(self, c: Context) -> None:
        pid_file = self.state_dir(c) / "sidekick.pid"
        pid = procs.read_pid(pid_file)
        if pid is not None:
            outcome = procs.stop(pid, str(self.ticks_file(c)), timeout=float(setting(c, "stop_timeout", 5)))
            if outcome != "not running":
                print(f"{self.name}: sidekick {outcome} (pid {pid})")
        pid_file.unlink(missing_ok=True)
