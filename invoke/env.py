"""`Environment`: settings read from ``INVOKE_*`` environment variables.

Only settings that already exist can be set this way: ``run.echo`` is
``INVOKE_RUN_ECHO``. The string is cast to the type of the current value.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Sequence, Tuple

from .exceptions import AmbiguousEnvVar, UncastableEnvVar
from .util import debug

if TYPE_CHECKING:
    from .config import Config

# Settings whose default is None but whose values are text: a numeric
# string given for them must stay a string (a password of "1234"...).
_TEXT_SETTINGS = {
    ("sudo", "password"),
    ("sudo", "user"),
    ("run", "encoding"),
    ("run", "hide"),
    ("run", "shell"),
    ("tasks", "search_root"),
    ("tasks", "executor_class"),
    ("tasks", "collection_name"),
}
# Settings that must be numbers whatever their default (None) suggests.
_NUMERIC_SETTINGS = {("timeouts", "command"), ("timeouts", "connect")}
_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")


class Environment:
    """Collect the environment variables that name existing settings of a config."""

    def __init__(self, config: "Config", prefix: str) -> None:
        """``config`` is the merged config (dict or proxy); ``prefix`` like ``INVOKE_``."""
        self._config = config
        self._prefix = prefix
        # The settings found in the environment, as a nested dict.
        self.data: Dict[str, Any] = {}
        # Variable names that more than one setting maps to.
        self._ambiguous: Dict[str, List[Tuple[str, ...]]] = {}

    def load(self) -> Dict[str, Any]:
        """Return the settings given by environment variables, cast to their types."""
        env_vars = self._crawl(key_path=[], env_vars={})
        for var, key_path in env_vars.items():
            if var not in os.environ:
                continue
            if var in self._ambiguous:
                names = [_dotted(path) for path in self._ambiguous[var]]
                sources = f"{', '.join(names[:-1])} and {names[-1]}"
                quantity = "both" if len(names) == 2 else "all"
                raise AmbiguousEnvVar(
                    f"Found >1 source for {var}: settings {sources} {quantity} map to it"
                )
            new = os.environ[var]
            old = self._path_get(key_path)
            if old is None and tuple(key_path) in _TEXT_SETTINGS:
                value: Any = new
            elif old is None and tuple(key_path) in _NUMERIC_SETTINGS:
                value = _number_or_text(new)
                if isinstance(value, str):
                    raise UncastableEnvVar(
                        f"Can't use {var}={new!r} for setting {_dotted(key_path)}: "
                        "not a number"
                    )
            else:
                try:
                    value = self._cast(old, new)
                except UncastableEnvVar as exc:
                    raise UncastableEnvVar(
                        f"Can't use {var}={new!r} for setting {_dotted(key_path)}: {exc}"
                    ) from None
            self._path_set(key_path, value)
        return self.data

    def _crawl(
        self, key_path: List[str], env_vars: Mapping[str, Sequence[str]]
    ) -> Dict[str, Any]:
        """Map each leaf setting under ``key_path`` to its variable name."""
        found: Dict[str, Any] = dict(env_vars)
        node = self._path_get(key_path)
        for key in node.keys():
            path = list(key_path) + [key]
            if _is_mapping(node[key]):
                found = self._crawl(path, found)
                continue
            var = self._to_env_var(path)
            if var in found:
                known = self._ambiguous.setdefault(var, [tuple(found[var])])
                known.append(tuple(path))
            else:
                found[var] = path
        return found

    def _to_env_var(self, key_path: Iterable[str]) -> str:
        """Return the variable name for a setting: ``INVOKE_RUN_ECHO``."""
        return self._prefix + "_".join(str(key) for key in key_path).upper()

    def _path_get(self, key_path: Iterable[str]) -> "Config":
        """Return the config value at ``key_path``."""
        node: Any = self._config
        for key in key_path:
            node = node[key]
        return node

    def _path_set(self, key_path: Sequence[str], value: str) -> None:
        """Store ``value`` at ``key_path`` in the collected data."""
        node = self.data
        for key in key_path[:-1]:
            node = node.setdefault(key, {})
        node[key_path[-1]] = value

    def _cast(self, old: Any, new: Any) -> Any:
        """Convert the string ``new`` to the type of the current value ``old``."""
        if isinstance(old, bool):
            # As Invoke: only "0" and the empty string are false.
            return new not in ("0", "")
        if isinstance(old, str):
            return new
        if old is None:
            return _number_or_text(new)
        if isinstance(old, (list, tuple, type)):
            # A class (``runners.local``) would "cast" to ``type("...")``, the str class.
            raise UncastableEnvVar(
                f"can't adapt an environment string into a {type(old).__name__}; "
                "set it in a config file instead"
            )
        # Any other type (int, float, Path, a user's own class...) is called
        # with the string, as upstream does; only a failure is uncastable.
        try:
            return type(old)(new)
        except Exception:
            raise UncastableEnvVar(f"not a valid {type(old).__name__}") from None


def _dotted(key_path: Iterable[Any]) -> str:
    """Write a key path the way users type it in YAML: ``run.echo``."""
    return ".".join(str(key) for key in key_path)


def _is_mapping(value: Any) -> bool:
    """True for dicts and config proxies (both hold nested settings)."""
    from ._config.proxy import DataProxy

    return isinstance(value, (dict, DataProxy))


def _number_or_text(text: str) -> Any:
    """Return ``text`` as an int or float when it is plainly one, else unchanged."""
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text
