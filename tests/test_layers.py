"""The package's layers import one way, and no two modules import each other.

Every module under ``invoke/`` is parsed (never imported) and its imports
collected: module-level ones and function-level (lazy) ones alike. Imports
under ``if TYPE_CHECKING:`` are left out: they never run. The layer order is
the one written in sites/docs/internals/architecture.rst:

- a module may import modules of its own layer or of lower layers only;
- the import graph (type-only imports aside) has no circle.

A lazy import of a higher layer is a violation too, unless it is listed in
``DOCUMENTED_EXCEPTIONS`` below with its reason.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Set, Tuple

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "invoke"
ARCHITECTURE = Path(__file__).resolve().parent.parent / "sites" / "docs" / "internals" / "architecture.rst"

#: From the ground up. A pattern ending in ``.*`` covers a package and everything in it.
LAYERS: List[Tuple[str, List[str]]] = [
    ("ground", ["invoke.util", "invoke.exceptions", "invoke.terminals", "invoke._data.*", "invoke.vendor.*"]),
    ("parser", ["invoke.parser.*"]),
    ("running", ["invoke.watchers", "invoke._running.*", "invoke.runners"]),
    ("configuration", ["invoke.env", "invoke._config.*", "invoke.config"]),
    ("context", ["invoke.context"]),
    ("tasks", ["invoke._tasks.*", "invoke.tasks", "invoke.templates", "invoke.collection", "invoke.loader"]),
    # The parallel scheduler (written on another branch): above tasks and
    # context, just below the executor that hands it calls.
    ("jobs", ["invoke._jobs.*"]),
    ("execution", ["invoke.executor"]),
    ("command line", ["invoke._cli.*", "invoke.completion.*", "invoke.program"]),
    ("entry points", ["invoke", "invoke.main", "invoke.__main__"]),
]

#: (importer, imported) -> why this upward lazy import is allowed. Kept to a minimum.
DOCUMENTED_EXCEPTIONS: Dict[Tuple[str, str], str] = {}


def layer_of(module: str, layers: List[Tuple[str, List[str]]] = LAYERS) -> Optional[int]:
    """The index of the layer holding ``module`` (most specific pattern wins), or None."""
    best: Optional[Tuple[int, int]] = None
    for index, (_, patterns) in enumerate(layers):
        for pattern in patterns:
            if pattern.endswith(".*"):
                stem = pattern[:-2]
                matches = module == stem or module.startswith(stem + ".")
                weight = len(stem)
            else:
                matches = module == pattern
                weight = len(pattern) + 1
            if matches and (best is None or weight > best[1]):
                best = (index, weight)
    return None if best is None else best[0]


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return "TYPE_CHECKING" in ast.unparse(test)


def imports_of(source: str, module: str, is_package: bool, known: Set[str]) -> Iterator[Tuple[str, int, bool]]:
    """``(imported module, line, lazy)`` for each run-time import of ``invoke`` modules in ``source``.

    ``from . import x`` counts as importing the submodule ``x`` when there is
    one (``known`` lists every module), else the package itself.
    """
    package = module if is_package else module.rpartition(".")[0]

    def visit(node: ast.AST, lazy: bool) -> Iterator[Tuple[str, int, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                yield from visit(ast.Module(body=child.orelse, type_ignores=[]), lazy)
                continue
            inner_lazy = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield alias.name, child.lineno, lazy
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[: len(base) - (child.level - 1)]
                    target = ".".join(base + ([child.module] if child.module else []))
                else:
                    target = child.module or ""
                for alias in child.names:
                    sub = f"{target}.{alias.name}"
                    yield (sub if sub in known else target), child.lineno, lazy
            else:
                yield from visit(child, inner_lazy)

    for name, line, lazy in visit(ast.parse(source), False):
        if name == "invoke" or name.startswith("invoke."):
            yield name, line, lazy


def import_graph(root: Path = PACKAGE) -> Dict[str, List[Tuple[str, int, bool]]]:
    files = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    known = set(files)
    graph = {}
    for module, path in files.items():
        found = imports_of(path.read_text(), module, path.name == "__init__.py", known)
        graph[module] = [edge for edge in found if edge[0] != module]
    return graph


def layer_violations(
    graph: Dict[str, List[Tuple[str, int, bool]]],
    layers: List[Tuple[str, List[str]]] = LAYERS,
    exceptions: Optional[Dict[Tuple[str, str], str]] = None,
) -> List[str]:
    allowed = DOCUMENTED_EXCEPTIONS if exceptions is None else exceptions
    problems = []
    for module, edges in sorted(graph.items()):
        mine = layer_of(module, layers)
        if mine is None:
            problems.append(f"{module} is in no layer")
            continue
        for target, line, lazy in edges:
            theirs = layer_of(target, layers)
            if theirs is None:
                problems.append(f"{module}:{line} imports {target}, which is in no layer")
            elif theirs > mine and (module, target) not in allowed:
                how = "lazily " if lazy else ""
                problems.append(
                    f"{module}:{line} ({layers[mine][0]}) {how}imports {target} ({layers[theirs][0]}), a higher layer"
                )
    return problems


def circles(graph: Dict[str, List[Tuple[str, int, bool]]]) -> List[List[str]]:
    """Strongly connected groups of more than one module (Tarjan), each sorted."""
    index: Dict[str, int] = {}
    low: Dict[str, int] = {}
    stack: List[str] = []
    on_stack: Set[str] = set()
    found: List[List[str]] = []
    counter = [0]

    def connect(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target, _, _ in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


# -- the package itself ------------------------------------------------------------


def test_every_module_sits_in_a_layer_and_imports_only_its_own_or_lower_layers() -> None:
    graph = import_graph()
    assert len(graph) > 40  # the walk really found the package
    assert layer_violations(graph) == []


def test_no_two_modules_import_each_other_even_lazily() -> None:
    assert circles(import_graph()) == []


def test_documented_exceptions_are_still_needed_and_give_a_reason() -> None:
    graph = import_graph()
    for (importer, imported), reason in DOCUMENTED_EXCEPTIONS.items():
        assert reason.strip(), (importer, imported)
        assert any(target == imported for target, _, _ in graph.get(importer, ())), (importer, imported)


def test_the_architecture_page_lists_the_same_layers_in_the_same_order() -> None:
    text = ARCHITECTURE.read_text()
    positions = []
    for name, patterns in LAYERS:
        match = re.search(rf"^\s*\*\s+-\s+{re.escape(name)}\s*$", text, flags=re.M | re.I)
        assert match, f"layer {name!r} is missing from the table in {ARCHITECTURE.name}"
        positions.append(match.start())
        for pattern in patterns:
            assert f"``{pattern}``" in text, f"{pattern} is missing from {ARCHITECTURE.name}"
    assert positions == sorted(positions)


def test_the_jobs_package_has_its_place_just_below_the_executor() -> None:
    jobs = layer_of("invoke._jobs.scheduler")
    assert jobs is not None
    assert jobs == layer_of("invoke.executor") - 1  # type: ignore[operator]
    assert layer_of("invoke.context") < jobs and layer_of("invoke.runners") < jobs  # type: ignore[operator]


# -- the checker, on synthetic packages ---------------------------------------------


def _write(root: Path, files: Dict[str, str]) -> Path:
    package = root / "invoke"
    for relative, source in files.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    return package


def _synthetic(tmp_path: Path, util_source: str) -> Path:
    return _write(
        tmp_path,
        {
            "__init__.py": "",
            "util.py": util_source,
            "program.py": "from .util import helper\n",
            "_cli/__init__.py": "",
            "_cli/render.py": "from ..util import helper\n",
        },
    )


def test_an_upward_import_is_reported(tmp_path: Path) -> None:
    package = _synthetic(tmp_path, "from .program import Program\n")
    problems = layer_violations(import_graph(package))
    assert problems == ["invoke.util:1 (ground) imports invoke.program (command line), a higher layer"]


def test_an_upward_lazy_import_is_reported_unless_documented(tmp_path: Path) -> None:
    package = _synthetic(tmp_path, "def helper():\n    from ._cli import render\n    return render\n")
    graph = import_graph(package)
    assert layer_violations(graph) == [
        "invoke.util:2 (ground) lazily imports invoke._cli.render (command line), a higher layer"
    ]
    documented = {("invoke.util", "invoke._cli.render"): "a reason"}
    assert layer_violations(graph, exceptions=documented) == []


def test_a_type_only_import_is_not_an_import(tmp_path: Path) -> None:
    package = _synthetic(
        tmp_path,
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .program import Program\n"
        "else:\n    Program = None\n",
    )
    graph = import_graph(package)
    assert layer_violations(graph) == []
    assert circles(graph) == []


def test_a_circle_is_reported_even_within_one_layer(tmp_path: Path) -> None:
    package = _synthetic(tmp_path, "from . import terminals\ndef helper():\n    pass\n")
    (package / "terminals.py").write_text("def size():\n    from .util import helper\n")
    graph = import_graph(package)
    assert layer_violations(graph) == []
    assert circles(graph) == [["invoke.terminals", "invoke.util"]]


def test_a_module_in_no_layer_is_reported(tmp_path: Path) -> None:
    package = _synthetic(tmp_path, "")
    (package / "_misc.py").write_text("")
    assert layer_violations(import_graph(package)) == ["invoke._misc is in no layer"]


@pytest.mark.parametrize(
    "module, layer",
    [
        ("invoke._running.local", "running"),
        ("invoke._config.proxy", "configuration"),
        ("invoke._tasks.binding", "tasks"),
        ("invoke._cli.phases", "command line"),
        ("invoke.parser._machine", "parser"),
        ("invoke.vendor.lexicon", "ground"),
        ("invoke", "entry points"),
    ],
)
def test_layer_lookup(module: str, layer: str) -> None:
    found = layer_of(module)
    assert found is not None and LAYERS[found][0] == layer
