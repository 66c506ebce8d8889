"""The ``inv`` core flags: names, kinds and defaults are Invoke's; help text is ours."""

from __future__ import annotations

from typing import TYPE_CHECKING, List

if TYPE_CHECKING:
    from ..parser import Argument

# Core flags that act before the tasks module is loaded (or before anything
# is parsed): given after a task name they could not take effect.
# The ``--output-mode`` values (``invoke/_jobs/output.py`` implements them).
OUTPUT_MODES = ("prefixed", "grouped", "raw")
EARLY_ONLY = ("collection", "search-root", "version", "print-completion-script", "write-pyc")

# String values ``--hide`` understands (the runner's ``hide`` option).
HIDE_VALUES = ("out", "stdout", "err", "stderr", "both")


def core_arguments() -> List["Argument"]:
    """The flags every Invoke-based program has, before task names."""
    from ..parser import Argument

    return [
        Argument(
            names=("command-timeout", "T"),
            kind=int,
            help="Stop commands running over INT seconds.",
        ),
        Argument(
            names=("complete",),
            kind=bool,
            default=False,
            help="Print completions for shell scripts.",
        ),
        Argument(
            names=("config", "f"),
            help="Read this runtime config file.",
        ),
        Argument(
            names=("debug", "d"),
            kind=bool,
            default=False,
            help="Debug logging and full tracebacks.",
        ),
        Argument(
            names=("dry", "R"),
            kind=bool,
            default=False,
            help="Print commands instead of running them.",
        ),
        Argument(
            names=("echo", "e"),
            kind=bool,
            default=False,
            help="Print each command before running it.",
        ),
        Argument(
            names=("help", "h"),
            optional=True,
            help="Core help, or help for the named task.",
        ),
        Argument(
            names=("hide",),
            help="Hide command output: out, err or both.",
        ),
        Argument(
            names=("jobs", "j"),
            kind=int,
            help="Run up to INT tasks at once; tasks named together may overlap.",
        ),
        Argument(
            names=("keep-going",),
            kind=bool,
            default=False,
            help="With -j, run what does not depend on a failed task.",
        ),
        Argument(
            names=("list", "l"),
            optional=True,
            help="List tasks, or one namespace's tasks.",
        ),
        Argument(
            names=("list-depth", "D"),
            kind=int,
            default=0,
            help="Expand only INT levels of --list.",
        ),
        Argument(
            names=("list-format", "F"),
            help="--list style: flat, nested or json.",
            default="flat",
        ),
        Argument(
            names=("output-mode",),
            help="With -j: prefixed (default), grouped or raw output.",
        ),
        Argument(
            names=("print-completion-script",),
            kind=str,
            default="",
            help="Print the completion script for bash, zsh or fish.",
        ),
        Argument(
            names=("prompt-for-sudo-password",),
            kind=bool,
            default=False,
            help="Ask for the sudo password up front.",
        ),
        Argument(
            names=("pty", "p"),
            kind=bool,
            default=False,
            help="Run commands in a pseudo-terminal.",
        ),
        Argument(
            names=("version", "V"),
            kind=bool,
            default=False,
            help="Print the version and exit.",
        ),
        Argument(
            names=("warn-only", "w"),
            kind=bool,
            default=False,
            help="Warn, don't stop, when a command fails.",
        ),
        Argument(
            names=("write-pyc",),
            kind=bool,
            default=False,
            help="Allow .pyc files for tasks modules.",
        ),
    ]


def task_loading_arguments() -> List["Argument"]:
    """The flags that only make sense when tasks are loaded from files."""
    from ..parser import Argument

    return [
        Argument(
            names=("collection", "c"),
            help="Load tasks from this module name.",
        ),
        Argument(
            names=("no-dedupe",),
            kind=bool,
            default=False,
            help="Run duplicate task calls every time.",
        ),
        Argument(
            names=("search-root", "r"),
            help="Directory to start the tasks search in.",
        ),
    ]
