from invoke import task

@task
def oops(c)
    pass
