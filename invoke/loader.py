"""Finding and importing the tasks module: `Loader`, `FilesystemLoader`."""

from __future__ import annotations

import os
import sys
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any, Optional, Tuple

from .exceptions import CollectionNotFound
from .util import debug

if TYPE_CHECKING:
    from .config import Config

__all__ = ["Loader", "FilesystemLoader", "CollectionNotFound"]


def __getattr__(name: str) -> Any:
    # ``invoke.loader.Config`` exists upstream; importing it eagerly would
    # drag the config machinery into every start-up.
    if name == "Config":
        from .config import Config

        return Config
    raise AttributeError(f"module 'invoke.loader' has no attribute {name!r}")


class Loader:
    """Base class for the ways of locating and importing a tasks module.

    Subclasses implement `find`; `load` imports what it returns.
    """

    def __init__(self, config: Optional["Config"] = None) -> None:
        if config is None:
            from .config import Config

            config = Config()
        self.config = config

    def find(self, name: str) -> Optional[ModuleSpec]:
        """Return the import spec of the tasks module ``name``, or None."""
        raise NotImplementedError

    def load(self, name: Optional[str] = None) -> Tuple[ModuleType, str]:
        """Import the tasks module ``name``; return it and the directory it lives in.

        ``name`` defaults to the ``tasks.collection_name`` setting. The
        directory is where project configuration files are looked for: next
        to ``tasks.py``, or next to (not inside) a ``tasks/`` package. That
        directory is put on ``sys.path`` (once) so the tasks module can
        import its neighbours. Raises `CollectionNotFound` when nothing is
        found.
        """
        if name is None:
            name = self.config.tasks.collection_name
        spec = self.find(name)
        if spec is None or spec.loader is None or spec.origin is None:
            raise CollectionNotFound(name=name, start=getattr(self, "start", os.getcwd()))
        origin = spec.origin
        is_package = os.path.basename(origin) == "__init__.py"
        package_dir = os.path.dirname(origin)
        project_dir = os.path.dirname(package_dir) if is_package else package_dir
        if project_dir not in sys.path:
            sys.path.insert(0, project_dir)
        from importlib.util import module_from_spec

        module = module_from_spec(spec)
        sys.modules[spec.name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(spec.name, None)
            raise
        debug("Loaded tasks module %r from %s", spec.name, origin)
        return module, project_dir


class FilesystemLoader(Loader):
    """Find a tasks module by walking up the directory tree from ``start``.

    ``start`` defaults to the ``tasks.search_root`` setting, else the
    current directory at the time of the search.
    """

    def __init__(self, start: Optional[str] = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if start is None:
            start = self.config.tasks.search_root
        self._start = start

    @property
    def start(self) -> str:
        """The directory the upward search begins in, as configured (cwd if unset)."""
        return self._start or os.getcwd()

    def find(self, name: str) -> Optional[ModuleSpec]:
        """Return a spec for ``name.py`` or ``name/__init__.py`` in ``start`` or above."""
        from importlib.util import spec_from_file_location

        if os.sep in name or (os.altsep is not None and os.altsep in name):
            # A module name, not a path (joining an absolute one to each
            # directory would silently give the path itself).
            debug("Collection name %r is a path; not searching", name)
            return None
        directory = os.path.abspath(self.start)
        while True:
            for candidate in (
                os.path.join(directory, name + ".py"),
                os.path.join(directory, name, "__init__.py"),
            ):
                if os.path.isfile(candidate):
                    debug("Found tasks module %s", candidate)
                    search = [os.path.dirname(candidate)] if candidate.endswith("__init__.py") else None
                    return spec_from_file_location(
                        name, candidate, submodule_search_locations=search
                    )
            parent = os.path.dirname(directory)
            if parent == directory:
                return None
            directory = parent
