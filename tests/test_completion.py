"""``inv --complete``: candidates for the shell, in a fixed order."""

from __future__ import annotations

NESTED_NAMES = [
    "build-all",
    "top",
    "deploy.deploy-web",
    "deploy.up",
    "deploy.extra",
    "deploy.more",
    "deploy.inner.db-default",
    "deploy.inner",
    "deploy.inner.db-migrate",
]


def _lines(result):
    assert result.code == 0, result.stderr
    return result.stdout.splitlines()


def test_bare_completion_lists_task_names_and_aliases_in_listing_order(cli):
    assert _lines(cli("inv --complete -- inv", project="cli/nested")) == NESTED_NAMES


def test_task_names_again_after_a_task(cli):
    assert _lines(cli("inv --complete -- inv top", project="cli/nested")) == NESTED_NAMES


def test_flags_of_the_current_task_after_a_dash(cli):
    assert _lines(cli("inv --complete -- inv deploy.up -", project="cli/nested")) == ["-t", "--target"]


def test_core_flags_before_any_task_in_help_order(cli):
    lines = _lines(cli("inv --complete -- inv -", project="cli/nested"))
    assert lines[:3] == ["--complete", "--hide", "--no-dedupe"]
    assert {"-c", "--collection", "-T", "--command-timeout", "-V", "--version"} <= set(lines)
    assert lines.index("-d") < lines.index("-D")


def test_completion_order_is_deterministic(cli):
    # upstream-bugs row 18: upstream's order changes from run to run.
    first = cli("inv --complete -- inv copy -", project="cli/kinds").stdout
    assert first == cli("inv --complete -- inv copy -", project="cli/kinds").stdout
    assert first.splitlines() == [
        "-d", "--dst", "-f", "--flag", "-o", "--opt", "-r", "--ratio",
        "-s", "--src", "-t", "--tag", "-v", "--verbose", "--no-flag",
    ]


def test_nothing_while_a_flag_waits_for_its_value(cli):
    for line in ("inv deploy.up --target", "inv -c", "inv -l", "inv --list-depth", "inv top --"):
        assert cli(f"inv --complete -- {line}", project="cli/nested").stdout == "", line


def test_names_again_once_the_flag_value_is_given(cli):
    lines = _lines(cli("inv --complete -- inv deploy.up --target x", project="cli/nested"))
    assert lines == NESTED_NAMES


def test_a_complete_boolean_flag_is_followed_by_names(cli):
    assert _lines(cli("inv --complete -- inv -e", project="cli/nested")) == NESTED_NAMES


def test_task_without_flags_offers_nothing_after_a_dash(cli):
    assert cli("inv --complete -- inv top -", project="cli/nested").stdout == ""


def test_help_value_switches_back_to_core_flags(cli):
    lines = _lines(cli("inv --complete -- inv --help top -", project="cli/nested"))
    assert "--list-format" in lines


def test_completion_uses_the_collection_flag(cli):
    assert _lines(cli("inv -c other --complete -- inv", project="cli/explicit")) == ["special"]


def test_completion_without_tasks_module_fails_like_loading(cli, tmp_path):
    result = cli("inv --complete -- inv", project=tmp_path)
    assert (result.code, result.stderr) == (1, "Can't find any collection named 'tasks'!\n")


def test_completion_scripts_for_every_shell(cli):
    for shell, marker in (
        ("bash", "complete -F __invoke_complete_invoke -o default invoke inv"),
        ("zsh", "compdef __invoke_complete_invoke invoke inv"),
        ("fish", "for name in invoke inv"),
    ):
        result = cli(f"inv --print-completion-script {shell}")
        assert result.code == 0
        assert marker in result.stdout
        assert "--complete --" in result.stdout


def test_bash_script_really_completes(tmp_path):
    import shutil
    import subprocess
    import sys

    from conftest import SUPPORT

    if shutil.which("bash") is None:  # pragma: no cover
        return
    script = subprocess.run(
        [sys.executable, "-m", "invoke", "--print-completion-script", "bash"],
        capture_output=True, text=True, check=True,
    ).stdout
    # A tiny wrapper named "inv" that runs this checkout's invoke.
    bindir = tmp_path / "bin"
    bindir.mkdir()
    wrapper = bindir / "inv"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m invoke "$@"\n')
    wrapper.chmod(0o755)
    test = (
        script
        + "\nCOMP_WORDS=(inv deploy.up -); COMP_CWORD=2; __invoke_complete_invoke; "
        + 'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    out = subprocess.run(
        ["bash", "-c", test],
        capture_output=True, text=True, cwd=str(SUPPORT / "cli" / "nested"),
        env={"PATH": f"{bindir}:/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert out.stdout.split() == ["-t", "--target"]


def test_a_double_dash_being_typed_offers_only_long_flags(cli):
    # As upstream: "--" (or "--x") at the end is the start of a long flag,
    # not the remainder separator.
    assert _lines(cli("inv --complete -- inv deploy.up --", project="cli/nested")) == ["--target"]
    assert _lines(cli("inv --complete -- inv deploy.up --ta", project="cli/nested")) == ["--target"]
    core = _lines(cli("inv --complete -- inv --", project="cli/nested"))
    assert core and all(word.startswith("--") for word in core)


def test_words_after_a_finished_double_dash_belong_to_the_task(cli):
    assert cli("inv --complete -- inv deploy.up -- foo", project="cli/nested").stdout == ""
