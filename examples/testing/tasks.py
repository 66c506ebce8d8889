"""A test-system wrapper: two sub-projects' suites, each one instance of one template.

``inv calc.test`` or ``inv textkit.test`` runs one suite; ``inv test`` runs
all of them through their own ``test`` tasks, with the same flags, and
exits with the first failing suite's code. Whatever follows ``--`` reaches
unittest (``inv test -- -k mean``).
"""

from __future__ import annotations

from suite import TEST_HELP, Suite

from invoke import Collection, task
from invoke.exceptions import Exit

SUITES = [Suite("calc", "projects/calc"), Suite("textkit", "projects/textkit")]


@task(help=TEST_HELP)
def test(c, failing=False, verbose=False, pattern="test*.py"):
    """Run every sub-project's tests (all of them, even after a failure)."""
    failed = []
    for suite in SUITES:
        try:
            suite.test(c, failing=failing, verbose=verbose, pattern=pattern)
        except Exit as failure:
            print(failure.message, flush=True)
            failed.append((suite.name, failure.code))
    if failed:
        names = ", ".join(name for name, _ in failed)
        raise Exit(f"test: {len(failed)} of {len(SUITES)} suites failed ({names})", code=failed[0][1])
    print(f"test: {len(SUITES)} suites passed")


ns = Collection(test)
for suite in SUITES:
    ns.add_collection(suite)
