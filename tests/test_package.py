"""Packaging facts: version, typing marker, lazy exports, import cost."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import invoke

ROOT = Path(__file__).resolve().parent.parent


def test_version_matches_pyproject():
    text = (ROOT / "pyproject.toml").read_text()
    declared = re.search(r'^version = "([^"]+)"', text, re.M).group(1)
    assert invoke.__version__ == declared
    assert isinstance(invoke.__version__, str)


def test_py_typed_marker_ships():
    assert (ROOT / "invoke" / "py.typed").exists()
    assert "py.typed" in (ROOT / "pyproject.toml").read_text()


def test_every_public_name_resolves():
    for name in invoke.__all__:
        assert getattr(invoke, name) is not None, name


def test_unknown_attribute_is_an_attribute_error():
    try:
        invoke.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_import_invoke_stays_light():
    # Start-up speed: importing the package must not drag in what only some
    # commands need.
    code = (
        "import sys, invoke; heavy = ['yaml', 'importlib.metadata', 'unittest.mock', "
        "'asyncio', 'invoke.runners', 'invoke.config']; "
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_vendor_lexicon_path_reexports_our_class():
    from invoke._data.lexicon import Lexicon
    from invoke.vendor.lexicon import Lexicon as Vendored

    assert Vendored is Lexicon
    lex = Lexicon(foo=1)
    lex.alias("f", "foo")
    assert lex.f == 1 and lex["f"] == 1 and "f" in lex


def test_importing_from_a_source_tree_needs_no_install(tmp_path):
    # Upstream fails with PackageNotFoundError when the package metadata is
    # absent (upstream-bugs row 25).
    code = "import invoke; print(invoke.__version__)"
    out = subprocess.run(
        [sys.executable, "-S", "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); {code}"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == invoke.__version__


def test_the_projects_own_tasks_file_loads_with_templates():
    # tasks.py at the repository root is written with task templates; it is
    # loaded through the real `inv`, as a contributor would.
    inv = Path(sys.executable).parent / "inv"
    out = subprocess.run([str(inv), "--list"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    names = [line.split()[0] for line in out.stdout.splitlines()[2:] if line[2:3].strip()]
    assert names == [
        "bench.cli",
        "bench.runner",
        "docs.build",
        "docs.clean",
        "test.all",
        "test.only",
        "www.build",
        "www.clean",
    ]
    help_out = subprocess.run([str(inv), "--help", "test.only"], cwd=ROOT, capture_output=True, text=True)
    assert "-k STRING" in help_out.stdout and "pytest -k expression" in help_out.stdout


def test_the_package_type_checks(tmp_path):
    # py.typed promises users usable hints; keep them consistent.
    pytest.importorskip("mypy", reason="mypy comes with dev-requirements.txt")
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path), "--ignore-missing-imports", "invoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr
