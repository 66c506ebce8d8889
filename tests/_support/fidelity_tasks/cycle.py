from invoke import task


@task
def c1(c):
    print("c1 ran")


@task(pre=[c1])
def c2(c):
    print("c2 ran")


c1.pre = [c2]
