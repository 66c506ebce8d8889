from invoke import Collection, task


@task
def a(c):
    """Level one."""


@task
def b(c):
    """Level two."""


@task
def d(c):
    """Level three."""


@task
def e(c):
    pass


three = Collection("three", d, e)
two = Collection("two", b, three)
ns = Collection(a, two)
