"""Environment: INVOKE_* variables for existing settings, cast to their types."""

from __future__ import annotations

import os
from typing import Any, Dict

import pytest

from invoke.config import Config
from invoke.env import Environment
from invoke.exceptions import AmbiguousEnvVar, UncastableEnvVar


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("INVOKE_", "CUSTOM_")):
            monkeypatch.delenv(name)


def loaded(defaults: Dict[str, Any]) -> Config:
    config = Config(defaults=defaults, lazy=True)
    config.load_shell_env()
    return config


@pytest.mark.parametrize(
    "default, text, expected",
    [
        (False, "1", True),
        (False, "yes", True),
        (False, "false", True),  # as Invoke: only "0" and "" are false
        (True, "0", False),
        (True, "", False),
        (1, "42", 42),
        (1, "-3", -3),
        (1.0, "2.5", 2.5),
        ("text", "other", "other"),
        ("text", "", ""),
        (None, "1", 1),
        (None, "1.5", 1.5),
        (None, "-7", -7),
        (None, "007", "007"),
        (None, "abc", "abc"),
        (None, "", ""),
    ],
)
def test_cast_to_type_of_current_value(
    monkeypatch: pytest.MonkeyPatch, default: Any, text: str, expected: Any
) -> None:
    monkeypatch.setenv("INVOKE_SETTING", text)
    value = loaded({"setting": default}).setting
    assert value == expected
    assert type(value) is type(expected)


def test_timeouts_command_from_env_is_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_TIMEOUTS_COMMAND", "1")
    config = Config(lazy=True)
    config.load_shell_env()
    assert config.timeouts.command == 1


@pytest.mark.parametrize(
    "var",
    ["INVOKE_SUDO_PASSWORD", "INVOKE_SUDO_USER", "INVOKE_RUN_ENCODING", "INVOKE_TASKS_SEARCH_ROOT"],
)
def test_text_settings_stay_text_even_when_numeric(monkeypatch: pytest.MonkeyPatch, var: str) -> None:
    monkeypatch.setenv(var, "1234")
    config = Config(lazy=True)
    config.load_shell_env()
    section, key = var[len("INVOKE_") :].lower().split("_", 1)
    assert config[section][key] == "1234"


def test_nested_keys_use_underscores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_RUN_ECHO", "1")
    monkeypatch.setenv("INVOKE_TASKS_COLLECTION_NAME", "other")
    config = Config(lazy=True)
    config.load_shell_env()
    assert config.run.echo is True
    assert config.tasks.collection_name == "other"


def test_unknown_variables_are_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_NOT_A_SETTING", "1")
    monkeypatch.setenv("INVOKE_RUN_ENV", "x")  # a dict setting, not a leaf
    config = Config(lazy=True)
    config.load_shell_env()
    assert "not_a_setting" not in config
    assert config.run.env == {}


@pytest.mark.parametrize("default, kind", [([1], "list"), (("a",), "tuple")])
def test_sequences_cannot_come_from_env(monkeypatch: pytest.MonkeyPatch, default: Any, kind: str) -> None:
    monkeypatch.setenv("INVOKE_SEQ", "a,b")
    with pytest.raises(UncastableEnvVar) as info:
        loaded({"seq": default})
    assert str(info.value) == (
        f"Can't use INVOKE_SEQ='a,b' for setting seq: can't adapt an environment "
        f"string into a {kind}; set it in a config file instead"
    )


def test_bad_number_is_uncastable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_COUNT", "three")
    with pytest.raises(UncastableEnvVar) as info:
        loaded({"count": 1})
    assert str(info.value) == "Can't use INVOKE_COUNT='three' for setting count: not a valid int"


def test_class_valued_setting_is_uncastable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_RUNNERS_LOCAL", "x")
    config = Config(lazy=True)
    with pytest.raises(UncastableEnvVar, match="runners.local"):
        config.load_shell_env()


def test_ambiguous_variable_is_an_error_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    defaults = {"foo_bar": "a", "foo": {"bar": "b"}}
    assert loaded(defaults).foo_bar == "a"  # unset: no complaint
    monkeypatch.setenv("INVOKE_FOO_BAR", "z")
    with pytest.raises(AmbiguousEnvVar) as info:
        loaded(defaults)
    assert str(info.value) == (
        "Found >1 source for INVOKE_FOO_BAR: settings foo_bar and foo.bar both map to it"
    )


def test_three_way_ambiguity_names_every_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_A_B_C", "z")
    with pytest.raises(AmbiguousEnvVar) as info:
        loaded({"a_b_c": 1, "a": {"b_c": 2, "b": {"c": 3}}})
    assert str(info.value) == (
        "Found >1 source for INVOKE_A_B_C: settings a_b_c, a.b_c and a.b.c all map to it"
    )


def test_environment_class_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CUSTOM_A_B", "5")
    env = Environment(config={"a": {"b": 1, "c": 2}}, prefix="CUSTOM_")
    assert env.load() == {"a": {"b": 5}}
    assert env._to_env_var(["a", "b"]) == "CUSTOM_A_B"


def test_environment_accepts_a_config_object(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_RUN_WARN", "1")
    env = Environment(config=Config(lazy=True), prefix="INVOKE_")
    assert env.load() == {"run": {"warn": True}}


def test_env_level_rereads_on_each_load(monkeypatch: pytest.MonkeyPatch) -> None:
    config = Config(lazy=True)
    monkeypatch.setenv("INVOKE_RUN_PTY", "1")
    config.load_shell_env()
    assert config.run.pty is True
    monkeypatch.delenv("INVOKE_RUN_PTY")
    config.load_shell_env()
    assert config.run.pty is False


def test_collection_keys_become_settable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_DEPLOY_TARGET", "prod")
    config = Config(lazy=True)
    config.load_collection({"deploy": {"target": "staging"}})
    config.load_shell_env()
    assert config.deploy.target == "prod"


def test_timeout_from_env_must_be_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_TIMEOUTS_COMMAND", "soon")
    config = Config(lazy=True)
    with pytest.raises(UncastableEnvVar) as info:
        config.load_shell_env()
    assert str(info.value) == (
        "Can't use INVOKE_TIMEOUTS_COMMAND='soon' for setting timeouts.command: not a number"
    )


def test_shell_env_can_be_loaded_early_and_again_later(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INVOKE_TASKS_IGNORE_UNKNOWN_HELP", "1")
    monkeypatch.setenv("INVOKE_DEPLOY_TARGET", "prod")
    config = Config(lazy=True)
    config.load_shell_env()  # before any project or collection is known
    assert config.tasks.ignore_unknown_help is True
    assert "deploy" not in config
    config.load_collection({"deploy": {"target": "staging"}})
    config.load_shell_env()
    assert config.deploy.target == "prod"
    assert config.tasks.ignore_unknown_help is True


def test_non_string_keys_from_yaml_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVOKE_PORTS_8080", "web")
    assert loaded({"ports": {8080: "api"}}).ports[8080] == "web"
