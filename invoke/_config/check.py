"""Checks of the settings whose type Invoke knows, level by level.

A bad value in a config file or env var (``run: {hide: bogus}``,
``tasks: {dedupe: maybe}``, a shell that does not exist) would otherwise
surface as a traceback in the middle of a run, or be taken as something
else without a word. `check_levels` looks at each level's own data, so the
error can say where the value came from, and runs before any task does.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Dict, Iterable, Optional, Tuple

# The levels a user writes; defaults are ours, overrides come from parsed
# flags and modifications from code, which run() checks when it is called.
FILE_LEVELS = ("_system", "_user", "_project", "_runtime")
TASK_LEVELS = ("_collection", "_env")

_HIDE = (None, False, True, "out", "stdout", "err", "stderr", "both")


_DESCRIPTIONS = {
    "_system": "system config file",
    "_user": "user config file",
    "_project": "project config file",
    "_runtime": "runtime config file",
    "_collection": "collection configuration",
    "_env": "environment variables",
}


class SettingError(ValueError):
    """A setting has a value of the wrong kind; the message names it and its source."""


def _bool(value: Any) -> Optional[str]:
    return None if isinstance(value, bool) else "expected true or false"


def _bool_or_none(value: Any) -> Optional[str]:
    return None if value is None or isinstance(value, bool) else "expected true, false or null"


def _text(value: Any) -> Optional[str]:
    return None if isinstance(value, str) else "expected a string"


def _text_or_none(value: Any) -> Optional[str]:
    return None if value is None or isinstance(value, str) else "expected a string or null"


def _seconds(value: Any) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "expected a number of seconds or null"
    return None


def _hide(value: Any) -> Optional[str]:
    # Strings and bools only: 1 == True would otherwise pass for ``true``.
    if (value is None or isinstance(value, (str, bool))) and value in _HIDE:
        return None
    return "expected one of null, false, true, 'out', 'stdout', 'err', 'stderr', 'both'"


def _mapping(value: Any) -> Optional[str]:
    return None if hasattr(value, "keys") and hasattr(value, "items") else "expected a mapping"


def _watchers(value: Any) -> Optional[str]:
    if not isinstance(value, (list, tuple)):
        return "expected a list of stream watchers"
    for item in value:
        if not callable(getattr(item, "submit", None)):
            return f"expected a list of stream watchers, but it holds {item!r}"
    return None


def _reads(value: Any) -> Optional[str]:
    if value is None or value is False or callable(getattr(value, "read", None)):
        return None
    return "expected a readable stream object (set from Python), false or null"


def _writes(value: Any) -> Optional[str]:
    if value is None or callable(getattr(value, "write", None)):
        return None
    return "expected a writable stream object (set from Python) or null"


def _encoding(value: Any) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str):
        return "expected the name of an encoding or null"
    import codecs

    try:
        codecs.lookup(value)
    except LookupError:
        return "expected the name of an encoding Python knows"
    return None


def _shell(value: Any) -> Optional[str]:
    if not isinstance(value, str) or not value:
        return "expected the path or name of a shell"
    if os.sep in value:
        if os.path.isfile(value) and os.access(value, os.X_OK):
            return None
        return "that shell does not exist or is not executable"
    import shutil

    return None if shutil.which(value) else "no such shell on PATH"


def _jobs(value: Any) -> Optional[str]:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return "expected a whole number of tasks at once, 1 or more"
    return None


def _output_mode(value: Any) -> Optional[str]:
    return None if value in ("prefixed", "grouped", "raw") else "expected one of 'prefixed', 'grouped', 'raw'"


_CHECKS: Dict[Tuple[str, str], Callable[[Any], Optional[str]]] = {
    ("run", "asynchronous"): _bool,
    ("run", "disown"): _bool,
    ("run", "dry"): _bool,
    ("run", "echo"): _bool,
    ("run", "echo_format"): _text,
    ("run", "echo_stdin"): _bool_or_none,
    ("run", "encoding"): _encoding,
    ("run", "env"): _mapping,
    ("run", "err_stream"): _writes,
    ("run", "fallback"): _bool,
    ("run", "hide"): _hide,
    ("run", "in_stream"): _reads,
    ("run", "out_stream"): _writes,
    ("run", "pty"): _bool,
    ("run", "replace_env"): _bool,
    ("run", "shell"): _shell,
    ("run", "timeout"): _seconds,
    ("run", "warn"): _bool,
    ("run", "watchers"): _watchers,
    ("sudo", "password"): _text_or_none,
    ("sudo", "prompt"): _text,
    ("sudo", "user"): _text_or_none,
    ("tasks", "auto_dash_names"): _bool,
    ("tasks", "collection_name"): _text,
    ("tasks", "dedupe"): _bool,
    ("tasks", "ignore_unknown_help"): _bool,
    ("tasks", "jobs"): _jobs,
    ("tasks", "keep_going"): _bool,
    ("tasks", "output_mode"): _output_mode,
    ("tasks", "search_root"): _text_or_none,
    ("tasks", "write_pyc"): _bool,
    ("timeouts", "command"): _seconds,
}


def check_levels(config: Any, levels: Iterable[str]) -> None:
    """Raise `SettingError` for the first known setting with a bad value in ``levels``.

    ``config`` is a `Config`; each level is read as it was loaded, before
    merging, so the message can name the file or env var it came from.
    """
    for attr in levels:
        data = getattr(config, attr, None)
        if not data:
            continue
        for (section, key), check in _CHECKS.items():
            part = data.get(section)
            if not isinstance(part, dict) or key not in part:
                continue
            value = part[key]
            problem = check(value)
            if problem is None:
                continue
            if attr == "_env":
                where = f"environment variable {config._env_prefix}{section.upper()}_{key.upper()}"
            else:
                where = f"the {config._describe(attr, _DESCRIPTIONS[attr])}"
            raise SettingError(f"Setting '{section}.{key}' is {value!r} in {where}: {problem}")
