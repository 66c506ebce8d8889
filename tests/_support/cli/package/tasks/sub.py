"""Sub module docstring.

More lines.
"""

from invoke import task


@task
def leaf(c):
    """Leaf doc
    continued."""
    print("leaf")
