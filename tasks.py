"""This project's own development tasks, written with task templates.

    inv --list           what is here
    inv test             the whole suite (what CI runs)
    inv test.only -k parser
    inv docs.build       build the usage docs; inv www.build for the website
    inv bench.runner     run one benchmark script
"""

from __future__ import annotations

import sys

from invoke import Collection, TaskTemplate, task

PYTHON = sys.executable


class TestSuite(TaskTemplate):
    """Run a pytest suite rooted at one directory."""

    def __init__(self, path: str) -> None:
        self.path = path

    @task(default=True)
    def all(self, c, verbose=False):
        """Run every test (exactly what CI runs)."""
        c.run(f"{PYTHON} -m pytest -q{'v' if verbose else ''} {self.path}", pty=True)

    @task(help={"k": "pytest -k expression selecting tests", "exitfirst": "stop at the first failure"})
    def only(self, c, k="", exitfirst=False):
        """Run the tests matching a -k expression."""
        flags = " -x" if exitfirst else ""
        c.run(f"{PYTHON} -m pytest -q{flags} -k {k!r} {self.path}", pty=True)


class SphinxSite(TaskTemplate):
    """Build and clean one Sphinx site under sites/."""

    def __init__(self, name: str) -> None:
        self.source = f"sites/{name}"
        self.target = f"sites/{name}/_build"

    @task
    def clean(self, c):
        """Remove the built HTML."""
        c.run(f"rm -rf {self.target}")

    @task(pre=[clean], default=True)
    def build(self, c, nitpicky=False):
        """Build the HTML (needs Sphinx installed)."""
        c.run(f"{PYTHON} -m sphinx -q {'-n ' if nitpicky else ''}{self.source} {self.target}")


class Benchmarks(TaskTemplate):
    """Run the standalone benchmark scripts in benchmarks/."""

    @task(help={"upstream": "path to a virtualenv holding upstream Invoke 3.0.3, to compare"})
    def runner(self, c, upstream=""):
        """Measure Context.run: throughput, idle CPU, per-call cost."""
        c.run(f"{PYTHON} benchmarks/bench_runner.py {upstream}".rstrip())

    @task(help={"upstream": "path to a virtualenv holding upstream Invoke 3.0.3, to compare"})
    def cli(self, c, upstream=""):
        """Measure inv start-up, --list and --complete on big namespaces."""
        c.run(f"{PYTHON} benchmarks/bench_cli.py {upstream}".rstrip())


ns = Collection()
ns.add_collection(TestSuite("tests"), name="test")
ns.add_collection(SphinxSite("docs"), name="docs")
ns.add_collection(SphinxSite("www"), name="www")
ns.add_collection(Benchmarks(), name="bench")
