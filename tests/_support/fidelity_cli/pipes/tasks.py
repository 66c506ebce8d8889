from invoke import task


@task
def big(c):
    c.run("seq 200000")


@task
def forever(c):
    c.run("while :; do echo line; done")


@task
def prints(c):
    for number in range(200000):
        print(number)


@task
def own_broken_pipe(c):
    print("fine so far")
    raise BrokenPipeError(32, "the task's own socket went away")
