"""`Suite`: the task template every sub-project's test suite is an instance of.

One instance runs one sub-project's tests with ``python -m unittest
discover``, from the sub-project's directory. Its ``test`` task's flags
choose what to run and how; whatever follows ``--`` on the command line is
passed to unittest as it is. When the tests fail, ``inv`` exits with
unittest's own exit code.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import List

from invoke import Context, TaskTemplate, task
from invoke.exceptions import Exit

HERE = Path(__file__).resolve().parent

TEST_HELP = {
    "failing": "Run the deliberately failing suite (tests_failing/) instead of tests/.",
    "verbose": "Show each test's name and outcome (unittest -v).",
    "pattern": "Only run test files matching this glob (unittest -p).",
}


class Suite(TaskTemplate):
    """Run one sub-project's unittest suite."""

    def __init__(self, name: str, project: str) -> None:
        self.name = name
        self.collection_name = name
        self.project = HERE / project

    def command(self, c: Context, failing: bool, verbose: bool, pattern: str) -> List[str]:
        """The unittest command line, with the ``--`` remainder at the end."""
        start = "tests_failing" if failing else "tests"
        words = [sys.executable, "-m", "unittest", "discover", "-s", start, "-t", ".", "-p", pattern]
        if verbose or c.config.get("testing", {}).get("verbose", False):
            words.append("-v")
        return words + shlex.split(c.remainder)

    @task(help=TEST_HELP)
    def test(self, c, failing=False, verbose=False, pattern="test*.py"):
        """Run this sub-project's tests; exit with unittest's code when they fail."""
        words = self.command(c, failing, verbose, pattern)
        print(f"{self.name}: {' '.join(['python'] + words[1:])}", flush=True)
        with c.cd(str(self.project)):
            result = c.run(" ".join(shlex.quote(word) for word in words), warn=True, pty=False)
        if result.exited != 0:
            raise Exit(f"{self.name}: tests failed (unittest exited {result.exited})", code=result.exited)
        print(f"{self.name}: tests passed")

    @task
    def files(self, c):
        """List this sub-project's test files, both suites."""
        for path in sorted(self.project.glob("tests*/test*.py")):
            print(path.relative_to(HERE).as_posix())
