from invoke import task
import a_module_that_does_not_exist_anywhere  # noqa: F401


@task
def never(c):
    pass
