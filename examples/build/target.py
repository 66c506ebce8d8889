"""`Target`: the task template every build target is an instance of.

One instance builds one artifact from one source directory. Its tasks:
``prepare`` (pre of ``build``: checks the inputs, makes the output
directory), ``build`` (skipped with "up to date" when neither the inputs
nor the target's settings changed since the last build), ``verify`` (post
of ``build``: checks the artifact really works) and ``clean``.

How an artifact is made is the instance's ``maker``: a function
``maker(c, target, source_dir, artifact_path)``. Per-target settings are
the instance's own defaults (keyword arguments), overridden by the
``targets.NAME`` section of the configuration (``invoke.yaml``, ``-f``,
``INVOKE_TARGETS_NAME_KEY=...``), read through ``c.config``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any, Callable, Dict, List

from invoke import Context, TaskTemplate, task
from invoke.exceptions import Exit

HERE = Path(__file__).resolve().parent
Maker = Callable[[Context, "Target", Path, Path], None]
Checker = Callable[[Context, "Target", Path], str]


def dist_dir(c: Context) -> Path:
    """The ``build.dist_dir`` setting (relative: from this directory)."""
    path = Path(c.config.get("build", {}).get("dist_dir", "dist")).expanduser()
    return path if path.is_absolute() else HERE / path


class Target(TaskTemplate):
    """Build one artifact from its sources, only when they changed."""

    def __init__(
        self, name: str, sources: str, artifact: str, maker: Maker, checker: Checker, **defaults: Any
    ) -> None:
        self.name = name
        self.collection_name = name
        self.sources = sources
        self.artifact_name = artifact
        self.maker = maker
        self.checker = checker
        self.defaults = defaults

    # -- plain methods: not tasks ----------------------------------------------

    def settings(self, c: Context) -> Dict[str, Any]:
        """This target's settings: its defaults, overridden by the ``targets.NAME`` configuration."""
        configured = c.config.get("targets", {}).get(self.name, {})
        return {**self.defaults, **configured}

    def source_dir(self) -> Path:
        return HERE / self.sources

    def artifact(self, c: Context) -> Path:
        return dist_dir(c) / self.artifact_name.format(**self.settings(c))

    def inputs(self) -> List[Path]:
        return sorted(p for p in self.source_dir().rglob("*") if p.is_file() and "__pycache__" not in p.parts)

    def digest(self, c: Context) -> str:
        """A hash of every input file (name and content) and of the target's settings."""
        sha = hashlib.sha256(json.dumps(self.settings(c), sort_keys=True).encode())
        for path in self.inputs():
            sha.update(path.relative_to(HERE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        return sha.hexdigest()

    def stamp(self, c: Context) -> Path:
        return dist_dir(c) / ".stamps" / self.name

    def shown(self, c: Context, path: Path) -> str:
        try:
            return path.relative_to(HERE).as_posix()
        except ValueError:
            return str(path)

    # -- the tasks --------------------------------------------------------------

    @task
    def prepare(self, c):
        """Check that the target's sources exist and make the output directory."""
        if not self.inputs():
            raise Exit(f"{self.name}: no input files under {self.source_dir()}", code=1)
        dist_dir(c).mkdir(parents=True, exist_ok=True)

    @task
    def verify(self, c):
        """Check that the built artifact works."""
        artifact = self.artifact(c)
        if not artifact.exists():
            raise Exit(f"{self.name}: {self.shown(c, artifact)} does not exist; run 'inv {self.name}.build'", code=1)
        print(f"{self.name}: verified ({self.checker(c, self, artifact)})")

    @task(pre=[prepare], post=[verify])
    def build(self, c, force=False):
        """Build the artifact, unless its inputs and settings are unchanged (--force: build anyway)."""
        artifact, stamp, digest = self.artifact(c), self.stamp(c), self.digest(c)
        if not force and artifact.exists() and stamp.exists() and stamp.read_text().strip() == digest:
            print(f"{self.name}: up to date ({self.shown(c, artifact)})")
            return
        if artifact.is_dir():
            shutil.rmtree(artifact)
        self.maker(c, self, self.source_dir(), artifact)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(digest + "\n")
        print(f"{self.name}: built {self.shown(c, artifact)} from {len(self.inputs())} inputs")

    @task
    def clean(self, c):
        """Delete the artifact and its build stamp."""
        artifact, stamp = self.artifact(c), self.stamp(c)
        if not artifact.exists() and not stamp.exists():
            print(f"{self.name}: nothing to clean")
            return
        if artifact.is_dir():
            shutil.rmtree(artifact)
        else:
            artifact.unlink(missing_ok=True)
        stamp.unlink(missing_ok=True)
        print(f"{self.name}: removed {self.shown(c, artifact)}")
