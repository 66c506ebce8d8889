"""The options of ``run()``: their defaults and how they are resolved.

Keyword arguments win over the configuration's ``run`` section, which
wins over `RUN_DEFAULTS`; unknown names and bad values are rejected here,
before anything starts.
"""

from __future__ import annotations

import os
import sys
from typing import Any, Dict, List, Optional, Tuple

from ..terminals import WINDOWS

# Every run() option and its default, in upstream's order. `Config`'s
# default tree takes its "run" section from here; the runner also falls
# back to it for keys a (subclass's) config leaves out.
RUN_DEFAULTS: Dict[str, Any] = {
    "asynchronous": False,
    "disown": False,
    "dry": False,
    "echo": False,
    "echo_stdin": None,
    "encoding": None,
    "env": {},
    "err_stream": None,
    "fallback": True,
    "hide": None,
    "in_stream": None,
    "out_stream": None,
    "echo_format": "\x1b[1;37m{command}\x1b[0m",
    "pty": False,
    "replace_env": False,
    "shell": "bash",
    "warn": False,
    "watchers": [],
}

_HIDE_VALUES: Tuple[Any, ...] = (None, False, "out", "stdout", "err", "stderr", "both", True)


def copy_environ() -> Dict[str, str]:
    """A plain-dict copy of `os.environ`, made without its per-key overhead."""
    data = getattr(os.environ, "_data", None)
    if not isinstance(data, dict) or WINDOWS:
        return dict(os.environ)
    encoding = sys.getfilesystemencoding()
    try:
        return {
            key.decode(encoding, "surrogateescape"): value.decode(encoding, "surrogateescape")
            for key, value in data.items()
        }
    except AttributeError:  # not bytes: some other mapping stands in
        return dict(os.environ)


def default_encoding() -> str:
    """The encoding used for command output when none is configured."""
    import locale

    return locale.getpreferredencoding(False)


def normalize_hide(
    val: Any, out_stream: Optional[Any] = None, err_stream: Optional[Any] = None
) -> Tuple[str, ...]:
    """Turn a ``hide`` value into the tuple of stream names to hide.

    ``None``/``False`` hide nothing, ``True``/``"both"`` hide both,
    ``"out"``/``"stdout"`` and ``"err"``/``"stderr"`` one stream. A stream
    given its own ``out_stream``/``err_stream`` is never hidden.
    """
    if val not in _HIDE_VALUES:
        raise ValueError(
            f"'hide' got {val!r} which is not in (None, False, 'out', 'stdout', "
            "'err', 'stderr', 'both', True)"
        )
    if val in (None, False):
        hide: List[str] = []
    elif val in ("both", True):
        hide = ["stdout", "stderr"]
    elif val in ("out", "stdout"):
        hide = ["stdout"]
    else:
        hide = ["stderr"]
    if out_stream is not None and "stdout" in hide:
        hide.remove("stdout")
    if err_stream is not None and "stderr" in hide:
        hide.remove("stderr")
    return tuple(hide)


def merge_run_options(config: Any, kwargs: Any) -> Tuple[Dict[str, Any], bool]:
    """Resolve one run's options from ``kwargs`` over ``config``.

    Returns the options (``hide`` normalized, ``timeout`` included) and
    whether ``echo`` may print (a literal ``hide=True`` silences it).
    Raises `TypeError` for unknown keyword arguments or a bad timeout,
    `ValueError` for a bad ``hide``.
    """
    # One plain copy: proxy lookups per key add up on short commands.
    run_config = dict(config.run.items())
    known = list(RUN_DEFAULTS)
    known.extend(key for key in run_config.keys() if key not in RUN_DEFAULTS)
    kwargs = dict(kwargs)
    opts: Dict[str, Any] = {}
    for key in known:
        if key in kwargs:
            opts[key] = kwargs.pop(key)
        elif key in run_config:
            opts[key] = run_config[key]
        else:
            opts[key] = RUN_DEFAULTS[key]
    timeout = kwargs.pop("timeout", None)
    if kwargs:
        names = sorted(kwargs)
        if len(names) == 1:
            raise TypeError(f"run() got an unexpected keyword argument {names[0]!r}")
        listed = ", ".join(repr(name) for name in names)
        raise TypeError(f"run() got unexpected keyword arguments {listed}")
    if timeout is None:
        timeouts = config.get("timeouts", None) if hasattr(config, "get") else None
        if timeouts is not None:
            timeout = timeouts.get("command", None)
    if timeout is None:
        # ``run.timeout`` in a config file, below ``timeouts.command`` (-T).
        timeout = opts.pop("timeout", None)
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
            raise TypeError(f"run() timeout must be a number of seconds, not {timeout!r}")
    opts["timeout"] = timeout
    if opts["asynchronous"] and opts["disown"]:
        raise ValueError("Cannot give both 'asynchronous' and 'disown' at the same time!")
    if opts["dry"]:
        opts["echo"] = True
    out_stream, err_stream = opts["out_stream"], opts["err_stream"]
    # Echo is decided on the raw value: a literal hide=True silences it.
    echo_allowed = opts["hide"] is not True
    if opts["asynchronous"]:
        # A background command is cut off from our terminal, as in
        # Invoke: no output shown, no keys read, unless streams were
        # given explicitly.
        normalize_hide(opts["hide"])  # still reject a bad value
        opts["hide"] = True
        if opts["in_stream"] is None:
            opts["in_stream"] = False
    opts["hide"] = normalize_hide(opts["hide"], out_stream, err_stream)
    return opts, echo_allowed
