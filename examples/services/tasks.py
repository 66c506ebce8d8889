"""A fleet of three micro-services, each one instance of one task template.

``web`` and ``api`` are the same class and differ only by their configure
callback (so each has its own configure flags); ``worker`` is a subclass
that also runs a sidekick. ``up``, ``down``, ``status`` and ``health`` act
on the whole fleet by calling each instance's own tasks; with ``inv -j N``
(or ``tasks.jobs``), ``up`` and ``down`` handle up to N services at once.
"""

from __future__ import annotations

import signal
import threading
from typing import Callable, List, Optional

from service_base import ServiceBase
from service_health import HealthCheck
from worker import Worker

from invoke import Collection, Context, task
from invoke.util import ExceptionHandlingThread


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
    """Start every service (with -j N, up to N at once) and wait until healthy; on failure or Ctrl-C, stop what this run started."""
    _use_run_dir(c, run_dir)
    started: List[Service] = []
    if _jobs(c) > 1:
        _up_concurrently(c, started)
        return
    try:
        for service in FLEET:
            if service.start(c):
                started.append(service)
            service.health(c)
    except BaseException:
        _stop_started(c, started)
        raise
    print(f"up: {len(FLEET)} services running")


def _jobs(c: Context) -> int:
    """How many services ``up``/``down`` may handle at once: ``-j``/``tasks.jobs``, at least 1."""
    value = c.config.get("tasks", {}).get("jobs", 1)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 1 else 1


def _up_concurrently(c: Context, started: List[Service]) -> None:
    lock = threading.Lock()
    stop = threading.Event()

    def start_and_check(own: Context, service: Service) -> None:
        if service.start(own):
            with lock:
                started.append(service)
        if not stop.is_set():
            service.health(own)

    try:
        _concurrently(c, FLEET, start_and_check, stop)
    except BaseException:
        _stop_started(c, started)
        raise
    print(f"up: {len(FLEET)} services running")


def _concurrently(
    c: Context, services: List[Service], action: Callable[[Context, Service], None], stop: Optional[threading.Event] = None
) -> None:
    """Call ``action`` for every service, up to ``-j`` at once, each with a context of its own.

    After the first failure no further service is begun; once the ones under
    way have finished, the first failure is raised. Ctrl-C (which ``inv -j``
    raises in this task's thread) sets ``stop``, so no further service is
    begun either, waits for the ones under way, and propagates.
    """
    todo = list(services)
    errors: List[BaseException] = []
    lock = threading.Lock()
    stop = stop if stop is not None else threading.Event()

    def work() -> None:
        while True:
            with lock:
                if errors or not todo or stop.is_set():
                    return
                service = todo.pop(0)
            try:
                action(Context(config=c.config.clone()), service)
            except BaseException as error:  # re-raised in the task's own thread below
                with lock:
                    errors.append(error)

    # ExceptionHandlingThread: output of these threads is labelled as this
    # task's under ``-j`` (see "Running tasks in parallel").
    workers = [ExceptionHandlingThread(target=work) for _ in range(min(_jobs(c), len(todo)))]
    for worker in workers:
        worker.start()
    try:
        for worker in workers:
            while worker.is_alive():
                worker.join(0.05)  # a timed wait lets an interrupt reach this thread
    except BaseException:
        stop.set()
        for worker in workers:
            worker.join()
        raise
    if errors:
        raise errors[0]


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
    """Stop every service (the last started first; with -j N, up to N at once)."""
    _use_run_dir(c, run_dir)
    if _jobs(c) > 1:
        _concurrently(c, list(reversed(FLEET)), lambda own, service: service.stop(own))
        return
    for service in reversed(FLEET):
        service.stop(c)


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
