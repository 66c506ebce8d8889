"""`Result` and `Promise`: what `Runner.run` hands back to its caller."""

from __future__ import annotations

from contextlib import AbstractContextManager
from types import TracebackType
from typing import TYPE_CHECKING, Any, Dict, Optional, Tuple, Type

if TYPE_CHECKING:
    from .runner import Runner


class Result:
    """The outcome of one finished (or disowned) command.

    Every field is accepted by keyword so subclasses (Fabric's remote
    ``Result``) can add their own and pass the rest through.
    """

    def __init__(
        self,
        stdout: str = "",
        stderr: str = "",
        encoding: Optional[str] = None,
        command: str = "",
        shell: str = "",
        env: Optional[Dict[str, Any]] = None,
        exited: Optional[int] = 0,
        pty: bool = False,
        hide: Tuple[str, ...] = (),
        pid: Optional[int] = None,
        disowned: bool = False,
    ) -> None:
        self.stdout = stdout
        self.stderr = stderr
        if encoding is None:
            from .options import default_encoding

            encoding = default_encoding()
        self.encoding = encoding
        self.command = command
        self.shell = shell
        self.env = {} if env is None else env
        self.exited = exited
        self.pty = pty
        self.hide = hide
        self.pid = pid
        self.disowned = disowned

    @property
    def return_code(self) -> Optional[int]:
        """The exit code (an alias of ``exited``)."""
        return self.exited

    @property
    def ok(self) -> bool:
        """True when the command exited 0."""
        return self.exited == 0

    @property
    def failed(self) -> bool:
        """True when the command did not exit 0."""
        return not self.ok

    def __bool__(self) -> bool:
        return self.ok

    def __str__(self) -> str:
        if self.exited is not None:
            lines = [f"Command exited with status {self.exited}."]
        else:
            lines = ["Command was not fully executed due to watcher error."]
        for name in ("stdout", "stderr"):
            value = getattr(self, name)
            if value:
                lines.append(f"=== {name} ===\n{value.rstrip()}\n")
            else:
                lines.append(f"(no {name})")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Result cmd={self.command!r} exited={self.exited}>"

    def tail(self, stream: str, count: int = 10) -> str:
        """Return the last ``count`` lines of ``stream`` ("stdout"/"stderr").

        The text starts with two newlines so it can follow a label directly,
        as the failure messages do.
        """
        lines = getattr(self, stream).splitlines()[-count:] if count > 0 else []
        return "\n\n" + "\n".join(lines)


class Promise(Result, AbstractContextManager):
    """A command still running in the background (``asynchronous=True``).

    Its fields describe the command as started; `join` waits for it and
    returns the real `Result` (or raises what a synchronous run would).
    Used as a context manager, leaving the block joins it.
    """

    def __init__(self, runner: "Runner") -> None:
        self.runner = runner
        super().__init__(**runner.result_kwargs)

    def join(self) -> Result:
        """Wait for the command to finish and return its `Result`."""
        try:
            return self.runner._finish()
        finally:
            self.runner.stop()

    def __enter__(self) -> "Promise":
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc_value: Optional[BaseException],
        exc_tb: Optional[TracebackType],
    ) -> None:
        self.join()

    def __repr__(self) -> str:
        return f"<Promise cmd={self.command!r}>"
