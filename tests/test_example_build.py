"""examples/build, end to end: the real ``inv`` builds real artifacts, incrementally.

Each test copies the example into a temporary directory (so it can change
the inputs) and runs the installed ``inv`` on the copy in a subprocess.
Nothing it runs outlives the command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "build"
INV = Path(sys.executable).parent / "inv"

BUILT = [
    "hello: built dist/hello.pyz from 3 inputs",
    "hello: verified (hello.pyz prints 'hello, build!')",
    "greetlib: built dist/greetlib-0.1.tar.gz from 1 inputs",
    "greetlib: verified (greetlib-0.1.tar.gz holds 1 file)",
    "docs: built dist/docs from 1 inputs",
    "docs: verified (html/guide.html, txt/guide.txt)",
    "build: 3 targets ready",
]


class Project:
    def __init__(self, tmp_path: Path) -> None:
        self.dir = tmp_path / "build"
        shutil.copytree(EXAMPLE, self.dir, ignore=shutil.ignore_patterns("dist", "__pycache__"))
        self.env = {key: value for key, value in os.environ.items() if not key.startswith("INVOKE_")}
        self.env["HOME"] = str(tmp_path)

    def inv(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(INV), "-r", str(self.dir), *args], capture_output=True, text=True,
            env=dict(self.env, **env), timeout=60,
        )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def test_build_makes_every_artifact_and_each_one_works(project: Project):
    result = project.inv("build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == BUILT
    dist = project.dir / "dist"
    # The zipapp really runs on its own, outside inv.
    run = subprocess.run([sys.executable, str(dist / "hello.pyz"), "you"], capture_output=True, text=True)
    assert run.stdout == "hello, you!\n"
    with tarfile.open(dist / "greetlib-0.1.tar.gz") as tar:
        assert tar.getnames() == ["greetlib-0.1/__init__.py"]
    html = (dist / "docs" / "html" / "guide.html").read_text()
    assert "<h1>Guide</h1>" in html and "<h1>Usage</h1>" in html
    assert (dist / "docs" / "txt" / "guide.txt").read_text() == (project.dir / "docs" / "guide.txt").read_text()


def test_a_second_build_is_up_to_date_and_a_changed_input_rebuilds_only_its_target(project: Project):
    assert project.inv("build").returncode == 0
    pyz = project.dir / "dist" / "hello.pyz"
    before = pyz.stat().st_mtime_ns
    again = project.inv("build")
    assert again.returncode == 0, again.stderr
    assert [line for line in again.stdout.splitlines() if "verified" not in line] == [
        "hello: up to date (dist/hello.pyz)",
        "greetlib: up to date (dist/greetlib-0.1.tar.gz)",
        "docs: up to date (dist/docs)",
        "build: 3 targets ready",
    ]
    assert pyz.stat().st_mtime_ns == before
    words = project.dir / "src" / "hello" / "words.py"
    words.write_text(words.read_text().replace("hello, ", "hi, "))
    changed = project.inv("build")
    assert changed.returncode == 0, changed.stderr
    assert "hello: built dist/hello.pyz from 3 inputs" in changed.stdout
    assert "hello: verified (hello.pyz prints 'hi, build!')" in changed.stdout
    assert "greetlib: up to date" in changed.stdout and "docs: up to date" in changed.stdout
    # --force rebuilds even when nothing changed.
    forced = project.inv("docs.build", "--force")
    assert forced.stdout.splitlines()[0] == "docs: built dist/docs from 1 inputs"


def test_a_target_asked_for_twice_is_built_once(project: Project):
    result = project.inv("hello.build", "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == BUILT


def test_per_target_settings_come_from_invoke_yaml_and_can_be_overridden(project: Project):
    # invoke.yaml gives docs two formats over its default of one.
    assert project.inv("docs.build").stdout.splitlines()[-1] == "docs: verified (html/guide.html, txt/guide.txt)"
    # An environment variable overrides one setting of one target; the change rebuilds it.
    xz = project.inv("greetlib.build", INVOKE_TARGETS_GREETLIB_COMPRESSION="xz")
    assert xz.returncode == 0, xz.stderr
    assert xz.stdout.splitlines() == [
        "greetlib: built dist/greetlib-0.1.tar.xz from 1 inputs",
        "greetlib: verified (greetlib-0.1.tar.xz holds 1 file)",
    ]
    with tarfile.open(project.dir / "dist" / "greetlib-0.1.tar.xz", "r:xz") as tar:
        assert tar.getnames() == ["greetlib-0.1/__init__.py"]
    other = project.dir.parent / "other.yaml"
    other.write_text("targets:\n  docs:\n    formats: [txt, pdf]\n")
    bad = project.inv("-f", str(other), "docs.build")
    assert bad.returncode == 1
    assert bad.stderr == "docs: unknown format 'pdf' (choose from html, txt)\n"


def test_clean_removes_every_artifact_and_verify_then_fails_in_one_line(project: Project):
    assert project.inv("build").returncode == 0
    clean = project.inv("clean")
    assert clean.stdout.splitlines() == [
        "hello: removed dist/hello.pyz",
        "greetlib: removed dist/greetlib-0.1.tar.gz",
        "docs: removed dist/docs",
    ]
    assert sorted(p.name for p in (project.dir / "dist").rglob("*") if p.is_file()) == []
    assert project.inv("clean").stdout.splitlines() == [
        "hello: nothing to clean", "greetlib: nothing to clean", "docs: nothing to clean",
    ]
    verify = project.inv("hello.verify")
    assert verify.returncode == 1
    assert verify.stderr == "hello: dist/hello.pyz does not exist; run 'inv hello.build'\n"
    # After clean, build starts from scratch.
    assert project.inv("build").stdout.splitlines() == BUILT
