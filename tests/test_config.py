"""Config: defaults, the nine levels, file formats, proxies, clone, subclasses."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Dict

import pytest

from invoke.config import (
    AmbiguousMergeError,
    Config,
    ConfigFileError,
    DataProxy,
    copy_dict,
    excise,
    merge_dicts,
    obliterate,
)
from invoke.exceptions import UnknownFileType, UnpicklableConfigMember
from invoke.runners import Local

SUPPORT = Path(__file__).parent / "_support" / "config"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the real home directory and INVOKE_* variables out of every test."""
    for name in list(os.environ):
        if name.startswith(("INVOKE_", "FABRIC_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def make_config(tmp_path: Path, **kwargs: Any) -> Config:
    """A Config whose system and user files live under ``tmp_path``."""
    kwargs.setdefault("system_prefix", str(tmp_path / "etc") + os.sep)
    kwargs.setdefault("user_prefix", str(tmp_path / "user") + os.sep + ".")
    return Config(**kwargs)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


# -- defaults -----------------------------------------------------------------


def test_global_defaults_match_invoke_tree() -> None:
    defaults = Config.global_defaults()
    assert sorted(defaults) == ["run", "runners", "sudo", "tasks", "timeouts"]
    assert defaults["run"] == {
        "asynchronous": False,
        "disown": False,
        "dry": False,
        "echo": False,
        "echo_stdin": None,
        "encoding": None,
        "env": {},
        "err_stream": None,
        "fallback": True,
        "hide": None,
        "in_stream": None,
        "out_stream": None,
        "echo_format": "\x1b[1;37m{command}\x1b[0m",
        "pty": False,
        "replace_env": False,
        "shell": "bash",
        "warn": False,
        "watchers": [],
    }
    assert defaults["runners"] == {"local": Local}
    assert defaults["sudo"] == {"password": None, "prompt": "[sudo] password: ", "user": None}
    assert defaults["tasks"] == {
        "auto_dash_names": True,
        "collection_name": "tasks",
        "dedupe": True,
        "executor_class": None,
        "ignore_unknown_help": False,
        # Ours: parallel execution (-j, --keep-going, --output-mode).
        "jobs": 1,
        "keep_going": False,
        "output_mode": "prefixed",
        "search_root": None,
    }
    assert defaults["timeouts"] == {"command": None}


def test_global_defaults_returns_a_fresh_dict_each_time() -> None:
    Config.global_defaults()["run"]["echo"] = True
    assert Config.global_defaults()["run"]["echo"] is False


def test_global_defaults_reads_module_local_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import invoke.config

    class Patched(Local):
        pass

    monkeypatch.setattr(invoke.config, "Local", Patched)
    assert Config.global_defaults()["runners"]["local"] is Patched


def test_config_uses_overridden_global_defaults(tmp_path: Path) -> None:
    class Minimal(Config):
        @staticmethod
        def global_defaults() -> Dict[str, Any]:
            return {"run": {"echo": True}, "extra": 1}

    config = Minimal(lazy=True)
    assert config.run.echo is True
    assert config.extra == 1
    assert "tasks" not in config


def test_defaults_argument_replaces_global_defaults() -> None:
    config = Config(defaults={"only": "this"}, lazy=True)
    assert dict(config.items()) == {"only": "this"}


def test_positional_argument_is_overrides() -> None:
    config = Config({"run": {"echo": True}}, lazy=True)
    assert config.run.echo is True
    assert config.run.warn is False


# -- access -------------------------------------------------------------------


def test_attribute_and_item_access_agree() -> None:
    config = Config(lazy=True)
    assert config.run.echo is config["run"]["echo"] is False
    assert isinstance(config.run, DataProxy)


def test_dict_methods_are_proxied() -> None:
    config = Config(defaults={"a": 1, "b": {"c": 2}}, lazy=True)
    assert sorted(config.keys()) == ["a", "b"]
    assert config.get("a") == 1
    assert config.get("missing", "fallback") == "fallback"
    assert ("a", 1) in list(config.items())
    assert len(config) == 2
    assert "b" in config
    assert sorted(config) == ["a", "b"]


def test_missing_key_error_lists_valid_keys() -> None:
    config = Config(defaults={"a": 1}, lazy=True)
    with pytest.raises(AttributeError) as info:
        config.nope
    message = str(info.value)
    assert message.startswith("No attribute or config key found for 'nope'\n\nValid keys: ['a']")
    assert "'clone'" in message


def test_missing_item_is_key_error() -> None:
    with pytest.raises(KeyError):
        Config(lazy=True)["nope"]


def test_equality_compares_data() -> None:
    assert Config(defaults={"a": 1}, lazy=True) == {"a": 1}
    assert Config(defaults={"a": 1}, lazy=True) == Config(defaults={"a": 1}, lazy=True)
    assert Config(defaults={"a": 1}, lazy=True) != {"a": 2}


def test_repr_shows_class_and_data() -> None:
    assert repr(Config(defaults={"a": 1}, lazy=True)) == "<Config: {'a': 1}>"
    assert repr(Config(defaults={"a": {"b": 1}}, lazy=True).a) == "<DataProxy: {'b': 1}>"


def test_config_is_unhashable() -> None:
    with pytest.raises(TypeError):
        hash(Config(lazy=True))


def test_from_data_wraps_a_plain_dict() -> None:
    proxy = DataProxy.from_data({"a": {"b": 1}})
    assert proxy.a.b == 1
    proxy.a.b = 2
    assert proxy["a"]["b"] == 2


# -- modifications and deletions -------------------------------------------------


def test_nested_attribute_write_survives_merge() -> None:
    config = Config(lazy=True)
    config.run.echo = True
    config.merge()
    assert config.run.echo is True


def test_top_level_write_survives_merge() -> None:
    config = Config(lazy=True)
    config.brand_new = {"deep": 1}
    config["other"] = 2
    config.merge()
    assert config.brand_new.deep == 1
    assert config.other == 2


def test_write_to_new_nested_dict_survives_merge() -> None:
    config = Config(lazy=True)
    config.section = {}
    config.section.key = "value"
    config.merge()
    assert config.section.key == "value"


def test_modifications_beat_every_level() -> None:
    config = Config({"run": {"echo": False}}, lazy=True)
    config.run.echo = True
    config.load_overrides({"run": {"echo": False}})
    assert config.run.echo is True


def test_deletions_survive_merge_and_reloads() -> None:
    config = Config(lazy=True)
    del config.run.echo
    del config["timeouts"]
    config.load_overrides({"run": {"echo": True}, "timeouts": {"command": 5}})
    assert "echo" not in config.run
    assert "timeouts" not in config


def test_setting_a_deleted_key_brings_it_back() -> None:
    config = Config(lazy=True)
    del config.run.echo
    config.run.echo = "again"
    config.merge()
    assert config.run.echo == "again"


def test_deleting_a_modified_key_forgets_the_modification() -> None:
    config = Config(lazy=True)
    config.run.newkey = 1
    del config.run.newkey
    config.merge()
    assert "newkey" not in config.run


@pytest.mark.parametrize(
    "action, key",
    [
        (lambda run: run.pop("echo"), "echo"),
        (lambda run: run.popitem(), None),
        (lambda run: run.clear(), "warn"),
    ],
    ids=["pop", "popitem", "clear"],
)
def test_removing_methods_are_tracked(action: Any, key: Any) -> None:
    config = Config(lazy=True)
    before = set(config.run.keys())
    action(config.run)
    config.merge()
    after = set(config.run.keys())
    assert len(after) < len(before)
    if key is not None:
        assert key not in after


def test_pop_returns_value_or_default() -> None:
    config = Config(defaults={"a": 1}, lazy=True)
    assert config.pop("missing", "dflt") == "dflt"
    assert config.pop("a") == 1
    with pytest.raises(KeyError):
        config.pop("a")


def test_setdefault_and_update_are_tracked() -> None:
    config = Config(lazy=True)
    assert config.run.setdefault("brand_new", 3) == 3
    assert config.run.setdefault("echo", True) is False
    config.run.update({"warn": "w"}, pty="p")
    config.merge()
    assert (config.run.brand_new, config.run.echo, config.run.warn, config.run.pty) == (
        3,
        False,
        "w",
        "p",
    )


def test_a_section_read_from_a_config_can_be_written_back() -> None:
    # Reading a section gives a proxy; storing that proxy must store its data.
    source = Config({"run": {"echo": True}, "deploy": {"target": "qa"}}, lazy=True)
    config = Config(lazy=True)
    config.run = source.run
    config.deploy = source.deploy
    config.merge()
    assert config.run.echo is True
    assert config.deploy == {"target": "qa"}
    assert type(config._config["deploy"]) is dict
    config.deploy.target = "prod"
    assert source.deploy.target == "qa"
    config.load_collection({"deploy": {"region": "eu"}})
    assert config.deploy == {"target": "prod", "region": "eu"}


def test_update_from_another_config_merges_its_sections() -> None:
    config = Config(lazy=True)
    config.update(Config({"run": {"warn": True}}, lazy=True, defaults={}))
    config.merge()
    assert config.run.warn is True
    assert config.run.echo is False


def test_real_attributes_stay_attributes() -> None:
    config = Config(lazy=True)
    # The rule is Invoke's: only names already in dir() are real attributes.
    config._not_yet_real = 5
    assert config["_not_yet_real"] == 5
    config.prefix = "changed"
    assert "prefix" not in config
    assert config.prefix == "changed"


def test_set_is_usable_before_init() -> None:
    class Early(Config):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self._set(_mine="early")
            self._set("_other", 2)
            super().__init__(*args, **kwargs)
            self._mine = "later"

    config = Early(lazy=True)
    assert config._mine == "later"
    assert config._other == 2
    assert "_mine" not in config


# -- merge helpers ------------------------------------------------------------


def test_merge_dicts_merges_nested_and_copies() -> None:
    inner = {"c": 1}
    items = [1]
    base = {"a": {"b": 1}}
    result = merge_dicts(base, {"a": {"x": 2}, "d": inner, "l": items})
    assert result is base
    assert base == {"a": {"b": 1, "x": 2}, "d": {"c": 1}, "l": [1]}
    assert base["d"] is not inner
    assert base["l"] is not items


def test_merge_dicts_refuses_dict_over_value_and_back() -> None:
    with pytest.raises(AmbiguousMergeError, match=r"Can't cleanly merge <class 'int'> \(1\) with <class 'dict'> \(\{'b': 2\}\)"):
        merge_dicts({"a": 1}, {"a": {"b": 2}})
    with pytest.raises(AmbiguousMergeError, match="Can't cleanly merge <class 'dict'>"):
        merge_dicts({"a": {"b": 1}}, {"a": 2})


def test_merge_dicts_treats_none_updates_as_empty() -> None:
    base = {"a": 1}
    assert merge_dicts(base, None) is base  # type: ignore[arg-type]
    assert base == {"a": 1}


def test_copy_dict_is_deep_for_dicts() -> None:
    source = {"a": {"b": {"c": 1}}}
    copied = copy_dict(source)
    copied["a"]["b"]["c"] = 2
    assert source["a"]["b"]["c"] == 1


def test_excise_removes_leaf_and_ignores_missing() -> None:
    data = {"a": {"b": 1, "c": 2}}
    excise(data, ("a", "b"))
    excise(data, ("a", "zz"))
    excise(data, ("nope", "zz"))
    assert data == {"a": {"c": 2}}


def test_obliterate_removes_marked_keys() -> None:
    data = {"a": {"b": 1, "c": 2}, "x": 1, "y": 5}
    obliterate(data, {"a": {"b": None}, "x": None, "missing": None, "y": {"sub": None}})
    assert data == {"a": {"c": 2}, "y": 5}


def test_uncopyable_values_are_shared_not_refused() -> None:
    import threading

    lock = threading.Lock()
    config = Config({"lock": lock}, lazy=True)
    config.run.out_stream = sys.stdout
    config.merge()
    assert config.lock is lock
    assert config.run.out_stream is sys.stdout


def test_value_whose_copy_fails_is_shared() -> None:
    class Handle:
        def __copy__(self) -> "Handle":
            raise RuntimeError("handles can't be copied")

    handle = Handle()
    config = Config(lazy=True)
    config.handle = handle
    config.merge()
    assert config.handle is handle


def test_merge_conflict_names_the_level_and_file(tmp_path: Path) -> None:
    write(tmp_path / "project" / "invoke.yaml", "run: true\n")
    config = make_config(tmp_path, project_location=tmp_path / "project")
    with pytest.raises(AmbiguousMergeError) as info:
        config.load_project()
    assert "project config file" in str(info.value)
    assert str(tmp_path / "project" / "invoke.yaml") in str(info.value)


# -- files: formats -----------------------------------------------------------


@pytest.mark.parametrize("kind", ["yaml", "yml", "json", "python"])
def test_project_file_of_each_format_loads(tmp_path: Path, kind: str) -> None:
    config = make_config(tmp_path, project_location=SUPPORT / kind)
    config.load_project()
    expected = "python" if kind == "python" else kind
    assert config.outer.inner.hooray == expected


_FORMAT_TEXT = {
    "yaml": "hello:\n  where: {level}\n",
    "yml": "hello:\n  where: {level}\n",
    "json": '{{"hello": {{"where": "{level}"}}}}',
    "py": "hello = {{'where': '{level}'}}\n",
}


@pytest.mark.parametrize("suffix", sorted(_FORMAT_TEXT))
@pytest.mark.parametrize("level", ["system", "user", "project", "runtime"])
def test_every_level_reads_every_format(tmp_path: Path, level: str, suffix: str) -> None:
    text = _FORMAT_TEXT[suffix].format(level=level)
    paths = {
        "system": tmp_path / "etc" / f"invoke.{suffix}",
        "user": tmp_path / "user" / f".invoke.{suffix}",
        "project": tmp_path / "project" / f"invoke.{suffix}",
        "runtime": tmp_path / f"anything.{suffix}",
    }
    write(paths[level], text)
    kwargs: Dict[str, Any] = {"project_location": tmp_path / "project"}
    if level == "runtime":
        kwargs["runtime_path"] = paths["runtime"]
    config = make_config(tmp_path, **kwargs)
    config.load_project()
    if level == "runtime":
        config.load_runtime()
    assert config.hello.where == level
    assert getattr(config, f"_{level}_path") == str(paths[level])


def test_python_file_keeps_private_names_but_not_dunders(tmp_path: Path) -> None:
    config = make_config(tmp_path, project_location=SUPPORT / "python")
    config.load_project()
    assert config["_private_too"] == 1
    assert "__builtins__" not in config


def test_only_first_format_found_is_loaded(tmp_path: Path) -> None:
    config = make_config(tmp_path, project_location=SUPPORT / "all-formats")
    config.load_project()
    assert config.format == "yaml"
    assert config._project_path == str(SUPPORT / "all-formats" / "invoke.yaml")


def test_system_and_user_files_load_at_init(tmp_path: Path) -> None:
    write(tmp_path / "etc" / "invoke.yaml", "level: system\nsystem_only: 1\n")
    write(tmp_path / "user" / ".invoke.json", '{"level": "user"}')
    config = make_config(tmp_path)
    assert config.level == "user"
    assert config.system_only == 1


def test_lazy_config_reads_no_files(tmp_path: Path) -> None:
    write(tmp_path / "etc" / "invoke.yaml", "level: system\n")
    config = make_config(tmp_path, lazy=True)
    assert "level" not in config
    config.load_base_conf_files()
    assert "level" not in config
    config.merge()
    assert config.level == "system"


def test_default_prefixes_are_etc_and_home(tmp_path: Path) -> None:
    write(tmp_path / "home" / ".invoke.yaml", "from_home: true\n")
    config = Config(lazy=True)
    assert config._system_prefix == "/etc/"
    assert config._user_prefix == "~/."
    config.load_user()
    assert config.from_home is True


def test_files_are_read_only_once(tmp_path: Path) -> None:
    path = write(tmp_path / "project" / "invoke.yaml", "value: first\n")
    config = make_config(tmp_path, project_location=tmp_path / "project")
    config.load_project()
    path.write_text("value: second\n")
    config.load_project()
    assert config.value == "first"


def test_set_project_location_again_rereads(tmp_path: Path) -> None:
    path = write(tmp_path / "project" / "invoke.yaml", "value: first\n")
    config = make_config(tmp_path)
    config.set_project_location(tmp_path / "project")
    config.load_project()
    path.write_text("value: second\n")
    config.set_project_location(str(tmp_path / "project"))
    config.load_project()
    assert config.value == "second"


def test_load_project_without_location_does_nothing(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config.load_project()
    assert config._project_found is None


def test_runtime_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path / "rt.yml", "run:\n  warn: true\n")
    config = make_config(tmp_path, runtime_path=path)
    config.load_runtime()
    assert config.run.warn is True


def test_set_runtime_path_then_load(tmp_path: Path) -> None:
    path = write(tmp_path / "rt.json", '{"tasks": {"dedupe": false}}')
    config = make_config(tmp_path)
    config.set_runtime_path(str(path))
    config.load_runtime(merge=False)
    assert config.tasks.dedupe is True
    config.merge()
    assert config.tasks.dedupe is False


def test_load_runtime_without_path_does_nothing(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config.load_runtime()
    assert config._runtime == {}


def test_empty_file_is_no_settings(tmp_path: Path) -> None:
    config = make_config(tmp_path, runtime_path=SUPPORT / "errors" / "empty.yaml")
    config.load_runtime()
    assert config._runtime == {}


# -- files: errors ------------------------------------------------------------


def test_missing_runtime_file_is_an_error(tmp_path: Path) -> None:
    config = make_config(tmp_path, runtime_path=tmp_path / "missing.yaml")
    with pytest.raises(ConfigFileError) as info:
        config.load_runtime()
    assert str(info.value) == f"Config file not found: {str(tmp_path / 'missing.yaml')!r}"


def test_unknown_file_type_is_one_line(tmp_path: Path) -> None:
    path = SUPPORT / "errors" / "settings.ini"
    config = make_config(tmp_path, runtime_path=path)
    with pytest.raises(UnknownFileType) as info:
        config.load_runtime()
    assert str(info.value) == (
        f"Config files of type 'ini' (from file {str(path)!r}) are not supported! "
        "Please use one of: ('yaml', 'yml', 'json', 'py')"
    )


@pytest.mark.parametrize(
    "name, expected",
    [
        ("bad.yaml", "has a syntax error at line 3: expected the node content, but found '<stream end>'"),
        ("bad.json", "has a syntax error at line 2: Expecting value"),
        ("bad_syntax.py", "has a syntax error at line 2:"),
        ("bad_name.py", "failed at line 2: NameError: name 'undefined_name' is not defined"),
        ("list.yaml", "must contain a mapping of settings at the top level, not a list"),
    ],
)
def test_broken_file_is_one_line_error_naming_file_and_line(
    tmp_path: Path, name: str, expected: str
) -> None:
    path = SUPPORT / "errors" / name
    config = make_config(tmp_path, runtime_path=path)
    with pytest.raises(ConfigFileError) as info:
        config.load_runtime()
    message = str(info.value)
    assert message.startswith(f"Config file {str(path)!r} ")
    assert expected in message
    assert "\n" not in message


def test_yaml_file_without_pyyaml_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "project" / "invoke.yaml", "a: 1\n")
    monkeypatch.setitem(sys.modules, "yaml", None)  # makes `import yaml` fail
    config = make_config(tmp_path, project_location=tmp_path / "project")
    with pytest.raises(ConfigFileError) as info:
        config.load_project()
    assert str(info.value) == (
        f"Config file {str(tmp_path / 'project' / 'invoke.yaml')!r} is YAML, "
        "which needs the PyYAML package (pip install PyYAML)"
    )


@pytest.mark.parametrize(
    "name, content",
    [
        ("bom.yaml", "\ufeffa: 1\n".encode("utf-8")),
        ("bom.json", '\ufeff{"a": 1}'.encode("utf-8")),
        ("bom.py", "\ufeffa = 1\n".encode("utf-8")),
        # Python files may declare their encoding, as any Python source.
        ("latin.py", "# -*- coding: latin-1 -*-\na = 'caf\u00e9'\n".encode("latin-1")),
    ],
)
def test_files_with_a_bom_or_python_coding_line_load(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    config = make_config(tmp_path, runtime_path=path)
    config.load_runtime()
    assert config.a == ("caf\u00e9" if name == "latin.py" else 1)


def test_broken_project_file_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "project" / "invoke.yaml", "a: b: c\n")
    config = make_config(tmp_path, project_location=tmp_path / "project")
    with pytest.raises(ConfigFileError, match="invoke.yaml' has a syntax error at line 1"):
        config.load_project()


def test_python_file_importing_a_module_is_rejected(tmp_path: Path) -> None:
    config = make_config(tmp_path, runtime_path=SUPPORT / "errors" / "module.py")
    with pytest.raises(UnpicklableConfigMember) as info:
        config.load_runtime()
    assert str(info.value).startswith("'os' is a module, which can't be used as a config value.")


def test_unreadable_path_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    config = make_config(tmp_path, runtime_path=tmp_path / "dir.yaml")
    with pytest.raises(ConfigFileError, match="Cannot read config file"):
        config.load_runtime()


# -- pyproject.toml -------------------------------------------------------------

needs_toml = pytest.mark.skipif(
    sys.version_info < (3, 11) and not __import__("importlib").util.find_spec("tomli"),
    reason="no TOML parser",
)


@needs_toml
def test_pyproject_tool_invoke_is_project_config(tmp_path: Path) -> None:
    config = make_config(tmp_path, project_location=SUPPORT / "pyproject")
    config.load_project()
    assert config.from_pyproject is True
    assert config.run.echo is True
    assert "project" not in config


@needs_toml
def test_invoke_file_wins_over_pyproject_but_both_count(tmp_path: Path) -> None:
    config = make_config(tmp_path, project_location=SUPPORT / "pyproject-and-file")
    config.load_project()
    assert config.shared == "yaml"
    assert config.only_pyproject == 1
    assert config.only_yaml == 2


@needs_toml
def test_pyproject_without_tool_table_adds_nothing(tmp_path: Path) -> None:
    write(tmp_path / "project" / "pyproject.toml", "[project]\nname = 'x'\n")
    config = make_config(tmp_path, project_location=tmp_path / "project")
    config.load_project()
    assert config == Config.global_defaults()


@needs_toml
def test_broken_pyproject_is_one_line_error(tmp_path: Path) -> None:
    path = write(tmp_path / "project" / "pyproject.toml", "[tool.invoke\n")
    config = make_config(tmp_path, project_location=tmp_path / "project")
    with pytest.raises(ConfigFileError) as info:
        config.load_project()
    assert str(info.value).startswith(f"Config file {str(path)!r} has a syntax error")
    assert "\n" not in str(info.value)


# -- precedence ---------------------------------------------------------------


def test_all_nine_levels_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    levels = [
        "defaults",
        "collection",
        "system",
        "user",
        "project",
        "env",
        "runtime",
        "overrides",
        "modification",
    ]
    # Key N is set by levels 0..N, so level N must be the one that shows.
    keys = {f"k{i}": name for i, name in enumerate(levels)}

    def upto(index: int) -> Dict[str, str]:
        return {key: levels[index] for key in list(keys)[index:]}

    def yaml(data: Dict[str, str]) -> str:
        return "".join(f"{key}: {value}\n" for key, value in data.items())

    write(tmp_path / "etc" / "invoke.yaml", yaml(upto(2)))
    write(tmp_path / "user" / ".invoke.yaml", yaml(upto(3)))
    write(tmp_path / "project" / "invoke.yaml", yaml(upto(4)))
    for key in upto(5):
        monkeypatch.setenv(f"INVOKE_{key.upper()}", "env")
    runtime = write(tmp_path / "runtime.yaml", yaml(upto(6)))

    config = make_config(
        tmp_path,
        defaults=upto(0),
        overrides=upto(7),
        project_location=tmp_path / "project",
        runtime_path=runtime,
    )
    config.load_collection(upto(1))
    config.load_project()
    config.load_runtime()
    config.load_shell_env()
    config.k8 = "modification"
    config.merge()
    assert {key: config[key] for key in keys} == keys


def test_env_only_sets_keys_known_from_lower_levels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INVOKE_FROM_PROJECT", "env")
    monkeypatch.setenv("INVOKE_UNKNOWN", "env")
    write(tmp_path / "project" / "invoke.yaml", "from_project: file\n")
    config = make_config(tmp_path, project_location=tmp_path / "project")
    config.load_project()
    config.load_shell_env()
    assert config.from_project == "env"
    assert "unknown" not in config


def test_load_methods_can_defer_merging(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config.load_overrides({"a": 1}, merge=False)
    config.load_collection({"b": 2}, merge=False)
    config.load_defaults({"c": 3}, merge=False)
    assert "a" not in config and "b" not in config and "c" not in config
    config.merge()
    assert (config.a, config.b, config.c) == (1, 2, 3)
    assert "run" not in config


def test_merge_rereads_the_overrides_dict(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config._overrides["run"] = {"echo": True}
    config.merge()
    assert config.run.echo is True


# -- clone --------------------------------------------------------------------


def test_clone_is_independent_and_equal(tmp_path: Path) -> None:
    write(tmp_path / "etc" / "invoke.yaml", "sys: 1\n")
    config = make_config(tmp_path, overrides={"o": {"x": 1}})
    config.load_collection({"coll": {"y": 2}})
    config.modified = "yes"
    del config.run.echo
    clone = config.clone()
    assert clone == config
    assert type(clone) is Config
    clone.coll.y = 3
    clone.o.x = 9
    assert config.coll.y == 2
    assert config.o.x == 1
    clone.merge()
    assert clone.modified == "yes"
    assert "echo" not in clone.run


def test_clone_does_not_reread_files(tmp_path: Path) -> None:
    path = write(tmp_path / "project" / "invoke.yaml", "v: 1\n")
    config = make_config(tmp_path, project_location=tmp_path / "project")
    config.load_project()
    path.write_text("v: 2\n")
    clone = config.clone()
    clone.load_project()
    assert clone.v == 1


class FabricLikeConfig(Config):
    """Modelled on what Fabric's Config does to invoke's."""

    prefix = "fabric"

    @staticmethod
    def global_defaults() -> Dict[str, Any]:
        defaults = Config.global_defaults()
        merge_dicts(defaults, {"port": 22, "tasks": {"collection_name": "fabfile"}})
        return defaults

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        ssh_config = kwargs.pop("ssh_config", None)
        self._set(base_ssh_config=ssh_config or {"loaded": "fresh"})
        self._set(_runtime_ssh_path=None)
        super().__init__(*args, **kwargs)

    def clone(self, *args: Any, **kwargs: Any) -> "FabricLikeConfig":
        new = super().clone(*args, **kwargs)
        new._set(_runtime_ssh_path=self._runtime_ssh_path)
        return new  # type: ignore[return-value]

    def _clone_init_kwargs(self, *args: Any, **kwargs: Any) -> Dict[str, Any]:
        kwargs = super()._clone_init_kwargs(*args, **kwargs)
        return dict(kwargs, ssh_config=self.base_ssh_config)


def test_subclass_clone_passes_extra_init_kwargs(tmp_path: Path) -> None:
    config = FabricLikeConfig(lazy=True)
    config._runtime_ssh_path = "/x"
    assert "_runtime_ssh_path" not in config
    config.base_ssh_config["loaded"] = "once"
    clone = config.clone()
    assert type(clone) is FabricLikeConfig
    assert clone.base_ssh_config == {"loaded": "once"}
    assert clone._runtime_ssh_path == "/x"
    assert clone.port == 22


def test_clone_into_upgrades_to_subclass(tmp_path: Path) -> None:
    config = make_config(tmp_path)
    config.run.echo = True
    upgraded = config.clone(into=FabricLikeConfig)
    assert type(upgraded) is FabricLikeConfig
    assert upgraded.port == 22
    assert upgraded.tasks.collection_name == "fabfile"
    assert upgraded.run.echo is True


def test_clone_into_non_config_is_clear_error() -> None:
    with pytest.raises(TypeError, match="needs a Config subclass"):
        Config(lazy=True).clone(into=dict)  # type: ignore[arg-type]


def test_prefix_renames_files_and_env_vars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = FabricLikeConfig(
        system_prefix=str(tmp_path / "etc") + "/",
        user_prefix=str(tmp_path / "u") + "/.",
        project_location=SUPPORT / "prefixed",
    )
    config.load_project()
    assert config.hooray == "fabric"
    monkeypatch.setenv("FABRIC_PORT", "2222")
    monkeypatch.setenv("INVOKE_PORT", "1")
    config.load_shell_env()
    assert config.port == 2222


def test_file_and_env_prefix_can_differ(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Custom(Config):
        file_prefix = "fabric"
        env_prefix = "MINE"

    config = Custom(lazy=True, project_location=SUPPORT / "prefixed")
    config.load_project()
    assert config.hooray == "fabric"
    monkeypatch.setenv("MINE_HOORAY", "env")
    config.load_shell_env()
    assert config.hooray == "env"


def test_merge_conflict_message_names_the_setting(tmp_path: Path) -> None:
    path = write(tmp_path / "rt.yaml", "run:\n  env: oops\n")
    config = make_config(tmp_path, runtime_path=path)
    with pytest.raises(AmbiguousMergeError) as info:
        config.load_runtime()
    assert str(info.value) == (
        f"Setting 'run.env' is the value 'oops' in the runtime config file {path} but a "
        "section (mapping) in a lower level; a section can't be replaced by a value or "
        "the other way round"
    )


def test_config_without_files_imports_no_parsers() -> None:
    import subprocess

    code = (
        "import sys; from invoke.config import Config; Config().load_shell_env();"
        "print(sorted(m for m in ('yaml', 'json', 'tomllib', 'unittest.mock') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, HOME="/nonexistent"),
    )
    assert out.stdout.strip() == "[]"


def test_runtime_path_may_start_with_tilde(tmp_path: Path) -> None:
    write(tmp_path / "home" / "ci.yaml", "from_home_runtime: 1\n")
    config = make_config(tmp_path, runtime_path="~/ci.yaml")
    config.load_runtime()
    assert config.from_home_runtime == 1


def test_merge_shares_file_like_and_mock_values_but_copies_lists():
    import io
    from unittest.mock import MagicMock

    from invoke.config import merge_dicts

    stream, mock, items = io.StringIO(), MagicMock(), [1]
    merged = merge_dicts({}, {"s": stream, "m": mock, "l": items})
    assert merged["s"] is stream
    assert merged["m"] is mock
    assert merged["l"] == items and merged["l"] is not items


def test_config_keeps_a_patched_runner_class_identity():
    # Fabric patches its Remote runner class with a Mock and then expects
    # config.runners to hand back that very object.
    from unittest.mock import MagicMock

    from invoke import Config

    runner = MagicMock()
    config = Config(overrides={"runners": {"remote": runner}})
    assert config.runners.remote is runner


def test_runtime_write_that_clashes_is_refused_and_forgotten() -> None:
    config = Config(lazy=True)
    with pytest.raises(AmbiguousMergeError, match="Setting 'timeouts' is the value 5 in the runtime modifications"):
        config.timeouts = 5
    # The refused write must not linger: the value is untouched and later
    # merges (the next task's collection config...) still work.
    assert config.timeouts == {"command": None}
    config.merge()
    config.load_collection({"x": 1})
    assert config.x == 1
    config.timeouts.command = 3
    assert config.timeouts.command == 3


def test_nested_runtime_write_that_clashes_is_refused_and_forgotten() -> None:
    config = Config(lazy=True)
    config.run.echo = True
    with pytest.raises(AmbiguousMergeError, match="Setting 'run.env'"):
        config.run.env = "x"
    assert config.run.env == {}
    assert config.run.echo is True
    config.merge()
    assert config.run.echo is True
