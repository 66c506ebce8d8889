"""Every exception Invoke raises, each carrying the data its message needs.

`Program.run` is the single place that turns these into output and an exit
code; library code raises them and never calls `sys.exit`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

if TYPE_CHECKING:
    from .parser.context import ParserContext
    from .runners import Result
    from .util import ExceptionWrapper


class CollectionNotFound(Exception):
    """No tasks module called ``name`` was found searching from ``start``."""

    def __init__(self, name: str, start: str) -> None:
        self.name = name
        self.start = start
        super().__init__(name, start)


class Failure(Exception):
    """A command ran but did not end the way the caller wanted.

    ``result`` is the `Result` of the command; ``reason`` is the watcher
    error that stopped it, if any. Its message is the result's summary.
    """

    def __init__(self, result: "Result", reason: Optional["WatcherError"] = None) -> None:
        super().__init__(result)
        self.result = result
        self.reason = reason

    def streams_for_display(self) -> Tuple[str, str]:
        """Return the stdout and stderr text to show in the failure message.

        Streams that were already shown live are summarised instead of
        repeated; hidden ones show their last lines.
        """
        shown = []
        for name in ("stdout", "stderr"):
            if name == "stderr" and self.result.pty:
                shown.append(" n/a (PTYs have no stderr)")
            elif name not in self.result.hide:
                shown.append(" already printed")
            else:
                shown.append(self.result.tail(name))
        return shown[0], shown[1]

    def __str__(self) -> str:
        return str(self.result)

    def __repr__(self) -> str:
        return self._repr()

    def _repr(self, **kwargs: Any) -> str:
        """Render ``<ClassName: cmd=... key=value ...>`` with ``kwargs`` as the details."""
        name = type(self).__name__
        details = "".join(f" {key}={value}" for key, value in kwargs.items())
        return f"<{name}: cmd={self.result.command!r}{details}>"


class UnexpectedExit(Failure):
    """A command exited nonzero and ``warn`` was off."""

    def __str__(self) -> str:
        stdout, stderr = self.streams_for_display()
        return (
            "Encountered a bad command exit code!\n\n"
            f"Command: {self.result.command!r}\n\n"
            f"Exit code: {self.result.exited}\n\n"
            f"Stdout:{stdout}\n\n"
            f"Stderr:{stderr}\n\n"
        )

    def __repr__(self) -> str:
        return self._repr(exited=self.result.exited)


class CommandTimedOut(Failure):
    """A command ran longer than its ``timeout`` and was stopped."""

    def __init__(self, result: "Result", timeout: int) -> None:
        super().__init__(result)
        self.args = (result, timeout)
        self.timeout = timeout

    def __repr__(self) -> str:
        return self._repr(timeout=self.timeout)

    def __str__(self) -> str:
        stdout, stderr = self.streams_for_display()
        return (
            f"Command did not complete within {self.timeout} seconds!\n\n"
            f"Command: {self.result.command!r}\n\n"
            f"Stdout:{stdout}\n\n"
            f"Stderr:{stderr}\n\n"
        )


class AuthFailure(Failure):
    """A sudo password (or other authentication answer) was rejected."""

    def __init__(self, result: "Result", prompt: str) -> None:
        super().__init__(result)
        self.args = (result, prompt)
        self.prompt = prompt

    def __str__(self) -> str:
        return f"The password submitted to prompt {self.prompt!r} was rejected."


class ParseError(Exception):
    """The command line could not be parsed; ``context`` is where it failed."""

    def __init__(self, msg: str, context: Optional["ParserContext"] = None) -> None:
        super().__init__(msg)
        self.context = context


class Exit(Exception):
    """Stop the program quietly-or-not with an exit code.

    ``message`` is printed to stderr (when given) and the exit code becomes
    1; ``code`` overrides the exit code (default 0 without a message).
    """

    def __init__(self, message: Optional[str] = None, code: Optional[int] = None) -> None:
        self.message = message
        self._code = code

    @property
    def code(self) -> int:
        if self._code is not None:
            return self._code
        return 1 if self.message else 0


class PlatformError(Exception):
    """Something needs a platform feature this system lacks."""


class AmbiguousEnvVar(Exception):
    """Two configuration keys map to the same environment variable name."""


class UncastableEnvVar(Exception):
    """An environment variable's value cannot become its setting's type."""


class UnknownFileType(Exception):
    """A configuration file has an extension Invoke cannot load."""


class UnpicklableConfigMember(Exception):
    """A configuration value cannot be copied (a module, a lock, ...)."""


def _printable_kwargs(kwargs: Any) -> Dict[str, Any]:
    """Shorten list values in ``kwargs`` so thread errors stay readable."""
    printable = {}
    for key, value in kwargs.items():
        if isinstance(value, list) and len(value) > 10:
            value = value[:10] + [f"<...{len(value) - 10} more>"]
        printable[key] = value
    return printable


class ThreadException(Exception):
    """One or more background threads raised; ``exceptions`` holds them."""

    exceptions: Tuple["ExceptionWrapper", ...] = ()

    def __init__(self, exceptions: List["ExceptionWrapper"]) -> None:
        self.exceptions = tuple(exceptions)

    def __str__(self) -> str:
        import traceback
        from pprint import pformat

        parts = []
        for wrapper in self.exceptions:
            # Upstream's layout: sorted thread arguments, and a blank line
            # between the traceback's entries.
            lines = "\n".join(
                traceback.format_exception(wrapper.type, wrapper.value, wrapper.traceback)
            )
            parts.append(
                f"Thread args: {pformat(_printable_kwargs(wrapper.kwargs))}\n\n{lines}"
            )
        body = "\n\n".join(parts) + "\n"
        return f"\nSaw {len(self.exceptions)} exceptions within threads ({', '.join(w.type.__name__ for w in self.exceptions)}):\n\n\n{body}"


class WatcherError(Exception):
    """A stream watcher decided the command must stop."""


class ResponseNotAccepted(WatcherError):
    """A responder saw its failure sentinel after answering a prompt."""


class SubprocessPipeError(Exception):
    """The pipe to or from a subprocess broke unexpectedly."""
