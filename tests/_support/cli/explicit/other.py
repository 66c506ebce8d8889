from invoke import task


@task
def special(c):
    """Only in other.py."""
    print("special")
