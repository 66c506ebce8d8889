"""Tasks that run commands, fail, stop and print results."""

from invoke import Exit, task


@task(autoprint=True)
def value(c, x=1):
    print("value ran")
    return 42


@task(pre=[value])
def show(c):
    print("show")


@task(post=[value])
def after(c):
    print("after")


@task
def fail(c, code=3):
    c.run(f"exit {code}")


@task
def fail_hidden(c):
    c.run("echo out-text; echo err-text >&2; exit 4", hide=True)


@task
def leave(c, code=7):
    raise Exit("leaving now", code=code)


@task
def quiet_exit(c):
    raise Exit(code=5)


@task
def interrupt(c):
    raise KeyboardInterrupt


@task
def crash(c):
    raise RuntimeError("task code blew up")


@task
def echo(c):
    c.run("echo from-shell")


@task
def settings(c):
    print(f"warn={c.config.run.warn} echo={c.config.run.echo} pty={c.config.run.pty} "
          f"dry={c.config.run.dry} hide={c.config.run.hide} dedupe={c.config.tasks.dedupe} "
          f"timeout={c.config.timeouts.command}")
