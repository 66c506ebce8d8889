"""Running a task from Python with its pre/post tasks: ``Executor.run_task``/``Context.run_task``."""

from __future__ import annotations

from typing import List

import pytest

from invoke import Collection, Config, Context, Executor, TaskTemplate, task


def _collection(log: List[str]) -> Collection:
    @task
    def clean(c):
        log.append("clean")

    @task(pre=[clean])
    def build(c, target="all"):
        log.append(f"build {target}")
        return f"built {target}"

    @task(post=[clean])
    def deploy(c):
        log.append("deploy")
        return c.run_task(build, target="prod")

    @task
    def broken(c):
        raise ValueError("broken on purpose")

    return Collection(clean, build, deploy, broken)


def test_by_name_with_pre_tasks_and_arguments_returns_the_result() -> None:
    log: List[str] = []
    executor = Executor(_collection(log), Config())
    assert executor.run_task("build", target="docs") == "built docs"
    assert log == ["clean", "build docs"]


def test_dedupe_is_shared_with_what_the_executor_already_ran() -> None:
    log: List[str] = []
    executor = Executor(_collection(log), Config())
    executor.execute("clean")
    assert executor.run_task("build") == "built all"
    assert log == ["clean", "build all"]


def test_inside_a_task_it_shares_the_run() -> None:
    log: List[str] = []
    executor = Executor(_collection(log), Config())
    results = executor.execute("deploy")
    # deploy's run_task(build) skips clean's pre (not run yet: it runs), and
    # deploy's post clean is deduplicated against it.
    assert log == ["deploy", "clean", "build prod"]
    assert list(results.values()) == ["built prod"]


def test_the_tasks_own_exception_propagates() -> None:
    executor = Executor(_collection([]), Config())
    with pytest.raises(ValueError, match="broken on purpose"):
        executor.run_task("broken")


def test_outside_a_run_context_says_what_to_do() -> None:
    with pytest.raises(TypeError, match=r"Executor\(collection, config\)\.run_task"):
        Context().run_task("build")


class Service(TaskTemplate):
    def __init__(self, name: str, log: List[str]) -> None:
        self.collection_name = name
        self.log = log

    @task
    def install(self, c):
        self.log.append(f"{self.collection_name}.install")

    @task(pre=[install])
    def start(self, c, port=0):
        self.log.append(f"{self.collection_name}.start {port}")
        return port


def test_template_instance_tasks_by_dotted_name() -> None:
    log: List[str] = []
    ns = Collection(Service("web", log), Service("api", log))
    executor = Executor(ns, Config())
    assert executor.run_task("api.start", port=8080) == 8080
    assert log == ["api.install", "api.start 8080"]
