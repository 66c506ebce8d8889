"""`FilesystemLoader`: finding tasks.py or a tasks/ package upward, and importing it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from invoke import Config
from invoke.exceptions import CollectionNotFound
from invoke.loader import FilesystemLoader, Loader


@pytest.fixture
def clean_import_state():
    path, modules = list(sys.path), set(sys.modules)
    yield
    sys.path[:] = path
    for name in set(sys.modules) - modules:
        del sys.modules[name]


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_finds_tasks_module_in_start_directory(tmp_path, clean_import_state):
    _write(tmp_path / "tasks.py", "MARK = 'here'\n")
    module, location = FilesystemLoader(start=str(tmp_path)).load()
    assert module.MARK == "here"
    assert location == str(tmp_path)


def test_searches_upward_from_start(tmp_path, clean_import_state):
    _write(tmp_path / "tasks.py", "MARK = 'root'\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    module, location = FilesystemLoader(start=str(deep)).load()
    assert (module.MARK, location) == ("root", str(tmp_path))


def test_start_defaults_to_cwd_then_search_root_setting(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert FilesystemLoader().start == str(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    config = Config(overrides={"tasks": {"search_root": str(other)}})
    assert FilesystemLoader(config=config).start == str(other)


def test_package_location_is_next_to_the_package(tmp_path, clean_import_state):
    _write(tmp_path / "tasks" / "__init__.py", "from .helper import VALUE\n")
    _write(tmp_path / "tasks" / "helper.py", "VALUE = 5\n")
    module, location = FilesystemLoader(start=str(tmp_path)).load()
    assert module.VALUE == 5
    # Project config is looked for next to, not inside, the package.
    assert location == str(tmp_path)


def test_named_collection(tmp_path, clean_import_state):
    _write(tmp_path / "ops.py", "MARK = 'ops'\n")
    module, _ = FilesystemLoader(start=str(tmp_path)).load("ops")
    assert module.MARK == "ops"


def test_collection_name_setting_is_the_default_name(tmp_path, clean_import_state):
    _write(tmp_path / "fabfile.py", "MARK = 'fab'\n")
    config = Config(overrides={"tasks": {"collection_name": "fabfile"}})
    module, _ = FilesystemLoader(config=config, start=str(tmp_path)).load()
    assert module.MARK == "fab"


def test_missing_module_raises_collection_not_found(tmp_path):
    with pytest.raises(CollectionNotFound) as info:
        FilesystemLoader(start=str(tmp_path)).load("nothing_here_at_all")
    assert info.value.name == "nothing_here_at_all"
    assert info.value.start == str(tmp_path)


def test_find_returns_none_when_absent(tmp_path):
    assert FilesystemLoader(start=str(tmp_path)).find("nothing_here_at_all") is None


def test_module_directory_is_added_to_sys_path_once(tmp_path, clean_import_state):
    _write(tmp_path / "tasks.py", "import sibling\nMARK = sibling.MARK\n")
    _write(tmp_path / "sibling.py", "MARK = 'sib'\n")
    loader = FilesystemLoader(start=str(tmp_path))
    module, _ = loader.load()
    assert module.MARK == "sib"
    loader.load()
    assert sys.path.count(str(tmp_path)) == 1


def test_failed_import_leaves_no_half_module(tmp_path, clean_import_state):
    _write(tmp_path / "broken_tasks.py", "raise ValueError('boom')\n")
    with pytest.raises(ValueError, match="boom"):
        FilesystemLoader(start=str(tmp_path)).load("broken_tasks")
    assert "broken_tasks" not in sys.modules


def test_custom_loader_subclass_only_needs_find(tmp_path, clean_import_state):
    path = _write(tmp_path / "elsewhere" / "mytasks.py", "MARK = 'custom'\n")

    class FixedLoader(Loader):
        def find(self, name):
            from importlib.util import spec_from_file_location

            return spec_from_file_location(name, str(path))

    module, location = FixedLoader().load("mytasks")
    assert (module.MARK, location) == ("custom", str(path.parent))
    assert os.path.isdir(location)


def test_relative_start_searches_above_itself_too(tmp_path, monkeypatch, clean_import_state):
    # Upstream walks up a relative start only through its own components
    # ("a/b", then "a"), so `inv -r a/b` misses a tasks.py in the current
    # directory; the search resolves the start first here (the attribute
    # itself stays as given, as upstream's does).
    _write(tmp_path / "tasks.py", "MARK = 'root'\n")
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    loader = FilesystemLoader(start=os.path.join("a", "b"))
    assert loader.start == os.path.join("a", "b")
    module, location = loader.load()
    assert (module.MARK, location) == ("root", str(tmp_path))


def test_a_collection_name_is_a_module_name_not_a_path(tmp_path, monkeypatch):
    # ``-c ./tasks`` or ``-c /abs/tasks`` is not found, as upstream: the
    # name is joined to each searched directory, never used as a path.
    _write(tmp_path / "tasks.py", "MARK = 'root'\n")
    monkeypatch.chdir(tmp_path)
    loader = FilesystemLoader()
    assert loader.find(os.path.join(".", "tasks")) is None
    assert loader.find(str(tmp_path / "tasks")) is None
    with pytest.raises(CollectionNotFound):
        loader.load(str(tmp_path / "tasks"))
