from invoke import task


@task
def foo(c):
    print("foo")


@task(pre=[foo])
def bar(c):
    print("bar")


@task(pre=[foo])
def baz(c):
    print("baz")


@task
def post2(c):
    print("post2")


@task(post=[post2])
def p1(c):
    print("p1")


@task(post=[post2])
def p2(c):
    print("p2")


@task(autoprint=True)
def answer(c):
    return 42
