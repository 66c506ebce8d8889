"""Tasks living in a package."""

from invoke import Collection, task

from . import sub


@task
def show(c):
    """Print a config value from the project file."""
    print(f"color={c.config.get('color', 'unset')}")


ns = Collection(show, sub)
