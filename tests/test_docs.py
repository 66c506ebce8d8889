"""The documentation's examples are run, and its sites build without warnings.

Every ``code-block`` in ``sites/`` is sorted into one of these kinds, and
each kind is checked (a block that fits none is a failure, so none slips
through untried):

- **Project files.** A block whose first line is ``# some/file.ext`` (or a
  python block after text telling the reader to save it as ``tasks.py``)
  is a file of the current example project; ``# tasks.py`` (or, when no
  project is open, any named file) starts a new project. Every project
  with a ``tasks.py`` must load (``inv --list`` exits 0), and a named
  ``test_*.py`` file is run with pytest in the project as it stands.
- **Console sessions.** In ``console`` blocks, each ``$ inv ...``,
  ``$ invoke ...`` or ``$ python ...`` command (after optional
  ``VAR=value`` assignments) runs in a fresh copy of the
  current project (python commands also before any project, in an empty
  directory), with this checkout's ``inv`` and Python; its stdout and
  stderr together must equal the output the page shows (paths of the
  project shown as ``<DIR>``, ANSI colour codes removed). A command shown
  without output is not compared. Other commands (``pip install``...) are
  instructions, not run.
- **Programs.** Any other python block is a complete program: it is run
  with Python (with pytest when it defines ``test_`` functions) in a copy
  of the current project, if any, so it may import from the project's
  ``tasks.py``. It must exit 0.
- **Fragments.** A block that is deliberately not complete (a method
  shown on its own, a few lines of a larger program) says so with
  ``:class: fragment``; it only has to parse (python) and is counted.
- Other languages (``yaml``, ``toml``, ``text``) without a file mark are
  shown for reading only.

README.md: its ``# tasks.py`` block and ``$ inv`` console blocks are run
as a quickstart, and any other python block runs next to that tasks.py
unless an ``<!-- fragment -->`` comment precedes it.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, NamedTuple, Optional, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "sites"
INV = Path(sys.executable).parent / "inv"

_BLOCK = re.compile(r"^( *)\.\. code-block:: (\w+)\n((?:\1   .*\n|[ \t]*\n)*)", re.M)
_FILE_MARK = re.compile(r"^# ([\w./-]+\.(?:py|ya?ml|json|toml|txt|cfg))$")
_OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")
# A command the harness runs: optional VAR=value assignments, then one of these.
_RUN_COMMAND = re.compile(r"^((?:\w+=\S*\s+)*)(inv|invoke|python)(?:\s+(.*))?$")


class Block(NamedTuple):
    language: str
    body: str
    before: str
    options: Dict[str, str]


class Example(NamedTuple):
    page: str
    files: Dict[str, str]
    command: str
    expected: str


class Program(NamedTuple):
    """A python block run on its own (``name`` set: a test file of a project)."""

    page: str
    files: Dict[str, str]
    source: str
    name: Optional[str]


def _blocks(text: str) -> Iterator[Block]:
    """Each code block, dedented, with its options and the paragraph before it."""
    for match in _BLOCK.finditer(text):
        indent = len(match.group(1)) + 3
        lines = [line[indent:] for line in match.group(3).splitlines()]
        options: Dict[str, str] = {}
        while lines and _OPTION.match(lines[0]):
            key, value = _OPTION.match(lines[0]).groups()  # type: ignore[union-attr]
            options[key] = value
            lines.pop(0)
        body = "\n".join(lines).strip("\n")
        before = text[: match.start()].rstrip().rsplit("\n\n", 1)[-1]
        yield Block(match.group(2), body, before, options)


def _is_fragment(block: Block) -> bool:
    return "fragment" in block.options.get("class", "").split()


class _Page(NamedTuple):
    examples: List[Example]
    programs: List[Program]
    projects: List[Dict[str, str]]
    fragments: int


def _read_page(page: Path) -> _Page:
    name = page.relative_to(SITES).as_posix()
    examples: List[Example] = []
    programs: List[Program] = []
    projects: List[Dict[str, str]] = []
    fragments = 0
    files: Dict[str, str] = {}
    for block in _blocks(page.read_text()):
        if _is_fragment(block):
            fragments += 1
            continue
        marked = _FILE_MARK.match(block.body.split("\n", 1)[0])
        filename = marked.group(1) if marked else None
        if filename is None and block.language == "python" and "as ``tasks.py``" in block.before:
            filename = "tasks.py"
        if filename is not None:
            if filename == "tasks.py" or not files:
                files = {}
                projects.append(files)
            files[filename] = block.body
            if block.language == "python" and Path(filename).name.startswith("test_"):
                programs.append(Program(name, dict(files), block.body, filename))
        elif block.language == "console":
            for chunk in re.split(r"^\$ ", block.body, flags=re.M)[1:]:
                command, _, output = chunk.partition("\n")
                run = _RUN_COMMAND.match(command)
                # Before any project, only python commands are meaningful.
                if run and (files or run.group(2) == "python"):
                    examples.append(Example(name, dict(files), command, output.rstrip("\n")))
        elif block.language == "python":
            programs.append(Program(name, dict(files), block.body, None))
    return _Page(examples, programs, [p for p in projects if "tasks.py" in p], fragments)


_PAGES = {page.relative_to(SITES).as_posix(): _read_page(page) for page in sorted(SITES.rglob("*.rst"))}
EXAMPLES = [example for page in _PAGES.values() for example in page.examples if example.expected]
PROGRAMS = [program for page in _PAGES.values() for program in page.programs]
PROJECTS = [(name, project) for name, page in _PAGES.items() for project in page.projects]


def _env(home: Path) -> Dict[str, str]:
    # This checkout's inv and python come first, whatever the caller's PATH.
    path = f"{INV.parent}:{os.environ.get('PATH', '/usr/bin:/bin')}"
    return {"PATH": path, "HOME": str(home), "LANG": "C.UTF-8"}


def _make_project(files: Dict[str, str], where: Path) -> Path:
    where.mkdir()
    for name, content in files.items():
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        (where / name).write_text(content + "\n")
    return where


def test_the_docs_have_runnable_examples():
    # Guards the harness itself: a change to the page conventions that made
    # it find nothing would otherwise pass silently.
    assert len(EXAMPLES) >= 25
    assert {example.page for example in EXAMPLES} >= {
        "docs/getting-started.rst",
        "docs/concepts/templates.rst",
        "docs/concepts/configuration.rst",
        "docs/concepts/library.rst",
    }
    assert len(PROGRAMS) >= 30
    assert sum(1 for program in PROGRAMS if program.name) >= 3


def test_fragments_are_few_and_counted():
    # Most snippets must run; a fragment is the exception, marked on purpose.
    fragments = sum(page.fragments for page in _PAGES.values())
    python_blocks = sum(
        1 for page in sorted(SITES.rglob("*.rst")) for block in _blocks(page.read_text()) if block.language == "python"
    )
    assert fragments <= python_blocks // 3, (fragments, python_blocks)


def test_the_harness_sorts_blocks_by_kind(tmp_path: Path):
    page = tmp_path / "page.rst"
    page.write_text(
        "Save this as ``tasks.py``:\n\n.. code-block:: python\n\n   from invoke import task\n\n"
        ".. code-block:: yaml\n\n   # invoke.yaml\n   run:\n     echo: true\n\n"
        ".. code-block:: console\n\n   $ inv --list\n   out\n   $ pip install x\n\n"
        ".. code-block:: python\n   :class: fragment\n\n   def f(self): ...\n\n"
        ".. code-block:: python\n\n   print(1)\n"
    )
    global SITES
    saved, SITES = SITES, tmp_path
    try:
        result = _read_page(page)
    finally:
        SITES = saved
    assert result.fragments == 1
    assert [(e.command, e.expected, sorted(e.files)) for e in result.examples] == [
        ("inv --list", "out", ["invoke.yaml", "tasks.py"])
    ]
    assert [(p.source, p.name) for p in result.programs] == [("print(1)", None)]


@pytest.mark.parametrize(
    "example", EXAMPLES, ids=[f"{example.page}: {example.command}" for example in EXAMPLES]
)
def test_documented_command_output(example: Example, tmp_path: Path):
    project = _make_project(example.files, tmp_path / "project")
    assignments, program, rest = _RUN_COMMAND.match(example.command).groups()  # type: ignore[union-attr]
    executable = sys.executable if program == "python" else str(INV)
    result = subprocess.run(
        ["bash", "-c", f"{assignments}{executable} {rest or ''}"], cwd=project, capture_output=True, text=True,
        env=_env(tmp_path), timeout=60,
    )
    shown = (result.stdout + result.stderr).rstrip("\n").replace(str(project), "<DIR>")
    # Echoed commands are bold on a terminal; the page shows plain text.
    shown = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert shown == example.expected


@pytest.mark.parametrize(
    "page, project", PROJECTS, ids=[f"{name}: {sorted(files)}" for name, files in PROJECTS]
)
def test_every_example_project_loads(page: str, project: Dict[str, str], tmp_path: Path):
    where = _make_project(project, tmp_path / "project")
    result = subprocess.run(
        [str(INV), "--list"], cwd=where, capture_output=True, text=True, env=_env(tmp_path), timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _program_id(program: Program) -> str:
    first = program.name or program.source.strip().splitlines()[0][:40]
    return f"{program.page}: {first}"


@pytest.mark.parametrize("program", PROGRAMS, ids=[_program_id(program) for program in PROGRAMS])
def test_documented_program_runs(program: Program, tmp_path: Path):
    if re.search(r"^\s*(from|import) fabric\b", program.source, re.M) and shutil.which("fab") is None:
        pytest.skip("needs Fabric installed")
    where = _make_project(program.files, tmp_path / "project")
    script = program.name or "snippet_under_test.py"
    if program.name is None:
        is_test = re.search(r"^def test_", program.source, re.M) is not None
        script = "test_snippet.py" if is_test else "snippet.py"
        (where / script).write_text(program.source + "\n")
    else:
        is_test = True
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", script] if is_test else [sys.executable, script]
    result = subprocess.run(command, cwd=where, capture_output=True, text=True, env=_env(tmp_path), timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_python_block_in_the_docs_parses():
    count = 0
    for page in sorted(SITES.rglob("*.rst")):
        for block in _blocks(page.read_text()):
            if block.language == "python":
                count += 1
                ast.parse(block.body, filename=str(page))
    assert count >= 40


@pytest.mark.parametrize("site", ["docs", "www"])
def test_sphinx_site_builds_without_warnings(site: str, tmp_path: Path):
    pytest.importorskip("sphinx", reason="Sphinx comes with dev-requirements.txt")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-b", "html", str(SITES / site), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def _readme_example() -> Tuple[str, List[Tuple[str, str]]]:
    text = (ROOT / "README.md").read_text()
    tasks_py = re.search(r"```python\n(# tasks\.py\n.*?)```", text, re.S).group(1)
    runs = []
    for console in re.findall(r"```console\n(.*?)```", text, re.S):
        for chunk in re.split(r"^\$ ", console, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            if command.startswith("inv "):
                runs.append((command, output.rstrip("\n")))
    return tasks_py, runs


def test_readme_quickstart_runs_as_shown(tmp_path: Path):
    tasks_py, runs = _readme_example()
    assert len(runs) >= 2
    (tmp_path / "tasks.py").write_text(tasks_py)
    for command, expected in runs:
        result = subprocess.run(
            [str(INV)] + command.split()[1:], cwd=tmp_path, capture_output=True, text=True,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)},
        )
        assert (result.stdout + result.stderr).rstrip("\n") == expected, command


def test_the_changelog_stands_on_its_own():
    # It is read without the project's private notes, and must not pass for
    # an upstream Invoke release.
    text = (SITES / "www" / "changelog.rst").read_text()
    assert "upstream-bugs" not in text and not re.search(r"\brow \d+\b", text)
    headings = re.findall(r"^(.+)\n-{3,}$", text, re.M)
    assert headings and all("invoke-templates" in heading for heading in headings)


def _readme_programs() -> List[str]:
    """README python blocks other than the quickstart's tasks.py, unless marked as fragments.

    A block preceded by an ``<!-- fragment -->`` comment is deliberately
    incomplete; any other runs with Python next to the quickstart's tasks.py.
    """
    text = (ROOT / "README.md").read_text()
    programs = []
    for match in re.finditer(r"(<!-- fragment -->\s*)?```python\n(.*?)```", text, re.S):
        if match.group(1) is None and not match.group(2).startswith("# tasks.py\n"):
            programs.append(match.group(2))
    return programs


def test_readme_programs_run(tmp_path: Path):
    # Today's README may have none; any it gains must run (or be marked).
    tasks_py, _ = _readme_example()
    for number, source in enumerate(_readme_programs()):
        where = tmp_path / str(number)
        where.mkdir()
        (where / "tasks.py").write_text(tasks_py)
        (where / "snippet.py").write_text(source)
        result = subprocess.run(
            [sys.executable, "snippet.py"], cwd=where, capture_output=True, text=True, env=_env(tmp_path), timeout=60
        )
        assert result.returncode == 0, source + result.stdout + result.stderr
