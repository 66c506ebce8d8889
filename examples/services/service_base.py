"""`ServiceBase`: the task template every service of the fleet is an instance of.

One instance manages one service: a detached HTTP server (``service_app.py``)
with its own state directory ``RUN_DIR/NAME/`` holding the installed program
(``app.py``), its generated ``config.json``, its ``pid`` and ``port`` files
and its ``service.log``. ``RUN_DIR`` is the ``services.run_dir`` setting
(``invoke.yaml``; a relative path is taken from this directory).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path
from typing import Any, Callable, Dict, Optional

import service_procs as procs

from invoke import Context, TaskTemplate, callback_task, task
from invoke.exceptions import Exit

HERE = Path(__file__).resolve().parent
APP = HERE / "service_app.py"


def setting(c: Context, name: str, default: Any) -> Any:
    """One ``services.NAME`` setting from the configuration."""
    return c.config.get("services", {}).get(name, default)


class ServiceBase(TaskTemplate):
    """Manage one service: install, configure, start, stop and inspect it."""

    def __init__(self, name: str, config_callback: Optional[Callable[..., Dict[str, Any]]] = None) -> None:
        self.name = name
        self.collection_name = name
        self.config_callback = config_callback

    # -- where things are (plain methods: not tasks) --------------------------

    def state_dir(self, c: Context) -> Path:
        run_dir = Path(setting(c, "run_dir", ".run")).expanduser()
        return (run_dir if run_dir.is_absolute() else HERE / run_dir) / self.name

    def running_pid(self, c: Context) -> Optional[int]:
        """The service's pid when it is running, else None."""
        state = self.state_dir(c)
        pid = procs.read_pid(state / "pid")
        return pid if pid is not None and procs.alive(pid, str(state)) else None

    def address(self, c: Context) -> Optional[str]:
        """``127.0.0.1:PORT`` of the running service, else None."""
        port_file = self.state_dir(c) / "port"
        if self.running_pid(c) is None or not port_file.exists():
            return None
        return f"127.0.0.1:{port_file.read_text().strip()}"

    def settings(self, c: Context) -> Dict[str, Any]:
        """The generated configuration; ``configure`` runs first (with its defaults) if there is none."""
        path = self.state_dir(c) / "config.json"
        if not path.exists():
            self.configure(c)
        return json.loads(path.read_text())

    def write_settings(self, c: Context, settings: Dict[str, Any]) -> None:
        state = self.state_dir(c)
        state.mkdir(parents=True, exist_ok=True)
        (state / "config.json").write_text(json.dumps(dict(settings, name=self.name), indent=2) + "\n")
        shown = ", ".join(f"{key}={value!r}" for key, value in settings.items())
        later = " (restart it to apply)" if self.running_pid(c) else ""
        print(f"{self.name}: configured {shown}{later}")

    # -- the tasks ------------------------------------------------------------

    @task
    def install(self, c):
        """Install the service's program into its state directory (a no-op when up to date)."""
        state = self.state_dir(c)
        state.mkdir(parents=True, exist_ok=True)
        target = state / "app.py"
        if not target.exists() or target.read_bytes() != APP.read_bytes():
            shutil.copyfile(APP, target)
            print(f"{self.name}: installed in {state}")

    @callback_task("config_callback")
    def configure(self, c, *args, **kwargs):
        """Write the service's config.json (flags and help come from the callback)."""
        self.write_settings(c, self.config_callback(c, *args, **kwargs))

    @task
    def start(self, c):
        """Start the service in the background and wait until it has bound its port."""
        pid = self.running_pid(c)
        if pid is not None:
            print(f"{self.name}: already running on {self.address(c)} (pid {pid})")
            return False
        self.install(c)
        self.settings(c)
        state = self.state_dir(c)
        for stale in ("pid", "port"):
            (state / stale).unlink(missing_ok=True)
        process = procs.spawn([str(state / "app.py"), str(state)], state / "service.log")
        try:
            (state / "pid").write_text(f"{process.pid}\n")
            port = self._wait_for_port(c, process)
        except BaseException:
            # Failed or interrupted (Ctrl-C): leave nothing half-started.
            procs.stop(process.pid, str(state), timeout=float(setting(c, "stop_timeout", 5)))
            for stale in ("pid", "port"):
                (state / stale).unlink(missing_ok=True)
            raise
        print(f"{self.name}: started on 127.0.0.1:{port} (pid {process.pid})")
        return True

    def _wait_for_port(self, c: Context, process: Any) -> str:
        state = self.state_dir(c)
        limit = float(setting(c, "start_timeout", 10))
        deadline = time.monotonic() + limit
        while not (state / "port").exists():
            code = process.poll()
            if code is not None:
                raise Exit(self._log_excerpt(c, f"exited with code {code} while starting"), code=1)
            if time.monotonic() >= deadline:
                raise Exit(self._log_excerpt(c, f"bound no port within {limit:g}s"), code=1)
            time.sleep(0.05)
        return (state / "port").read_text().strip()

    def _log_excerpt(self, c: Context, what: str) -> str:
        log = self.state_dir(c) / "service.log"
        lines = procs.tail(log, last_start_only=True) or ["(nothing)"]
        return f"{self.name}: {what}; its log ({log}) says:\n" + "\n".join(f"    {line}" for line in lines)

    @task
    def stop(self, c):
        """Stop the service: SIGTERM, then SIGKILL after services.stop_timeout seconds."""
        state = self.state_dir(c)
        pid = procs.read_pid(state / "pid")
        if pid is None:
            print(f"{self.name}: not running")
            return
        outcome = procs.stop(pid, str(state), timeout=float(setting(c, "stop_timeout", 5)))
        for stale in ("pid", "port"):
            (state / stale).unlink(missing_ok=True)
        if outcome == "not running":
            print(f"{self.name}: not running (pid {pid} had already exited)")
        else:
            print(f"{self.name}: {outcome} (pid {pid})")

    @task
    def restart(self, c):
        """Stop the service, then start it again."""
        self.stop(c)
        self.start(c)

    @task
    def status(self, c):
        """Say whether the service is running, where, and as which pid."""
        pid = self.running_pid(c)
        if pid is None:
            print(f"{self.name}: stopped")
        else:
            print(f"{self.name}: running on {self.address(c)} (pid {pid})")

    @task
    def logs(self, c, lines=20):
        """Show the last lines of the service's log."""
        log = self.state_dir(c) / "service.log"
        if not log.exists():
            raise Exit(f"{self.name}: no log yet ({log} does not exist)", code=1)
        for line in procs.tail(log, lines):
            print(line)

    @task(pre=[stop])
    def clean(self, c):
        """Stop the service, then delete its state directory (program, config, log)."""
        state = self.state_dir(c)
        if state.exists():
            shutil.rmtree(state)
            print(f"{self.name}: removed {state}")
