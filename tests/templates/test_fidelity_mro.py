"""Template corner cases from issue 11 (items 19 and 20), through the real CLI.

Each test writes a small tasks file into the ``cli`` fixture's project
directory and runs ``inv`` on it in-process.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any, Callable

SERVICE = '''
from invoke import Collection, TaskTemplate, task


class Service(TaskTemplate):
    def __init__(self, name):
        self.name = name

    @task
    def install(self, c):
        """Install the service."""
        print(f"install {self.name}")

    @task(aliases=["up"], pre=[install], help={"wait": "Seconds to wait."})
    def start(self, c, wait=0):
        """Start the service."""
        print(f"start {self.name} wait={wait}")
'''


def _project(tmp_path: Path, body: str) -> None:
    (tmp_path / "tasks.py").write_text(SERVICE + textwrap.dedent(body))


# -- item 19: options inherit along the whole MRO ---------------------------------

MIXINS = '''
class LoudMixin:
    def start(self, c, wait=0, loud=False):
        print("loud" if loud else "quiet")
        super().start(c, wait=wait)


class TimedMixin:
    @task(help={"loud": "Shout about it."})
    def start(self, c, wait=0, loud=False):
        print(f"timed wait={wait}")
        Service.start(self, c, wait=wait)


class Fancy(LoudMixin, TimedMixin, Service):
    pass


ns = Collection()
ns.add_collection(Fancy("web").to_collection("fancy"))
'''


def test_two_mixin_overrides_keep_the_template_tasks_aliases_and_pre_tasks(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    _project(tmp_path, MIXINS)
    result = cli("inv --list")
    assert result.code == 0, result.stderr
    assert "fancy.start (fancy.up)   Start the service." in result.stdout
    run = cli("inv fancy.up --loud --wait 3")
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == ["install web", "loud", "timed wait=3", "start web wait=3"]


def test_two_mixin_overrides_take_flags_from_the_first_override_and_help_from_below(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    _project(tmp_path, MIXINS)
    result = cli("inv --help fancy.start")
    assert result.code == 0, result.stderr
    out = result.stdout
    assert "Start the service." in out
    assert "-l, --loud" in out and "Shout about it." in out
    # TimedMixin.start sets ``help`` itself, so that option is its own.
    assert "-w INT, --wait=INT" in out


def test_a_single_plain_mixin_override_still_inherits_from_the_template(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    _project(
        tmp_path,
        '''
        class Quiet:
            def start(self, c, wait=0):
                print("quiet")
                super().start(c, wait=wait)


        class QuietService(Quiet, Service):
            pass


        ns = Collection()
        ns.add_collection(QuietService("db").to_collection("db"))
        ''',
    )
    run = cli("inv db.up")
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == ["install db", "quiet", "start db wait=0"]


# -- item 20: a task removed with None is not a hidden pre task -------------------

PREINSTALLED = '''
class Preinstalled(Service):
    install = None


ns = Collection()
ns.add_collection(Preinstalled("cache").to_collection("pre"))
ns.add_collection(Service("web").to_collection("web"))
'''


def test_a_task_removed_with_none_is_not_run_as_a_pre_task(tmp_path: Path, cli: Callable[..., Any]) -> None:
    _project(tmp_path, PREINSTALLED)
    listing = cli("inv --list")
    assert listing.code == 0, listing.stderr
    assert "pre.install" not in listing.stdout
    assert "pre.start" in listing.stdout
    run = cli("inv pre.start")
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == ["start cache wait=0"]


def test_the_base_template_keeps_its_pre_task(tmp_path: Path, cli: Callable[..., Any]) -> None:
    _project(tmp_path, PREINSTALLED)
    run = cli("inv web.start")
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == ["install web", "start web wait=0"]


def test_a_removed_task_is_skipped_in_post_lists_and_calls_too(tmp_path: Path, cli: Callable[..., Any]) -> None:
    _project(
        tmp_path,
        '''
        from invoke import call


        class Checked(Service):
            @task
            def check(self, c, level=1):
                print(f"check {self.name} level={level}")

            @task(post=[call(check, level=2)])
            def stop(self, c):
                print(f"stop {self.name}")


        class Unchecked(Checked):
            check = None


        ns = Collection()
        ns.add_collection(Checked("a").to_collection("a"))
        ns.add_collection(Unchecked("b").to_collection("b"))
        ''',
    )
    assert cli("inv a.stop").stdout.splitlines() == ["stop a", "check a level=2"]
    run = cli("inv b.stop")
    assert run.code == 0, run.stderr
    assert run.stdout.splitlines() == ["stop b"]
