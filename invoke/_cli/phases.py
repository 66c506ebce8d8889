"""Pieces of `Program`'s phases that need no program state.

Kept apart so `invoke.program` stays a readable list of phases.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, List, Optional, Set

from ..exceptions import Exit, ParseError
from .core_flags import EARLY_ONLY, HIDE_VALUES, OUTPUT_MODES


def unknown_message(name: str, known: List[str]) -> str:
    """``No idea what 'x' is!``, plus a ``Did you mean`` line when a known name is close."""
    import difflib

    # Quoted as typed, like upstream's --help message (the parser's own
    # unknown-word message uses repr; that difference is upstream's too).
    message = f"No idea what '{name}' is!"
    close = difflib.get_close_matches(name, known, n=1)
    if close:
        message += f"\nDid you mean {close[0]!r}?"
    return message


def named_contexts(collection: Any, words: Set[str], ignore_unknown_help: Optional[bool]) -> Optional[List[Any]]:
    """Parser contexts for the tasks named in ``words``; None when that shortcut is unsafe.

    Only a plain `Collection` is known to build contexts this way; a
    subclass overriding ``to_contexts`` gets its own method called.
    """
    from ..collection import Collection
    from ..parser import ParserContext

    if type(collection).to_contexts is not Collection.to_contexts:
        return None
    contexts = []
    for name, aliases in collection.task_names.items():
        if name in words or any(alias in words for alias in aliases):
            task = collection[name]
            try:
                args = task.get_arguments(ignore_unknown_help=ignore_unknown_help)
            except (TypeError, ValueError) as error:
                raise TaskDefinitionError(f"Task {name!r}: {error}") from error
            contexts.append(ParserContext(name=name, aliases=aliases, args=args))
    return contexts


class TaskDefinitionError(ValueError):
    """A task's flags cannot be built (bad ``help`` keys, clashing names...); names the task."""


def late_core_flag_error(result: Any, binary: str) -> Optional[str]:
    """The error for a core flag given after a task name where it cannot act, if any.

    ``result`` is the task-part `ParseResult`, which records the core flags
    seen after task names (as spelled, and their arguments).
    """
    spelled = list(getattr(result, "core_flags_after_tasks", None) or ())
    arguments = list(getattr(result, "core_after_tasks", None) or ())
    for flag, argument in zip(spelled, arguments):
        if argument.name in EARLY_ONLY:
            return (
                f"Core flag {flag!r} acts before tasks are loaded; "
                f"give it before the first task name (e.g. '{binary} {flag} ...')."
            )
    return None


def config_overrides(args: Any) -> Dict[str, Dict[str, Any]]:
    """The config overrides the core flags in ``args`` ask for.

    Raises `ParseError` for a ``--hide`` value the runner would reject, and
    `Exit` when the ``--prompt-for-sudo-password`` prompt gets no answer.
    """
    run: Dict[str, Any] = {}
    if args["warn-only"].value:
        run["warn"] = True
    if args.pty.value:
        run["pty"] = True
    hide = args.hide.value
    if hide:
        if hide not in HIDE_VALUES:
            raise ParseError(
                f"Invalid value for --hide: {hide!r} (choose one of: {', '.join(HIDE_VALUES)})."
            )
        run["hide"] = hide
    if args.echo.value:
        run["echo"] = True
    if args.dry.value:
        run["dry"] = True
    tasks: Dict[str, Any] = {}
    if "no-dedupe" in args and args["no-dedupe"].value:
        tasks["dedupe"] = False
    jobs = args.jobs.value if "jobs" in args else None
    if jobs is not None:
        if jobs < 1:
            raise ParseError(f"Invalid value for --jobs: {jobs} (give 1 or more tasks at once).")
        tasks["jobs"] = jobs
    if "keep-going" in args and args["keep-going"].value:
        tasks["keep_going"] = True
    mode = args["output-mode"].value if "output-mode" in args else None
    if mode is not None:
        if mode not in OUTPUT_MODES:
            raise ParseError(
                f"Invalid value for --output-mode: {mode!r} (choose one of: {', '.join(OUTPUT_MODES)})."
            )
        tasks["output_mode"] = mode
    timeouts: Dict[str, Any] = {}
    timeout = args["command-timeout"].value
    if timeout:
        timeouts["command"] = timeout
    sudo: Dict[str, Any] = {}
    if args["prompt-for-sudo-password"].value:
        import getpass

        try:
            sudo["password"] = getpass.getpass("Desired 'sudo.password' config value: ")
        except EOFError:  # stdin at its end, or Ctrl-D at the prompt
            raise Exit(
                "No sudo password given: input ended at the --prompt-for-sudo-password prompt.",
                code=1,
            ) from None
    return {"run": run, "tasks": tasks, "sudo": sudo, "timeouts": timeouts}


def keep_bytecode_out_of_the_project() -> None:
    """Cache compiled tasks modules in the user's cache directory, not the project.

    Upstream turns bytecode writing off so that ``inv`` never litters a
    project with ``__pycache__`` folders; the price is recompiling the
    tasks file on every run (most of ``inv --list``'s time on a big one).
    Writing it under ``$XDG_CACHE_HOME/invoke/pycache`` (default
    ``~/.cache``) keeps the project just as clean and the next run fast.
    A prefix the user chose (``PYTHONPYCACHEPREFIX``) or a refusal to write
    bytecode (``PYTHONDONTWRITEBYTECODE``) is respected; an unwritable
    cache directory only means Python skips the write.
    """
    if sys.dont_write_bytecode or sys.pycache_prefix is not None:
        return
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    sys.pycache_prefix = os.path.join(base, "invoke", "pycache")


def bytecode_wanted(config: Any, runtime_path: Optional[str]) -> bool:
    """Whether config asks for bytecode next to the tasks files (``tasks.write_pyc``).

    Tasks files load before the runtime file (``-f``) and env vars are
    merged into the program's config, so those two are read here on the
    side, without touching the config (or building another one: Fabric's
    loads its ssh config files when made). The env var is read directly
    because ``write_pyc`` has no default (upstream's defaults have no such
    key). A broken runtime file answers no here and is reported when the
    run's config is really loaded.
    """
    tasks = config.get("tasks", {})
    wanted = tasks.get("write_pyc", False) if hasattr(tasks, "get") else False
    if runtime_path is not None and os.path.isfile(runtime_path):
        try:
            data = config._load_path(runtime_path, missing_ok=True) or {}
        except Exception:
            return False
        section = data.get("tasks") if isinstance(data, dict) else None
        if isinstance(section, dict) and "write_pyc" in section:
            wanted = section["write_pyc"]
    from_env = os.environ.get(f"{getattr(config, '_env_prefix', 'INVOKE_')}TASKS_WRITE_PYC")
    if from_env is not None:
        wanted = from_env not in ("0", "")
    return wanted is True
