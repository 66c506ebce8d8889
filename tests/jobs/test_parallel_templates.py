"""``inv -j`` on template instances: their pre tasks run per instance and are named as listed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

INV = Path(sys.executable).with_name("inv")

TASKS = """\
from invoke import Collection, TaskTemplate, task


class Target(TaskTemplate):
    def __init__(self, name):
        self.collection_name = name

    @task
    def prepare(self, c):
        c.run(f"sleep 0.3; echo prepared {self.collection_name}")

    @task(pre=[prepare])
    def build(self, c):
        print(f"built {self.collection_name}")


TARGETS = [Target("app"), Target("lib")]


@task(pre=[t.build for t in TARGETS])
def everything(c):
    print("all built")


ns = Collection(everything, *TARGETS)
"""


def test_instances_pre_tasks_are_named_like_their_instances(tmp_path: Path) -> None:
    (tmp_path / "tasks.py").write_text(TASKS)
    result = subprocess.run([str(INV), "-j", "4", "everything"], cwd=str(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == [
        "[app.build] built app", "[app.prepare] prepared app",
        "[everything] all built",
        "[lib.build] built lib", "[lib.prepare] prepared lib",
    ]
    rows = [line.split()[:2] for line in result.stderr.splitlines()[1:]]
    assert rows == [
        ["app.prepare", "ok"], ["app.build", "ok"], ["lib.prepare", "ok"], ["lib.build", "ok"], ["everything", "ok"],
    ]
