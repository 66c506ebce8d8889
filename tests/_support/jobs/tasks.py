"""Tasks that record when they start and end (in $JOBS_LOG) for the -j tests."""

import os
import time

from invoke import Collection, task


def _log(event, name):
    with open(os.environ["JOBS_LOG"], "a") as log:
        log.write(f"{time.monotonic():.4f} {event} {name}\n")


def _sleeper(name, seconds=0.5, pre=(), post=()):
    @task(pre=list(pre), post=list(post), name=name)
    def body(c):
        _log("start", name)
        c.run(f"sleep {seconds}; echo {name} finished")
        _log("end", name)

    return body


setup = _sleeper("setup", 0.3)
left = _sleeper("left", 0.5, pre=[setup])
right = _sleeper("right", 0.5, pre=[setup])
report = _sleeper("report", 0.1)
one = _sleeper("one", 0.5, post=[report])
two = _sleeper("two", 0.8, post=[report])
three = _sleeper("three", 0.5)


@task
def fails(c):
    _log("start", "fails")
    c.run("sleep 0.2; exit 3")


@task(pre=[fails])
def after_fails(c):
    _log("start", "after-fails")


@task
def long(c):
    _log("start", "long")
    c.run("sleep 30")
    _log("end", "long")


@task
def chatty(c):
    print("first line from print")
    c.run("echo from a command; echo to stderr >&2")


@task
def reads(c):
    result = c.run("cat", warn=True)
    print(f"read {result.stdout!r}")


@task(autoprint=True)
def answer(c):
    return 42


@task
def nested(c):
    print("nested:", c.run_task("left"))


@task
def boom(c):
    raise RuntimeError("the task's own error")


ns = Collection(setup, left, right, report, one, two, three, fails, after_fails, long, chatty, reads,
                answer, nested, boom)
