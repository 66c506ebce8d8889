"""Every public name upstream Invoke 3.0.3's modules hand out is importable from the same path.

The names below were read from upstream 3.0.3 by running it as a black box
(``dir()`` of each public module, leaving out private names and names that
come from the standard library, except the logging helpers
``debug``/``log`` and ``invoke.config.expanduser``, which code uses or patches). Code and test helpers in the wild import
them from these paths (``from invoke.util import Lexicon``), so each must
keep working. Left out on purpose: ``StateMachine``, ``state`` and
``transition`` in ``invoke.parser``/``invoke.parser.parser``, which upstream
re-exported from its vendored ``fluidity`` state-machine library; our parser
is its own state machine and vendors nothing (see the changelog).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

UPSTREAM_NAMES: Dict[str, str] = {
    "invoke": (
        "AmbiguousEnvVar Argument AuthFailure Call Collection "
        "CollectionNotFound CommandTimedOut Config Context Executor Exit "
        "FailingResponder Failure FilesystemLoader Local MockContext ParseError "
        "ParseResult Parser ParserContext PlatformError Program Promise "
        "Responder ResponseNotAccepted Result Runner StreamWatcher "
        "SubprocessPipeError Task ThreadException UncastableEnvVar "
        "UnexpectedExit UnknownFileType UnpicklableConfigMember WatcherError "
        "call collection completion config context env exceptions executor "
        "loader parser program pty_size run runners sudo task tasks terminals "
        "util vendor watchers "
    ),
    "invoke.collection": (
        "Collection Lexicon ParserContext Task copy_dict helpline merge_dicts "
    ),
    "invoke.completion": (
        "complete "
    ),
    "invoke.completion.complete": (
        "Exit ParseError complete debug print_completion_script "
        "print_task_names task_name_sort_key "
    ),
    "invoke.config": (
        "AmbiguousMergeError Config DataProxy Environment Local UnknownFileType "
        "UnpicklableConfigMember WINDOWS copy_dict debug excise expanduser "
        "load_source merge_dicts obliterate yaml "
    ),
    "invoke.context": (
        "AuthFailure Config Context DataProxy FailingResponder Failure "
        "MockContext ResponseNotAccepted Result Runner "
    ),
    "invoke.env": (
        "AmbiguousEnvVar Environment UncastableEnvVar debug "
    ),
    "invoke.exceptions": (
        "AmbiguousEnvVar AuthFailure CollectionNotFound CommandTimedOut Exit "
        "Failure ParseError PlatformError ResponseNotAccepted "
        "SubprocessPipeError ThreadException UncastableEnvVar UnexpectedExit "
        "UnknownFileType UnpicklableConfigMember WatcherError "
    ),
    "invoke.executor": (
        "Call Config Executor ParseResult ParserContext Task debug "
    ),
    "invoke.loader": (
        "CollectionNotFound Config FilesystemLoader Loader debug "
    ),
    "invoke.main": (
        "Program program "
    ),
    "invoke.parser": (
        "Argument Context Lexicon ParseError ParseMachine ParseResult Parser "
        "ParserContext argument context debug is_flag is_long_flag parser "
        "to_flag translate_underscores "
    ),
    "invoke.parser.argument": (
        "Argument "
    ),
    "invoke.parser.context": (
        "Argument Lexicon ParserContext flag_key sort_candidate to_flag "
        "translate_underscores "
    ),
    "invoke.parser.parser": (
        "Lexicon ParseError ParseMachine ParseResult Parser debug is_flag "
        "is_long_flag "
    ),
    "invoke.program": (
        "Argument Collection CollectionNotFound Config Executor Exit "
        "FilesystemLoader ParseError Parser ParserContext Program "
        "UnexpectedExit complete debug enable_logging helpline "
        "print_completion_script pty_size "
    ),
    "invoke.runners": (
        "CommandTimedOut ExceptionHandlingThread Failure Local PIPE Promise "
        "Result Runner SubprocessPipeError ThreadException UnexpectedExit "
        "WINDOWS WatcherError bytes_to_read character_buffered default_encoding "
        "has_fileno isatty normalize_hide pty_size ready_for_reading "
    ),
    "invoke.tasks": (
        "Argument Call Context ParseResult T Task call task "
        "translate_underscores "
    ),
    "invoke.terminals": (
        "WINDOWS bytes_to_read cbreak_already_set character_buffered has_fileno "
        "isatty pty_size ready_for_reading stdin_is_foregrounded_tty "
    ),
    "invoke.util": (
        "ExceptionHandlingThread ExceptionWrapper LOG_FORMAT Lexicon cd debug "
        "enable_logging has_fileno helpline isatty log task_name_sort_key yaml "
    ),
    "invoke.watchers": (
        "FailingResponder Responder ResponseNotAccepted StreamWatcher "
    ),
}


def _cases() -> List[Tuple[str, str]]:
    return [(module, name) for module, names in UPSTREAM_NAMES.items() for name in names.split()]


@pytest.mark.parametrize("module, name", _cases(), ids=lambda value: value)
def test_upstream_name_is_importable_from_the_same_module(module: str, name: str) -> None:
    namespace: Dict[str, object] = {}
    exec(f"from {module} import {name}", namespace)
    assert namespace[name] is not None or name in {"TYPE_CHECKING"}


def test_the_list_is_not_empty_and_covers_the_names_the_issue_names() -> None:
    cases = set(_cases())
    assert len(cases) > 200
    for case in [
        ("invoke.util", "Lexicon"),
        ("invoke.util", "yaml"),
        ("invoke.util", "task_name_sort_key"),
        ("invoke.util", "LOG_FORMAT"),
        ("invoke.parser", "Lexicon"),
        ("invoke.parser.parser", "ParseError"),
        ("invoke.completion.complete", "print_task_names"),
        ("invoke.program", "helpline"),
        ("invoke.env", "debug"),
        ("invoke.parser", "debug"),
        ("invoke.parser.parser", "debug"),
        ("invoke.completion.complete", "debug"),
    ]:
        assert case in cases


def test_names_are_the_real_objects() -> None:
    import yaml

    from invoke.exceptions import ParseError
    from invoke.parser.parser import ParseError as FromParser
    from invoke.util import Lexicon, yaml as util_yaml
    from invoke.vendor.lexicon import Lexicon as Vendored

    assert FromParser is ParseError
    assert Lexicon is Vendored
    assert util_yaml is yaml


def test_submodules_are_attributes_after_a_bare_import() -> None:
    import invoke

    assert invoke.completion.complete.print_task_names is not None
    assert invoke.config.Config is invoke.Config


def test_print_task_names_prints_names_then_their_aliases(capsys: pytest.CaptureFixture[str]) -> None:
    from invoke import Collection, task
    from invoke.completion.complete import print_task_names

    @task(aliases=["b"])
    def build(c):
        pass

    @task
    def html(c):
        pass

    print_task_names(Collection(build, Collection("docs", html)))
    assert capsys.readouterr().out.splitlines() == ["build", "b", "docs.html"]


def test_helpline_is_the_first_docstring_line() -> None:
    from invoke.program import helpline

    def documented() -> None:
        """First line.

        More.
        """

    assert helpline(documented) == "First line."
    assert helpline(lambda: None) is None


def test_patching_config_expanduser_fakes_the_home_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import invoke.config
    from invoke import Config

    (tmp_path / ".invoke.yaml").write_text("run: {echo: true}\nfrom_fake_home: yes\n")
    real = invoke.config.expanduser
    monkeypatch.setattr(invoke.config, "expanduser", lambda path: real(path).replace(real("~"), str(tmp_path), 1))
    config = Config(system_prefix=str(tmp_path / "nowhere") + "/")
    assert config.from_fake_home is True
    assert config.run.echo is True
