"""Module-level tasks: aliases, a default, docstrings of every shape."""

from invoke import task


@task(help={"name": "Who to greet."}, aliases=["hi"])
def hello(c, name="world", count=1, loud=False):
    """Say hello to someone nicely.

    A second paragraph that only --help shows.
    """
    print(f"hello {name} x{count}{'!' if loud else ''}")


@task(default=True)
def build(c):
    """Build it."""
    print("building")


@task(pre=[build])
def deploy(c):
    print("deploying")


@task
def very_long_task_name_for_testing_column_widths_in_listing_output(c):
    """This docstring is long enough that it must be wrapped to fit within eighty columns of terminal."""


@task
def no_doc(c):
    pass
