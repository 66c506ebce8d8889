"""The contributors' pages stay true to the code.

Every module, file, test file and test function that
sites/docs/internals/*.rst and ARCHITECTURE.md name must exist, and every
dotted ``invoke.`` name they give must resolve (a module, or an attribute
of one).
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path
from typing import List, Set, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "sites" / "docs" / "internals").glob("*.rst")) + [ROOT / "ARCHITECTURE.md"]

# ``invoke/...``, ``tests/...`` paths (in double backticks, markdown backticks or links).
_PATH = re.compile(r"(?<![\w/.])((?:invoke|tests|sites)/[\w./-]*\w/?)")
# ``tests/x.py`` followed, in the same parenthesis, by test function names.
_TEST_FILE_WITH_NAMES = re.compile(r"``(tests/[\w/]+\.py)``\s*\(([^)]*)\)", re.S)
_DOTTED = re.compile(r"``(invoke(?:\.\w+)+)``|:mod:`(invoke(?:\.\w+)+)`")


def _pages() -> List[Tuple[str, str]]:
    return [(page.name, page.read_text()) for page in PAGES]


def _named_paths(text: str) -> Set[str]:
    return {match.rstrip("/") for match in _PATH.findall(text)}


def _named_tests(text: str) -> Set[Tuple[str, str]]:
    found = set()
    for path, inside in _TEST_FILE_WITH_NAMES.findall(text):
        for name in re.findall(r"``(test_\w+)``", inside):
            found.add((path, name))
    return found


def _is_module_file(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _resolves(dotted: str) -> bool:
    if _is_module_file(dotted):
        return True  # a module (``invoke.__main__`` is not imported: it would run ``inv``)
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attr in parts[cut:]:
            if not hasattr(target, attr):
                return False
            target = getattr(target, attr)
        return True
    return False


@pytest.mark.parametrize("page, text", _pages(), ids=[page.name for page in PAGES])
def test_every_path_a_page_names_exists(page: str, text: str) -> None:
    paths = _named_paths(text)
    assert paths, f"{page} names no files at all"
    missing = sorted(path for path in paths if not (ROOT / path).exists() and "_jobs" not in path)
    assert missing == [], f"{page} names missing paths"


@pytest.mark.parametrize("page, text", _pages(), ids=[page.name for page in PAGES])
def test_every_dotted_invoke_name_resolves(page: str, text: str) -> None:
    names = {a or b for a, b in _DOTTED.findall(text)}
    unresolved = sorted(name for name in names if "_jobs" not in name and not _resolves(name))
    assert unresolved == [], f"{page} names things that do not exist"


def test_every_test_function_the_pr_page_names_exists() -> None:
    text = (ROOT / "sites" / "docs" / "internals" / "templates-pr.rst").read_text()
    named = _named_tests(text)
    assert named, "the page names no test functions"
    for path, name in sorted(named):
        tree = ast.parse((ROOT / path).read_text())
        functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        assert name in functions, f"{path} has no {name}"


def test_the_pr_page_covers_each_core_change_with_its_tests() -> None:
    text = (ROOT / "sites" / "docs" / "internals" / "templates-pr.rst").read_text()
    sections = re.split(r"^\d\. ", text, flags=re.M)[1:]
    titles = [section.splitlines()[0] for section in sections]
    for needed in ("Task", "Argspec", "Collection.add_task", "Collection.from_object"):
        assert any(needed in title for title in titles), needed
    for section in sections:
        for heading in ("**Change.**", "**Rationale.**", "**Stays as before.**", "**Tests.**"):
            assert heading in section, (section.splitlines()[0], heading)
        assert _named_paths(section.split("**Tests.**", 1)[1]), section.splitlines()[0]


def test_the_architecture_page_names_every_private_folder_and_module() -> None:
    text = (ROOT / "sites" / "docs" / "internals" / "architecture.rst").read_text()
    package = ROOT / "invoke"
    for folder in sorted(p for p in package.iterdir() if p.is_dir() and p.name.startswith("_") and p.name != "__pycache__"):
        assert f"``invoke/{folder.name}/``" in text, folder.name
        if folder.name == "_jobs":
            continue  # written on another branch; the page reserves its place, its modules are its own
        for module in sorted(folder.glob("*.py")):
            if module.name != "__init__.py":
                assert f"``{module.stem}``" in text, f"{folder.name}/{module.name}"


def test_the_checker_catches_a_missing_path_and_a_wrong_name() -> None:
    text = "see ``invoke/_tasks/no_such.py`` and ``invoke.tasks.NoSuchThing`` and ``tests/test_nothing.py`` (``test_x``)"
    assert "invoke/_tasks/no_such.py" in _named_paths(text)
    assert not (ROOT / "invoke/_tasks/no_such.py").exists()
    assert not _resolves("invoke.tasks.NoSuchThing")
    assert _resolves("invoke.tasks.Task") and _resolves("invoke._tasks.binding.MethodBinding")
    assert _named_tests(text) == {("tests/test_nothing.py", "test_x")}
