"""The ``inv`` core flags: names, kinds and defaults are Invoke's; help text is ours."""

from __future__ import annotations

from typing import TYPE_CHECKING, List

if TYPE_CHECKING:
    from .parser import Argument

# Core flags that act before the tasks module is loaded (or before anything
# is parsed): given after a task name they could not take effect.
EARLY_ONLY = ("collection", "search-root", "version", "print-completion-script", "write-pyc")

# String values ``--hide`` understands (the runner's ``hide`` option).
HIDE_VALUES = ("out", "stdout", "err", "stderr", "both")


def core_arguments() -> List["Argument"]:
    """The flags every Invoke-based program has, before task names."""
    from .parser import Argument

    return [
        Argument(
            names=("command-timeout", "T"),
            kind=int,
            help="Stop any shell command that runs longer than INT seconds.",
        ),
        Argument(
            names=("complete",),
            kind=bool,
            default=False,
            help="Print the completions for the words after '--' (used by the shell scripts).",
        ),
        Argument(
            names=("config", "f"),
            help="Load this configuration file as the runtime config level.",
        ),
        Argument(
            names=("debug", "d"),
            kind=bool,
            default=False,
            help="Log what Invoke is doing to stderr, and show full tracebacks.",
        ),
        Argument(
            names=("dry", "R"),
            kind=bool,
            default=False,
            help="Print the shell commands tasks would run, without running them.",
        ),
        Argument(
            names=("echo", "e"),
            kind=bool,
            default=False,
            help="Print each shell command before running it.",
        ),
        Argument(
            names=("help", "h"),
            optional=True,
            help="Show this help, or a task's help when given its name, then exit.",
        ),
        Argument(
            names=("hide",),
            help="Hide the output of shell commands: out, err or both.",
        ),
        Argument(
            names=("list", "l"),
            optional=True,
            help="List the tasks (of one namespace, when given), then exit.",
        ),
        Argument(
            names=("list-depth", "D"),
            kind=int,
            default=0,
            help="With --list, expand only the first INT levels of namespaces.",
        ),
        Argument(
            names=("list-format", "F"),
            help="With --list, print as flat (the default), nested or json.",
            default="flat",
        ),
        Argument(
            names=("print-completion-script",),
            kind=str,
            default="",
            help="Print a tab-completion script for bash, zsh or fish, then exit.",
        ),
        Argument(
            names=("prompt-for-sudo-password",),
            kind=bool,
            default=False,
            help="Ask for the sudo password once, before any task runs.",
        ),
        Argument(
            names=("pty", "p"),
            kind=bool,
            default=False,
            help="Run shell commands in a pseudo-terminal.",
        ),
        Argument(
            names=("version", "V"),
            kind=bool,
            default=False,
            help="Print the program's version, then exit.",
        ),
        Argument(
            names=("warn-only", "w"),
            kind=bool,
            default=False,
            help="Report failing shell commands but keep going.",
        ),
        Argument(
            names=("write-pyc",),
            kind=bool,
            default=False,
            help="Let Python write .pyc files for the tasks modules it imports.",
        ),
    ]


def task_loading_arguments() -> List["Argument"]:
    """The flags that only make sense when tasks are loaded from files."""
    from .parser import Argument

    return [
        Argument(
            names=("collection", "c"),
            help="Load the tasks module with this name instead of 'tasks'.",
        ),
        Argument(
            names=("no-dedupe",),
            kind=bool,
            default=False,
            help="Run every task as often as it is named, even duplicates.",
        ),
        Argument(
            names=("search-root", "r"),
            help="Start looking for the tasks module in this directory.",
        ),
    ]
