"""A build-system wrapper: three targets, each one instance of one template.

``hello`` is a runnable zipapp, ``greetlib`` a source tarball, ``docs`` a
set of pages in several formats. Each instance has its own settings. ``build``, ``verify`` and ``clean`` act on
every target through the targets' own tasks.
"""

from __future__ import annotations

from makers import check_docs, check_tarball, check_zipapp, make_docs, make_tarball, make_zipapp
from target import Target

from invoke import Collection, task

# Each target's settings are keyword arguments here; invoke.yaml (or -f,
# or INVOKE_TARGETS_... variables) can override them per target.
HELLO = Target("hello", "src/hello", "hello.pyz", make_zipapp, check_zipapp, main="hello.__main__:main")
GREETLIB = Target(
    "greetlib", "src/greetlib", "greetlib-{version}.tar.{compression}", make_tarball, check_tarball, version="0.1", compression="gz"
)
DOCS = Target("docs", "docs", "docs", make_docs, check_docs, formats=["html"])
TARGETS = [HELLO, GREETLIB, DOCS]


@task(pre=[target.build for target in TARGETS])
def build(c):
    """Build every target that is out of date (each once, however often it is asked for)."""
    print(f"build: {len(TARGETS)} targets ready")


@task
def clean(c):
    """Delete every target's artifact."""
    for target in TARGETS:
        target.clean(c)


ns = Collection(build, clean)
for target in TARGETS:
    ns.add_collection(target)
