"""A fleet of three micro-services, each one instance of one task template.

``web`` and ``api`` are the same class and differ only by their configure
callback (so each has its own configure flags); ``worker`` is a subclass
that also runs a sidekick. ``up``, ``down``, ``status`` and ``health`` act
on the whole fleet by calling each instance's own tasks.
"""

from __future__ import annotations

import signal
import threading
from typing import List, Optional

from service_base import ServiceBase
from service_health import HealthCheck
from worker import Worker

from invoke import Collection, Context, task


class Service(HealthCheck, ServiceBase):
    """A service of the fleet: the base tasks plus a health check."""


def configure_web(c, greeting="hello", warmup: float = 0.0):
    """Configure web: its greeting, and seconds it takes to warm up before answering."""
    return {"greeting": greeting, "warmup": warmup}


def configure_api(c, version="v1", port=0):
    """Configure api: the API version it reports, and its port (0: any free one)."""
    return {"version": version, "port": port}


FLEET = [Service("web", configure_web), Service("api", configure_api), Worker("worker")]

RUN_DIR_HELP = {"run-dir": "Use this run directory instead of the services.run_dir setting."}


def _use_run_dir(c: Context, run_dir: Optional[str]) -> None:
    if run_dir:
        c.config.services.run_dir = run_dir


@task(help=RUN_DIR_HELP)
def up(c, run_dir=None):
    """Start every service and wait until it is healthy; on failure or Ctrl-C, stop what this run started.

    The services start one after another, or all at once with ``inv -j 4 up``.
    """
    _use_run_dir(c, run_dir)
    running_before = {service.name for service in FLEET if service.running_pid(c) is not None}
    try:
        c.run_tasks(*(service.ready for service in FLEET))
    except BaseException:
        started = [s for s in FLEET if s.name not in running_before and s.running_pid(c) is not None]
        _stop_started(c, started)
        raise
    print(f"up: {len(FLEET)} services running")


def _stop_started(c: Context, started: List[Service]) -> None:
    if not started:
        return
    print("up: stopping what this run started: " + ", ".join(service.name for service in started))
    # A second Ctrl-C must not interrupt the cleanup half-way.
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        for service in reversed(started):
            service.stop(c)
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)


@task(help=RUN_DIR_HELP)
def down(c, run_dir=None):
    """Stop every service (the last started first; all at once with ``inv -j 4 down``)."""
    _use_run_dir(c, run_dir)
    c.run_tasks(*(service.stop for service in reversed(FLEET)))


@task(help=RUN_DIR_HELP)
def status(c, run_dir=None):
    """Show every service's state."""
    _use_run_dir(c, run_dir)
    for service in FLEET:
        service.status(c)


@task(help=RUN_DIR_HELP)
def health(c, run_dir=None):
    """Check that every service answers its health check."""
    _use_run_dir(c, run_dir)
    for service in FLEET:
        service.health(c)


ns = Collection(up, down, status, health, *FLEET)
