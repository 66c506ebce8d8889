"""STUB: replaced by the runner work (issue 5)."""
class Result:
    def __init__(self, stdout="", stderr="", encoding=None, command="", shell="", env=None, exited=0, pty=False, hide=(), pid=None, disowned=False):
        self.stdout = stdout; self.stderr = stderr; self.encoding = encoding; self.command = command; self.shell = shell
        self.env = env or {}; self.exited = exited; self.pty = pty; self.hide = hide; self.pid = pid; self.disowned = disowned
class Runner:
    def __init__(self, context):
        self.context = context
class Local(Runner):
    pass
class Promise(Result):
    pass
