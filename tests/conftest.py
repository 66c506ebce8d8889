"""Test-suite wide fixtures.

``cli`` runs the ``inv`` program in-process and returns what a user would
see::

    def test_lists_tasks(cli):
        result = cli("inv --list", project="cli/flat")
        assert result.code == 0
        assert "build" in result.stdout

``project`` is a directory under ``tests/_support`` (or any absolute path);
it becomes the working directory for the run. Each run gets a fresh
`Program` configured like the real ``inv``, an empty ``HOME`` and no
``INVOKE_*`` environment variables (pass ``env={...}`` to add some), and
leaves ``sys.path``, ``sys.modules`` and the working directory as it found
them.
"""

from __future__ import annotations

import io
import os
import shlex
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Union

import pytest

SUPPORT = Path(__file__).parent / "_support"


@dataclass
class CliResult:
    """What one ``inv`` run printed, and how it exited."""

    stdout: str
    stderr: str
    code: int

    @property
    def exit_code(self) -> int:
        return self.code


def make_program(**kwargs: Any) -> Any:
    """A `Program` set up exactly like the one behind the real ``inv``."""
    from invoke import __version__
    from invoke.program import Program

    options: Dict[str, Any] = dict(
        name="Invoke", binary="inv[oke]", binary_names=["invoke", "inv"], version=__version__
    )
    options.update(kwargs)
    return Program(**options)


def _argv(argv: Union[str, List[str]]) -> List[str]:
    """Shell-split a string argv; its first word is the program name, as in ``sys.argv``."""
    return shlex.split(argv) if isinstance(argv, str) else list(argv)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., CliResult]]:
    """Run ``inv`` in-process: ``cli(argv, project=None, env=None, program=None)``."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for key in list(os.environ):
        if key.startswith("INVOKE_"):
            monkeypatch.delenv(key)
    saved_path = list(sys.path)
    saved_modules = set(sys.modules)
    saved_cwd = os.getcwd()
    saved_bytecode = sys.dont_write_bytecode
    saved_prefix = sys.pycache_prefix

    def run(
        argv: Union[str, List[str]],
        project: Optional[Union[str, Path]] = None,
        env: Optional[Dict[str, str]] = None,
        program: Any = None,
    ) -> CliResult:
        where = tmp_path if project is None else Path(project)
        if not where.is_absolute():
            where = SUPPORT / where
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        if program is None:
            program = make_program()
        out, err = io.StringIO(), io.StringIO()
        code = 0
        os.chdir(where)
        try:
            with redirect_stdout(out), redirect_stderr(err):
                try:
                    program.run(_argv(argv))
                except SystemExit as stop:
                    code = _exit_code(stop.code, err)
        finally:
            os.chdir(saved_cwd)
            _forget_modules(saved_modules, [SUPPORT, tmp_path, where])
            sys.path[:] = saved_path
            sys.dont_write_bytecode = saved_bytecode
            sys.pycache_prefix = saved_prefix
            for key in (env or {}):
                monkeypatch.delenv(key, raising=False)
        return CliResult(out.getvalue(), err.getvalue(), code)

    yield run
    os.chdir(saved_cwd)


def _exit_code(code: Any, err: io.StringIO) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    err.write(f"{code}\n")
    return 1


def _forget_modules(keep: set, roots: List[Path]) -> None:
    """Drop modules a run imported from fixture projects, so the next run re-imports them.

    Library modules imported along the way stay: re-importing those would
    create second copies of shared state (logging, getpass...).
    """
    prefixes = tuple(str(root) + os.sep for root in roots)
    for name in list(sys.modules):
        if name in keep:
            continue
        path = getattr(sys.modules[name], "__file__", None) or ""
        if path.startswith(prefixes):
            del sys.modules[name]
