"""Reading configuration files (YAML, JSON, Python, pyproject.toml) into dicts.

Every problem with a file the user gave becomes a `ConfigFileError` (or
`UnknownFileType`) whose text is one line naming the file, so the CLI can
print it as is.
"""

from __future__ import annotations

import os
import sys
import types
from typing import Any, Dict, Optional

from ..exceptions import UnpicklableConfigMember
from ..util import debug


class ConfigFileError(Exception):
    """A configuration file is missing, unreadable or malformed; str() is one line."""


def _one_line(text: object) -> str:
    """Collapse a parser's multi-line explanation into one line."""
    return " ".join(part.strip() for part in str(text).splitlines() if part.strip())


def _read_bytes(path: str) -> bytes:
    """Return the file's bytes; a missing file raises FileNotFoundError for callers to skip."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise ConfigFileError(f"Cannot read config file {path!r}: {exc}") from exc


def _read_text(path: str) -> str:
    """Return the file's UTF-8 text, without the byte-order mark some Windows editors add."""
    data = _read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigFileError(f"Cannot read config file {path!r}: {exc}") from exc


def _require_mapping(data: Any, path: str) -> Dict[str, Any]:
    """Accept an empty file as no settings; anything but a mapping is an error."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigFileError(
            f"Config file {path!r} must contain a mapping of settings at the top "
            f"level, not a {type(data).__name__}"
        )
    return data


def read_yaml(path: str) -> Dict[str, Any]:
    """Parse a YAML config file with ``yaml.safe_load``."""
    text = _read_text(path)
    try:
        import yaml  # only paid for when a YAML file exists
    except ImportError:
        raise ConfigFileError(
            f"Config file {path!r} is YAML, which needs the PyYAML package (pip install PyYAML)"
        ) from None

    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = exc.problem or exc.context or "invalid YAML"
        raise ConfigFileError(
            f"Config file {path!r} has a syntax error{where}: {_one_line(problem)}"
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigFileError(
            f"Config file {path!r} has a syntax error: {_one_line(exc)}"
        ) from exc
    return _require_mapping(data, path)


def read_json(path: str) -> Dict[str, Any]:
    """Parse a JSON config file."""
    text = _read_text(path)
    import json  # only paid for when a JSON file exists

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigFileError(
            f"Config file {path!r} has a syntax error at line {exc.lineno}: {exc.msg}"
        ) from exc
    return _require_mapping(data, path)


def load_source(name: str, path: str) -> Dict[str, Any]:
    """Run the Python file at ``path`` as module ``name``; return its globals minus dunders."""
    # Compiled from bytes so a byte-order mark or coding line is honoured, as on import.
    source = _read_bytes(path)
    module = types.ModuleType(name)
    module.__file__ = path
    try:
        code = compile(source, path, "exec")
    except SyntaxError as exc:
        raise ConfigFileError(
            f"Config file {path!r} has a syntax error at line {exc.lineno}: {exc.msg}"
        ) from exc
    try:
        exec(code, module.__dict__)
    except Exception as exc:
        line = _failing_line(exc, path)
        where = f" at line {line}" if line is not None else ""
        raise ConfigFileError(
            f"Config file {path!r} failed{where}: {type(exc).__name__}: {_one_line(exc)}"
        ) from exc
    return {
        key: value
        for key, value in vars(module).items()
        if not (key.startswith("__") and key.endswith("__"))
    }


def _failing_line(exc: BaseException, path: str) -> Optional[int]:
    """Return the line of ``path`` where ``exc`` was raised, if it was raised there."""
    import traceback

    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == path:
            line = frame.lineno
    return line


def read_py(path: str) -> Dict[str, Any]:
    """Load a Python config file; its module-level names are the settings."""
    data = load_source("config", path)
    for key, value in data.items():
        if isinstance(value, types.ModuleType):
            raise UnpicklableConfigMember(
                f"{key!r} is a module, which can't be used as a config value. "
                "(Are you perhaps giving a tasks file instead of a config file by mistake?)"
            )
    return data


def _toml_module() -> Optional[Any]:
    """Return a TOML parser module (tomllib, or tomli before 3.11), or None."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    try:
        import tomli  # type: ignore[import-not-found]
    except ImportError:
        return None
    return tomli


def read_pyproject_table(path: str, table: str) -> Dict[str, Any]:
    """Return the ``[tool.<table>]`` table of a pyproject.toml, or {} when absent.

    A missing file raises FileNotFoundError like the other readers.
    """
    text = _read_text(path)
    toml = _toml_module()
    if toml is None:
        debug(f"Skipping [tool.{table}] in {path}: no TOML parser (Python < 3.11 without tomli)")
        return {}
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError as exc:
        raise ConfigFileError(f"Config file {path!r} has a syntax error: {_one_line(exc)}") from exc
    tool = data.get("tool", {})
    section = tool.get(table, {}) if isinstance(tool, dict) else {}
    if not isinstance(section, dict):
        raise ConfigFileError(f"Config file {path!r}: [tool.{table}] must be a table")
    return section


def expand(path: str) -> str:
    """Expand ``~`` in a config path."""
    return os.path.expanduser(path)
