"""The documentation's examples are run, and its sites build without warnings.

An example is a ``tasks.py`` code block followed by ``console`` blocks of
``$ inv ...`` commands and their output. A code block whose first line is
``# tasks.py`` (or that follows text telling the reader to save it as
``tasks.py``) starts a new example project; a block whose first line is
``# some-file.ext`` adds that file to the current one (``invoke.yaml``...).
Each command runs in a fresh copy of the project with the real ``inv``,
and its stdout and stderr together must equal the output the page shows.
A command shown without output is not checked. ANSI colour codes (echoed
commands are printed bold) are removed before comparing.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List, NamedTuple, Tuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "sites"
INV = Path(sys.executable).parent / "inv"

_BLOCK = re.compile(r"^( *)\.\. code-block:: (\w+)\n((?:\1   .*\n|[ \t]*\n)*)", re.M)
_FILE_MARK = re.compile(r"^# ([\w.-]+\.(?:py|ya?ml|json|toml))$")


class Example(NamedTuple):
    page: str
    files: Dict[str, str]
    command: str
    expected: str


def _blocks(text: str) -> Iterator[Tuple[str, str, str]]:
    """Each code block as (language, dedented body, the paragraph before it)."""
    for match in _BLOCK.finditer(text):
        indent = len(match.group(1)) + 3
        body = "\n".join(line[indent:] for line in match.group(3).splitlines()).strip("\n")
        before = text[: match.start()].rstrip().rsplit("\n\n", 1)[-1]
        yield match.group(2), body, before


def _examples(page: Path) -> Iterator[Example]:
    files: Dict[str, str] = {}
    for language, body, before in _blocks(page.read_text()):
        first = body.split("\n", 1)[0]
        marked = _FILE_MARK.match(first)
        if language == "python" and (
            (marked and marked.group(1) == "tasks.py") or "as ``tasks.py``" in before
        ):
            files = {"tasks.py": body}
        elif marked and files:
            files = dict(files, **{marked.group(1): body})
        elif language == "console" and files:
            for chunk in re.split(r"^\$ ", body, flags=re.M)[1:]:
                command, _, output = chunk.partition("\n")
                if command.startswith(("inv ", "invoke ")) or command in ("inv", "invoke"):
                    yield Example(page.relative_to(SITES).as_posix(), files, command, output.rstrip("\n"))


def _all_examples() -> List[Example]:
    return [example for page in sorted(SITES.rglob("*.rst")) for example in _examples(page)]


EXAMPLES = [example for example in _all_examples() if example.expected]


def test_the_docs_have_runnable_examples():
    # Guards the harness itself: a change to the page conventions that made
    # it find nothing would otherwise pass silently.
    assert len(EXAMPLES) >= 25
    assert {example.page for example in EXAMPLES} >= {
        "docs/getting-started.rst",
        "docs/concepts/templates.rst",
        "docs/concepts/configuration.rst",
    }


@pytest.mark.parametrize(
    "example", EXAMPLES, ids=[f"{example.page}: {example.command}" for example in EXAMPLES]
)
def test_documented_command_output(example: Example, tmp_path: Path):
    project = tmp_path / "project"
    project.mkdir()
    for name, content in example.files.items():
        (project / name).write_text(content + "\n")
    command = str(INV) + example.command[example.command.index(" ") :] if " " in example.command else str(INV)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path), "LANG": "C.UTF-8"}
    result = subprocess.run(
        ["bash", "-c", command], cwd=project, capture_output=True, text=True, env=env, timeout=60
    )
    shown = (result.stdout + result.stderr).rstrip("\n").replace(str(project), "<DIR>")
    # Echoed commands are bold on a terminal; the page shows plain text.
    shown = re.sub(r"\x1b\[[0-9;]*m", "", shown)
    assert shown == example.expected


def test_every_python_block_in_the_docs_parses():
    count = 0
    for page in sorted(SITES.rglob("*.rst")):
        for language, body, _ in _blocks(page.read_text()):
            if language == "python":
                count += 1
                ast.parse(body, filename=str(page))
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
