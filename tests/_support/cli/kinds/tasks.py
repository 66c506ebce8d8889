from invoke import task


@task(positional=["src"], iterable=["tag"], incrementable=["verbose"], optional=["opt"])
def copy(c, src, dst="x", tag=None, verbose=0, opt=None, ratio=1.5, flag=True):
    """Copy things."""
    print(f"src={src} dst={dst} tag={tag} verbose={verbose} opt={opt} ratio={ratio} flag={flag}")


@task
def stages(c, stages=1):
    print(f"stages={stages}")
