"""`Config`: Invoke's settings, merged from nine levels into one tree.

Levels, lowest first: defaults, collection, system file, user file, project
file (plus ``[tool.invoke]`` in pyproject.toml), environment variables,
runtime file (``-f``), overrides (CLI flags), and changes made at run time.
"""

from __future__ import annotations

import os
import sys
from os.path import expanduser
from typing import Any, Callable, Dict, Optional, Tuple, Type, Union

from ._config.files import (
    ConfigFileError,
    load_source,
    read_json,
    read_py,
    read_pyproject_table,
    read_yaml,
)
from ._config.merge import (
    AmbiguousMergeError,
    _format_mismatch,
    _merge_error,
    copy_dict,
    _copy_tree,
    excise,
    merge_dicts,
    obliterate,
)
from ._config.proxy import DataProxy
from .env import Environment
from .exceptions import UnknownFileType, UnpicklableConfigMember
from .runners import RUN_DEFAULTS, Local
from .util import debug

WINDOWS = sys.platform == "win32"

__all__ = [
    "AmbiguousMergeError",
    "Config",
    "ConfigFileError",
    "DataProxy",
    "Environment",
    "Local",
    "UnknownFileType",
    "UnpicklableConfigMember",
    "WINDOWS",
    "copy_dict",
    "excise",
    "load_source",
    "merge_dicts",
    "obliterate",
    "_format_mismatch",
    "_merge_error",
]

# The levels, lowest precedence first, with how errors should describe them.
_LEVELS: Tuple[Tuple[str, str], ...] = (
    ("_defaults", "defaults"),
    ("_collection", "collection configuration"),
    ("_system", "system config file"),
    ("_user", "user config file"),
    ("_project", "project config file"),
    ("_env", "environment variables"),
    ("_runtime", "runtime config file"),
    ("_overrides", "overrides"),
    ("_modifications", "runtime modifications"),
)


class Config(DataProxy):
    """Invoke's configuration: nine merged levels behind attribute/item access.

    Subclasses change ``prefix`` (Fabric uses ``"fabric"``) to rename the
    config files and environment variables; ``file_prefix`` and
    ``env_prefix`` change just one of the two.
    """

    prefix = "invoke"
    file_prefix: Optional[str] = None
    env_prefix: Optional[str] = None

    @staticmethod
    def global_defaults() -> Dict[str, Any]:
        """Return a fresh copy of Invoke's default settings (override to extend)."""
        shell = os.environ.get("COMSPEC", "cmd.exe") if WINDOWS else "bash"
        return {
            # The run() options are defined once, next to the runner that
            # reads them; the shell default depends on the platform.
            "run": dict(copy_dict(RUN_DEFAULTS), shell=shell),
            # Looked up at call time so tests (and Fabric's) can patch it.
            "runners": {"local": Local},
            "sudo": {
                "password": None,
                "prompt": "[sudo] password: ",
                "user": None,
            },
            "tasks": {
                "auto_dash_names": True,
                "collection_name": "tasks",
                "dedupe": True,
                "executor_class": None,
                "ignore_unknown_help": False,
                "jobs": 1,
                "keep_going": False,
                "output_mode": "prefixed",
                "search_root": None,
            },
            "timeouts": {"command": None},
        }

    def __init__(
        self,
        overrides: Optional[Dict[str, Any]] = None,
        defaults: Optional[Dict[str, Any]] = None,
        system_prefix: Optional[str] = None,
        user_prefix: Optional[str] = None,
        project_location: Optional[Union[os.PathLike, str]] = None,
        runtime_path: Optional[Union[os.PathLike, str]] = None,
        lazy: bool = False,
    ) -> None:
        """Build the config; unless ``lazy``, read the system and user files now."""
        self._set(_config={})
        self._set(_file_suffixes=("yaml", "yml", "json", "py"))
        self._set(_defaults=self.global_defaults() if defaults is None else defaults)
        self._set(_collection={})
        self._set(
            _system_prefix="/etc/" if system_prefix is None else system_prefix,
            _system_path=None,
            _system_found=None,
            _system={},
        )
        self._set(
            _user_prefix="~/." if user_prefix is None else user_prefix,
            _user_path=None,
            _user_found=None,
            _user={},
        )
        self._set(_project_prefix=None, _project_path=None, _project_found=None, _project={})
        self._set(_pyproject_path=None)
        if project_location is not None:
            self.set_project_location(project_location)
        env_prefix = self.env_prefix if self.env_prefix is not None else self.prefix
        self._set(_env_prefix=f"{env_prefix.upper()}_", _env={})
        self._set(_runtime_path=None, _runtime_found=None, _runtime={})
        if runtime_path is not None:
            self.set_runtime_path(runtime_path)
        self._set(_overrides={} if overrides is None else overrides)
        self._set(_modifications={}, _deletions={})
        if not lazy:
            self.load_base_conf_files()
        self.merge()

    # -- loading the levels -------------------------------------------------

    def load_base_conf_files(self) -> None:
        """Read the system and user config files (without merging)."""
        self.load_system(merge=False)
        self.load_user(merge=False)

    def load_defaults(self, data: Dict[str, Any], merge: bool = True) -> None:
        """Replace the defaults level with ``data``."""
        self._set(_defaults=data)
        if merge:
            self.merge()

    def load_overrides(self, data: Dict[str, Any], merge: bool = True) -> None:
        """Replace the overrides level (what CLI flags set) with ``data``."""
        self._set(_overrides=data)
        if merge:
            self.merge()

    def load_collection(self, data: Dict[str, Any], merge: bool = True) -> None:
        """Replace the collection level (a task collection's configuration) with ``data``."""
        self._set(_collection=data)
        if merge:
            self.merge()

    def load_system(self, merge: bool = True) -> None:
        """Read the system-wide file (``/etc/invoke.*``) once."""
        self._load_file(prefix="system", merge=merge)

    def load_user(self, merge: bool = True) -> None:
        """Read the per-user file (``~/.invoke.*``) once."""
        self._load_file(prefix="user", merge=merge)

    def load_project(self, merge: bool = True) -> None:
        """Read the project files next to the tasks file, once.

        ``invoke.*`` wins over ``[tool.invoke]`` in ``pyproject.toml``; keys
        found only in the latter are kept.
        """
        if self._project_prefix is None:
            debug("No project location set; skipping project config")
        else:
            self._load_project_files()
        if merge:
            self.merge()

    def _load_project_files(self) -> None:
        """Read ``invoke.*`` and ``pyproject.toml`` in the project directory, once."""
        first_time = self._project_found is None
        self._load_file(prefix="project", merge=False)
        if first_time:
            self._load_pyproject()

    def _load_pyproject(self) -> None:
        """Put ``[tool.<file prefix>]`` from pyproject.toml under the project file's data."""
        path = expanduser(os.path.join(self._project_prefix, "pyproject.toml"))
        try:
            table = read_pyproject_table(path, self._file_prefix())
        except FileNotFoundError:
            return
        if not table:
            return
        debug(f"Loaded [tool.{self._file_prefix()}] from {path}")
        project = merge_dicts(copy_dict(table), self._project)
        self._set(_project=project, _pyproject_path=path)
        if not self._project_found:
            self._set(_project_found=True, _project_path=path)

    def set_project_location(self, path: Optional[Union[os.PathLike, str]]) -> None:
        """Say which directory holds the project config files (the tasks file's)."""
        prefix = None if path is None else os.path.join(os.fspath(path), "")
        self._set(_project_prefix=prefix, _project_path=None, _project_found=None, _project={})
        self._set(_pyproject_path=None)

    def set_runtime_path(self, path: Optional[Union[os.PathLike, str]]) -> None:
        """Say which file is the runtime config (``-f``); read it with `load_runtime`."""
        self._set(
            _runtime_path=None if path is None else os.fspath(path),
            _runtime_found=None,
            _runtime={},
        )

    def load_runtime(self, merge: bool = True) -> None:
        """Read the runtime config file, once; a missing file is an error."""
        self._load_file(prefix="runtime", absolute=True, merge=merge)

    def load_shell_env(self) -> None:
        """Read ``INVOKE_*`` environment variables for the settings that exist, then merge."""
        # The variables that count are those naming keys known so far.
        self.merge()
        data = Environment(config=self._config, prefix=self._env_prefix).load()
        self._set(_env=data)
        self.merge()

    def _file_prefix(self) -> str:
        """Return the base name of the config files (``file_prefix`` or ``prefix``)."""
        return self.file_prefix if self.file_prefix is not None else self.prefix

    def _load_file(self, prefix: str, absolute: bool = False, merge: bool = True) -> None:
        """Load level ``prefix`` (system/user/project/runtime) from its file, once."""
        found = getattr(self, f"_{prefix}_found")
        if found is None:
            if absolute:
                path = getattr(self, f"_{prefix}_path")
                if path is not None:
                    data = self._load_path(expanduser(path), missing_ok=False)
                    self._set(f"_{prefix}", data)
                    self._set(f"_{prefix}_found", True)
            else:
                self._search_level(prefix)
        if merge:
            self.merge()

    def _search_level(self, prefix: str) -> None:
        """Try each suffix for level ``prefix``; the first file that exists is used."""
        base = getattr(self, f"_{prefix}_prefix")
        if base is None:
            return
        for suffix in self._file_suffixes:
            path = expanduser(f"{base}{self._file_prefix()}.{suffix}")
            data = self._load_path(path, missing_ok=True)
            if data is not None:
                debug(f"Loaded {prefix} config file {path}")
                self._set(f"_{prefix}", data)
                self._set(f"_{prefix}_path", path)
                self._set(f"_{prefix}_found", True)
                return
        self._set(f"_{prefix}_found", False)

    def _load_path(self, path: str, missing_ok: bool) -> Optional[Dict[str, Any]]:
        """Read one file by its extension; None if missing and ``missing_ok``."""
        suffix = os.path.splitext(path)[1].lstrip(".")
        loader: Optional[Callable[[str], Any]] = None
        if suffix in self._file_suffixes:
            loader = getattr(self, f"_load_{suffix}", None)
        if loader is None:
            raise UnknownFileType(
                f"Config files of type {suffix!r} (from file {path!r}) are not "
                f"supported! Please use one of: {self._file_suffixes!r}"
            )
        try:
            data = loader(path)
        except FileNotFoundError:
            if missing_ok:
                return None
            raise ConfigFileError(f"Config file not found: {path!r}") from None
        return {} if data is None else data

    def _load_yaml(self, path: os.PathLike) -> Any:
        """Read a ``.yaml`` file (subclasses may override a format's loader)."""
        return read_yaml(os.fspath(path))

    def _load_yml(self, path: os.PathLike) -> Any:
        """Read a ``.yml`` file."""
        return read_yaml(os.fspath(path))

    def _load_json(self, path: os.PathLike) -> Any:
        """Read a ``.json`` file."""
        return read_json(os.fspath(path))

    def _load_py(self, path: str) -> Dict[str, Any]:
        """Run a ``.py`` file; its module-level names are the settings."""
        return read_py(os.fspath(path))

    # -- merging --------------------------------------------------------------

    def merge(self) -> None:
        """Rebuild the visible config from all levels, then apply deletions."""
        merged: Dict[str, Any] = {}
        for attr, desc in _LEVELS:
            level = getattr(self, attr)
            if not level:
                continue
            try:
                merge_dicts(merged, level)
            except AmbiguousMergeError as exc:
                raise self._clash(exc, attr, desc) from None
        obliterate(merged, self._deletions)
        self._set(_config=merged)

    def _clash(self, exc: AmbiguousMergeError, attr: str, desc: str) -> AmbiguousMergeError:
        """Restate a merge conflict in one line naming the setting and its source."""
        keypath = getattr(exc, "keypath", ())
        if not keypath or not hasattr(exc, "new"):
            return AmbiguousMergeError(f"{exc} (in the {self._describe(attr, desc)})")
        new, orig = exc.new, exc.orig  # type: ignore[attr-defined]
        shape = "a section (mapping)" if isinstance(new, dict) else f"the value {new!r}"
        below = "a section (mapping)" if isinstance(orig, dict) else f"the value {orig!r}"
        return AmbiguousMergeError(
            f"Setting {'.'.join(str(key) for key in keypath)!r} is {shape} in the "
            f"{self._describe(attr, desc)} but {below} in a lower level; "
            "a section can't be replaced by a value or the other way round"
        )

    def _describe(self, attr: str, desc: str) -> str:
        """Name a level for an error message, with its file when it has one."""
        path = getattr(self, f"{attr}_path", None)
        if attr == "_project" and self._pyproject_path is not None and path is None:
            path = self._pyproject_path
        return f"{desc} {path}" if path else desc

    def _merge_file(self, name: str, desc: str) -> None:
        """Merge one file level into the visible config (kept for API parity)."""
        data = getattr(self, f"_{name}", None)
        if data:
            merge_dicts(self._config, data)

    # -- changes made at run time ----------------------------------------------

    def _modify(self, keypath: Tuple[str, ...], key: str, value: Any) -> None:
        """Record that ``keypath + (key,)`` was set to ``value``, then re-merge.

        A value that clashes with a lower level (a section set to a plain
        value, or the reverse) raises `AmbiguousMergeError` and is forgotten,
        so the config stays usable.
        """
        modifications, deletions = _copy_tree(self._modifications), _copy_tree(self._deletions)
        excise(self._deletions, keypath + (key,))
        data = _subtree(self._modifications, keypath)
        data[key] = copy_dict(value) if isinstance(value, dict) else value
        try:
            self.merge()
        except AmbiguousMergeError:
            # Restored in place: the level dicts are the objects callers hold.
            self._modifications.clear()
            self._modifications.update(modifications)
            self._deletions.clear()
            self._deletions.update(deletions)
            self.merge()
            raise

    def _remove(self, keypath: Tuple[str, ...], key: str) -> None:
        """Record that ``keypath + (key,)`` was deleted, so re-merges keep it gone."""
        excise(self._modifications, keypath + (key,))
        _subtree(self._deletions, keypath)[key] = None
        self.merge()

    # -- copying ----------------------------------------------------------------

    def clone(self, into: Optional[Type["Config"]] = None) -> "Config":
        """Return an independent copy, optionally as (upgraded to) class ``into``.

        Files already read are not read again.
        """
        if into is not None and not (isinstance(into, type) and issubclass(into, Config)):
            raise TypeError(f"Config.clone(into=...) needs a Config subclass, not {into!r}")
        klass = type(self) if into is None else into
        new = klass(**self._clone_init_kwargs(into=into))
        for name in _CLONED_ATTRS:
            value = getattr(self, name)
            if isinstance(value, dict):
                value = copy_dict(value)
            new._set(name, value)
        new.load_base_conf_files()
        new.merge()
        return new

    def _clone_init_kwargs(self, into: Optional[Type["Config"]] = None) -> Dict[str, Any]:
        """Return the keyword arguments `clone` passes to the new object's class.

        Subclasses extend this to pass their own ``__init__`` arguments.
        """
        defaults = copy_dict(self._defaults)
        if into is not None:
            # The target class's defaults win, so e.g. Fabric's own settings apply.
            merge_dicts(defaults, into.global_defaults())
        return dict(defaults=defaults, overrides=copy_dict(self._overrides))


def _subtree(tree: Dict[str, Any], keypath: Tuple[str, ...]) -> Dict[str, Any]:
    """Return the dict at ``keypath`` in ``tree``, creating (or replacing) dicts on the way."""
    for part in keypath:
        if not isinstance(tree.get(part), dict):
            tree[part] = {}
        tree = tree[part]
    return tree


# What `Config.clone` copies after construction (defaults/overrides go via __init__).
_CLONED_ATTRS = (
    "_collection",
    "_system_prefix",
    "_system_path",
    "_system_found",
    "_system",
    "_user_prefix",
    "_user_path",
    "_user_found",
    "_user",
    "_project_prefix",
    "_project_path",
    "_project_found",
    "_project",
    "_pyproject_path",
    "_env",
    "_runtime_path",
    "_runtime_found",
    "_runtime",
    "_modifications",
    "_deletions",
)


def __getattr__(name: str) -> Any:
    # ``invoke.config.yaml`` was importable upstream; imported only on request.
    if name == "yaml":
        import yaml

        return yaml
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
