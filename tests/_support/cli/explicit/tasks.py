from invoke import task


@task
def regular(c):
    print("regular")
