"""Containers, one task-template instance each.

``clock`` and ``greeter`` run on docker or podman when one is installed,
and otherwise on the simulated backend shipped here (``simbackend.py``).
``up``, ``down`` and ``status`` act on every unit through its own tasks.
"""

from __future__ import annotations

from units import CLOCK, GREETER, Clock, Greeter

from invoke import Collection, task

IMAGE = "python:3-alpine"
UNITS = [
    Clock("clock", IMAGE, ["python", "-u", "-c", CLOCK], INTERVAL="1"),
    Greeter("greeter", IMAGE, ["python", "-u", "-c", GREETER], GREETING="hello", WHO="world"),
]


@task
def up(c):
    """Start every unit (those already running are left alone)."""
    for unit in UNITS:
        unit.start(c)


@task
def down(c):
    """Stop and remove every unit, last started first."""
    for unit in reversed(UNITS):
        unit.stop(c)


@task
def status(c):
    """Show every unit's state."""
    for unit in UNITS:
        unit.status(c)


ns = Collection(up, down, status)
for unit in UNITS:
    ns.add_collection(unit)
