"""`Context`: what a task receives; runs commands and reaches the config.

Attribute access falls through to the `Config` (``c.run.echo``, ``c.foo =
1``) except for names that are real attributes of the object: the rule
Fabric's ``Connection`` relies on.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Dict, Generator, Iterable, Iterator, List, Optional, Union

from ._config.proxy import DataProxy
from .config import Config
from .exceptions import AuthFailure, Failure, ResponseNotAccepted
from .runners import Result, Runner  # already imported by .config

if TYPE_CHECKING:
    from .watchers import FailingResponder

__all__ = [
    "AuthFailure",
    "Config",
    "Context",
    "DataProxy",
    "FailingResponder",
    "Failure",
    "MockContext",
    "ResponseNotAccepted",
    "Result",
    "Runner",
]

# What sudo prints when the password it was given is wrong.
_SUDO_REJECTED = "Sorry, try again.\n"


def __getattr__(name: str) -> Any:
    # Re-exported lazily: watchers are only needed once sudo() is called.
    if name == "FailingResponder":
        from .watchers import FailingResponder

        return FailingResponder
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Context(DataProxy):
    """The object tasks get as their first argument.

    ``config`` is the `Config` in force; ``remainder`` is whatever followed
    ``--`` on the command line.
    """

    def __init__(self, config: Optional[Config] = None, remainder: str = "") -> None:
        """Wrap ``config`` (a fresh `Config` when omitted)."""
        self._set(_config=Config() if config is None else config)
        # Commands given to `prefix`, run before every command (joined with &&).
        command_prefixes: List[str] = []
        self._set(command_prefixes=command_prefixes)
        # Directories given to `cd`, innermost last.
        command_cwds: List[str] = []
        self._set(command_cwds=command_cwds)
        self._set(remainder=remainder)

    @property
    def config(self) -> Config:
        """The `Config` this context reads and writes."""
        return self._config

    @config.setter
    def config(self, value: Config) -> None:
        # Assigning a new config must not go through the config itself.
        self._set(_config=value)

    def run(self, command: str, **kwargs: Any) -> Result:
        """Run ``command`` locally, honouring `cd`/`prefix`; options as for ``Runner.run``."""
        runner = self.config.runners.local(self)
        return self._run(runner, command, **kwargs)

    def _run(self, runner: Runner, command: str, **kwargs: Any) -> Result:
        """Run ``command`` with ``runner`` after applying `cd`/`prefix` (Fabric calls this)."""
        command = self._prefix_commands(command)
        return runner.run(command, **kwargs)

    def run_task(self, task: Any, *args: Any, **kwargs: Any) -> Any:
        """Run a task (a name like ``"web.start"``, or a `Task`) as ``inv`` would; return its result.

        Its pre and post tasks run around it, and with dedupe on, whatever
        this run already ran is not run again (calling ``other(c)`` directly
        runs only the body). It works inside a task run by ``inv`` or an
        `Executor`, sharing that run's config and record of what ran; from
        plain Python use ``Executor(collection, config).run_task(...)``.
        The task's own exception propagates.
        """
        executor = self.__dict__.get("_executor")
        if executor is None:
            raise TypeError(
                "run_task() needs the run this context belongs to: call it inside a task run by "
                "inv or an Executor, or use Executor(collection, config).run_task(...)"
            )
        return executor.run_task(task, *args, **kwargs)

    def run_tasks(self, *tasks: Any) -> List[Any]:
        """Run several tasks as ``inv -j`` would (names, `Task` or `Call` objects); their results.

        With ``tasks.jobs`` above 1 (``inv -j N``) they run at the same time,
        each with its pre/post tasks and its own copy of this context's
        config; otherwise one after another. See `run_task` for the rest.
        """
        executor = self.__dict__.get("_executor")
        if executor is None:
            raise TypeError(
                "run_tasks() needs the run this context belongs to: call it inside a task run by "
                "inv or an Executor, or use Executor(collection, config).run_tasks(...)"
            )
        return executor.run_tasks(*tasks, config=self.config)  # type: ignore[no-any-return]

    def sudo(self, command: str, **kwargs: Any) -> Result:
        """Run ``command`` through ``sudo``, answering its password prompt.

        ``password`` and ``user`` default to ``config.sudo.password`` and
        ``config.sudo.user``; a rejected password raises `AuthFailure`.
        Inside `cd`/`prefix` blocks the directory change and prefixes run
        under sudo as well (in ``config.run.shell``).
        """
        runner = self.config.runners.local(self)
        return self._sudo(runner, command, **kwargs)

    def _sudo(self, runner: Runner, command: str, **kwargs: Any) -> Result:
        """Build the sudo command line and its password responder, then run it.

        Inside `cd`/`prefix` blocks the command becomes ``<shell> -c '<cd ...
        && prefix && command>'`` so every part of it runs under sudo.
        """
        from .watchers import FailingResponder

        prompt = self.config.sudo.prompt
        password = kwargs.pop("password", self.config.sudo.password)
        user = kwargs.pop("user", self.config.sudo.user)
        env = kwargs.get("env", {})
        user_flags = "" if user is None else f"-H -u {user} "
        env_flags = ""
        if env:
            env_flags = f"--preserve-env='{','.join(env.keys())}' "
        composed = self._prefix_commands(command)
        if composed != command:
            # sudo runs a program, not shell syntax: "sudo cd /x && ls" would
            # look for a program named cd, then run ls unprivileged. The whole
            # chain runs in a shell as the target user instead.
            import shlex

            shell = kwargs.get("shell") or self.config.run.shell
            command = f"{shell} -c {shlex.quote(composed)}"
        cmd_str = f"sudo -S -p '{prompt}' {env_flags}{user_flags}{command}"
        watcher = FailingResponder(
            pattern=re.escape(prompt),
            response=f"{password}\n",
            sentinel=_SUDO_REJECTED,
        )
        # Never append to the configured list itself: that would leak the
        # responder (and the password) into every later command.
        watchers = list(kwargs.pop("watchers", self.config.run.watchers))
        watchers.append(watcher)
        try:
            return runner.run(cmd_str, watchers=watchers, **kwargs)
        except Failure as failure:
            if isinstance(failure.reason, ResponseNotAccepted):
                raise AuthFailure(result=failure.result, prompt=prompt) from failure
            raise

    def _prefix_commands(self, command: str) -> str:
        """Return ``command`` preceded by the current ``cd`` and `prefix` commands."""
        prefixes = list(self.command_prefixes)
        current_directory = self.cwd
        if current_directory:
            prefixes.insert(0, f"cd {current_directory}")
        return " && ".join(prefixes + [command])

    @contextmanager
    def prefix(self, command: str) -> Generator[None, None, None]:
        """Run ``command`` (joined with ``&&``) before every command inside the block."""
        self.command_prefixes.append(command)
        try:
            yield
        finally:
            self.command_prefixes.pop()

    @property
    def cwd(self) -> str:
        """The directory commands run in, from the enclosing `cd` blocks ('' when none)."""
        if not self.command_cwds:
            return ""
        # The innermost absolute (or ~) path resets everything before it.
        start = 0
        for index in range(len(self.command_cwds) - 1, -1, -1):
            if self.command_cwds[index].startswith(("/", "~")):
                start = index
                break
        paths = [path.replace(" ", r"\ ") for path in self.command_cwds[start:]]
        return os.path.join(*paths)

    @contextmanager
    def cd(self, path: Union[os.PathLike, str]) -> Generator[None, None, None]:
        """Run the commands inside the block in ``path`` (``cd path && ...``); nestable."""
        self.command_cwds.append(os.fspath(path) if isinstance(path, os.PathLike) else str(path))
        try:
            yield
        finally:
            self.command_cwds.pop()


class _ResultSource:
    """The canned results for one command (or for any command): one or several."""

    def __init__(self, results: List[Result], repeat: bool) -> None:
        self.results = results
        self.repeat = repeat
        self.position = 0

    def next_result(self) -> Optional[Result]:
        """Return the next result, cycling when repeating; None once used up."""
        if self.position >= len(self.results):
            if not self.repeat or not self.results:
                return None
            self.position = 0
        result = self.results[self.position]
        self.position += 1
        return result


class MockContext(Context):
    """A `Context` whose ``run``/``sudo`` return canned results instead of running.

    ``run=``/``sudo=`` take a `Result`, a str (its stdout), a bool (exit 0
    or 1), an iterable of those (returned in turn), or a dict mapping exact
    commands or compiled regexes to any of those. With ``repeat=True`` (the
    default) results are reused; with ``repeat=False`` each is used once.
    ``run``/``sudo`` are ``unittest.mock.Mock`` objects wrapping the real
    methods, so ``c.run.call_args`` and ``c.run.mock_calls`` work.
    """

    def __init__(self, config: Optional[Config] = None, **kwargs: Any) -> None:
        """Set up canned results; see the class docstring for the accepted forms."""
        # Imported here: unittest.mock is slow to import and only tests need it.
        from unittest.mock import Mock

        super().__init__(config)
        repeat = kwargs.pop("repeat", True)
        results: Dict[str, Any] = {}
        for method in ("run", "sudo"):
            if method in kwargs:
                results[method] = self._sources_for(kwargs.pop(method), bool(repeat))
        if kwargs:
            unknown = ", ".join(sorted(kwargs))
            raise TypeError(
                f"MockContext() got unexpected keyword arguments: {unknown} "
                "(expected config, run, sudo, repeat)"
            )
        self._set(_repeat=bool(repeat), _results=results)
        for method in ("run", "sudo"):
            self._set(method, Mock(wraps=getattr(self, method)))

    def _normalize(self, value: Any) -> Iterator[Any]:
        """Turn one user-given value (or iterable of them) into `Result` objects."""
        if isinstance(value, (Result, str, bool)):
            items: Iterable[Any] = [value]
        elif isinstance(value, (dict, bytes)) or not isinstance(value, Iterable):
            raise TypeError(f"Not sure how to yield results from a {type(value)}")
        else:
            items = value
        for item in items:
            if isinstance(item, Result):
                yield item
            elif isinstance(item, str):
                yield Result(stdout=item)
            elif isinstance(item, bool):
                yield Result(exited=0 if item else 1)
            else:
                raise TypeError(f"Not sure how to yield results from a {type(item)}")

    def _sources_for(self, value: Any, repeat: bool) -> Any:
        """Build the lookup for one method: a dict of sources, or one source."""
        if isinstance(value, dict):
            return {
                key: _ResultSource(list(self._normalize(item)), repeat)
                for key, item in value.items()
            }
        return _ResultSource(list(self._normalize(value)), repeat)

    def _yield_result(self, attname: str, command: str) -> Result:
        """Return the canned result of ``attname`` (run/sudo) for ``command``."""
        results = self._results.get(attname)
        source = None
        if isinstance(results, dict):
            source = results.get(command)
            if source is None:
                for key, candidate in results.items():
                    if isinstance(key, re.Pattern) and key.match(command):
                        source = candidate
                        break
        else:
            source = results
        result = None if source is None else source.next_result()
        if result is None:
            error = NotImplementedError(command)
            _add_note(error, self._unexpected(attname, command, results, source))
            raise error
        if not result.command:
            result.command = command
        return result

    @staticmethod
    def _unexpected(attname: str, command: str, results: Any, source: Any) -> str:
        """Explain why ``command`` has no canned result."""
        if source is not None:
            if not source.results:
                keyed = f" for {command!r}" if isinstance(results, dict) else ""
                return f"MockContext: no {attname} results were given{keyed} (an empty iterable)"
            return f"MockContext: results for {attname}({command!r}) are used up (repeat=False)"
        if isinstance(results, dict) and results:
            # Patterns are shown as re.compile(...) so they can't pass for commands.
            known = ", ".join(repr(key) for key in results)
            return f"MockContext has no {attname} result for {command!r}; it knows: {known}"
        return (
            f"MockContext has no {attname} result for {command!r}; "
            f"pass MockContext({attname}=...) or use set_result_for()"
        )

    def run(self, command: str, *args: Any, **kwargs: Any) -> Result:  # type: ignore[override]
        """Return the canned result for ``command`` (nothing is executed)."""
        return self._yield_result("run", command)

    def sudo(self, command: str, *args: Any, **kwargs: Any) -> Result:  # type: ignore[override]
        """Return the canned sudo result for ``command`` (nothing is executed)."""
        return self._yield_result("sudo", command)

    def set_result_for(self, attname: str, command: str, result: Result) -> None:
        """Add or replace the canned result of ``attname`` (run/sudo) for ``command``.

        Only works when that method's results were given as a dict.
        """
        results = self._results.get(attname)
        if not isinstance(results, dict):
            raise TypeError("Can't update results for non-dict or nonexistent mock results!")
        results[command] = _ResultSource(list(self._normalize(result)), self._repeat)


def _add_note(error: BaseException, note: str) -> None:
    """Attach ``note`` to ``error`` so tracebacks show it below the message.

    The message itself stays exactly the command (test suites written for
    Invoke compare ``str(error)`` with it); Python 3.11+ prints notes, and
    on older versions ``__notes__`` is still there for tools to read.
    """
    if hasattr(error, "add_note"):
        error.add_note(note)
    else:
        error.__notes__ = [*getattr(error, "__notes__", []), note]  # type: ignore[attr-defined]
