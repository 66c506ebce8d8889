"""How each kind of artifact is made and checked (standard library only)."""

from __future__ import annotations

import html
import subprocess
import sys
import tarfile
import zipapp
from pathlib import Path

from target import Target

from invoke import Context
from invoke.exceptions import Exit


def make_zipapp(c: Context, target: Target, source: Path, artifact: Path) -> None:
    """A runnable ``.pyz`` of the source package (its ``__main__`` runs)."""
    settings = target.settings(c)
    zipapp.create_archive(
        source.parent, artifact, interpreter=settings.get("interpreter", "/usr/bin/env python3"),
        main=settings["main"], filter=lambda path: path.parts[0] == source.name and "__pycache__" not in path.parts,
    )


def check_zipapp(c: Context, target: Target, artifact: Path) -> str:
    run = subprocess.run([sys.executable, str(artifact), "build"], capture_output=True, text=True)
    if run.returncode != 0:
        raise Exit(f"{target.name}: {artifact.name} exited {run.returncode}: {run.stderr.strip()}", code=1)
    return f"{artifact.name} prints {run.stdout.strip()!r}"


def make_tarball(c: Context, target: Target, source: Path, artifact: Path) -> None:
    """A source tarball ``NAME-VERSION/...`` with the configured compression."""
    settings = target.settings(c)
    prefix = f"{source.name}-{settings['version']}"
    with tarfile.open(artifact, f"w:{settings.get('compression', 'gz')}") as tar:
        for path in target.inputs():
            tar.add(path, arcname=f"{prefix}/{path.relative_to(source).as_posix()}")


def check_tarball(c: Context, target: Target, artifact: Path) -> str:
    with tarfile.open(artifact) as tar:
        members = [member for member in tar.getmembers() if member.isfile()]
    return f"{artifact.name} holds {len(members)} file{'s' if len(members) != 1 else ''}"


def _render(fmt: str, text: str) -> str:
    if fmt == "txt":
        return text
    if fmt == "html":
        lines = []
        for line in text.splitlines():
            if line.startswith("# "):
                lines.append(f"<h1>{html.escape(line[2:])}</h1>")
            elif line.strip():
                lines.append(f"<p>{html.escape(line)}</p>")
        return "<!doctype html>\n" + "\n".join(lines) + "\n"
    raise Exit(f"docs: unknown format {fmt!r} (choose from html, txt)", code=1)


def make_docs(c: Context, target: Target, source: Path, artifact: Path) -> None:
    """Every page under the source directory, once per configured format."""
    formats = target.settings(c)["formats"]
    for fmt in formats:
        _render(fmt, "")  # an unknown format fails before anything is written
    artifact.mkdir(parents=True)
    for page in target.inputs():
        for fmt in formats:
            (artifact / fmt).mkdir(exist_ok=True)
            (artifact / fmt / f"{page.stem}.{fmt}").write_text(_render(fmt, page.read_text()))


def check_docs(c: Context, target: Target, artifact: Path) -> str:
    pages = sorted(path.relative_to(artifact).as_posix() for path in artifact.rglob("*") if path.is_file())
    if not pages:
        raise Exit(f"docs: {artifact.name}/ is empty", code=1)
    return ", ".join(pages)
