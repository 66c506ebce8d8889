"""Template corner cases from issue 11, through the real CLI."""

import subprocess
import sys
from pathlib import Path

SUPPORT = Path(__file__).parent.parent / "_support" / "fidelity_tasks"


def _inv(*args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=SUPPORT, capture_output=True, text=True, timeout=60
    )


def test_override_whose_pre_names_the_base_task_is_a_reported_cycle() -> None:
    result = _inv("-c", "template_cycle", "special.start")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Cycle in pre/post tasks: special.start -> start")
    assert "binds to the override itself" in lines[0]
    assert "super().start(c)" in lines[0]


def _conflict(case: str) -> "subprocess.CompletedProcess[str]":
    import os

    return subprocess.run(
        [sys.executable, "-m", "invoke", "-c", "name_conflict", "--list"],
        cwd=SUPPORT, capture_output=True, text=True, timeout=60, env=dict(os.environ, CONFLICT=case),
    )


def _one_line_error(result: "subprocess.CompletedProcess[str]") -> str:
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_two_instances_of_one_template_with_one_name_say_which_class_and_how_to_rename() -> None:
    line = _one_line_error(_conflict("same-class"))
    assert "Name conflict: two template instances are named 'web' in this collection (both Service)" in line
    assert "add_collection(instance, name=...)" in line
    assert "collection_name" in line


def test_two_templates_with_one_name_name_both_classes() -> None:
    line = _one_line_error(_conflict("two-classes"))
    assert "two template instances are named 'web' in this collection (Service and Worker)" in line


def test_a_later_instance_clashing_through_dashes_names_the_dashed_name() -> None:
    line = _one_line_error(_conflict("add-collection"))
    assert "named 'api-server' in this collection (Service and Worker)" in line


def test_an_instance_named_like_a_task_names_the_class_either_way_round() -> None:
    line = _one_line_error(_conflict("task-first"))
    assert "the Service instance 'web' has the same name as a task in this collection" in line
    assert "or rename the task" in line
    line = _one_line_error(_conflict("instance-first"))
    assert "task 'web' has the same name as the Service instance 'web' in this collection" in line
    assert "add_task(task, name=...)" in line


def test_the_suggested_renames_work() -> None:
    result = _conflict("none")
    assert result.returncode == 0, result.stderr
    names = [line.split()[0] for line in result.stdout.splitlines()[2:] if line.strip()]
    assert names == ["other.start", "third.start", "web.start"]


def test_plain_collection_conflicts_keep_their_short_text() -> None:
    import pytest

    from invoke import Collection, task

    @task
    def web(c):  # type: ignore[no-untyped-def]
        pass

    with pytest.raises(ValueError) as info:
        Collection(Collection("web", web), Collection("web", web))
    assert str(info.value) == "Name conflict: this collection has a sub-collection named 'web' already"
    with pytest.raises(ValueError) as info:
        Collection(web, Collection("web", web))
    assert str(info.value) == "Name conflict: this collection has a task named 'web' already"


def test_an_alias_named_like_an_instance_names_the_class() -> None:
    import pytest

    from invoke import Collection, TaskTemplate, task

    class Service(TaskTemplate):
        collection_name = "web"

        @task
        def start(self, c):  # type: ignore[no-untyped-def]
            pass

    @task(aliases=["web"])
    def serve(c):  # type: ignore[no-untyped-def]
        pass

    with pytest.raises(ValueError) as info:
        Collection(Service(), serve)
    assert str(info.value).startswith(
        "Name conflict: alias 'web' of task 'serve' is the name of the Service instance 'web' here; change the alias"
    )
