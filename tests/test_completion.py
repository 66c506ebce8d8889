"""``inv --complete``: candidates for the shell, in a fixed order."""

from __future__ import annotations

import shlex
import shutil
from typing import List

import pytest
from conftest import SUPPORT

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
    assert lines[:4] == ["--complete", "--hide", "--keep-going", "--no-dedupe"]
    assert {"-c", "--collection", "-T", "--command-timeout", "-V", "--version"} <= set(lines)
    assert lines.index("-d") < lines.index("-D")


def test_completion_order_is_deterministic(cli):
    # Upstream 3.0.3's order changes from run to run; ours is fixed.
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
        ("bash", "complete -F _complete_invoke -o default invoke inv"),
        ("zsh", "compdef _complete_invoke invoke inv"),
        ("fish", "for name in invoke inv"),
    ):
        result = cli(f"inv --print-completion-script {shell}")
        assert result.code == 0
        assert marker in result.stdout
        assert "--complete --" in result.stdout


def _require_shell(shell: str) -> str:
    """The path of ``shell``, or skip saying which shell is missing and how to get it."""
    path = shutil.which(shell)
    if path is None:
        pytest.skip(
            f"{shell} is not installed, so its completion script is not tried in a real shell; "
            f"install it (e.g. 'sudo apt-get install {shell}'; .ci/run does this as root) to run this test"
        )
    return path


def _wrapper_bin(tmp_path) -> str:
    """A directory holding a tiny ``inv`` that runs this checkout's invoke; for PATH."""
    import sys

    bindir = tmp_path / "bin"
    bindir.mkdir(exist_ok=True)
    wrapper = bindir / "inv"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m invoke "$@"\n')
    wrapper.chmod(0o755)
    return str(bindir)


def _shell_completes(tmp_path, shell: str, program: str) -> List[str]:
    """Run ``program`` in a real ``shell`` (in the nested project); its output words."""
    import subprocess

    out = subprocess.run(
        [_require_shell(shell), "-c", program],
        capture_output=True, text=True, cwd=str(SUPPORT / "cli" / "nested"),
        env={"PATH": f"{_wrapper_bin(tmp_path)}:/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def _bash_completes(tmp_path, line: str) -> List[str]:
    """What the bash script offers with the cursor at the end of ``line``, as readline calls it."""
    program = (
        "source <(inv --print-completion-script bash)\n"
        f"COMP_LINE={shlex.quote(line)}; COMP_POINT=${{#COMP_LINE}}\n"
        # readline's word split: quotes kept, "=" a word of its own.
        f"read -ra COMP_WORDS <<< {shlex.quote(line.replace('=', ' = '))}\n"
        "COMP_CWORD=${#COMP_WORDS[@]}\n"
        + ('COMP_WORDS+=(""); ' if line.endswith(" ") else "COMP_CWORD=$((COMP_CWORD - 1)); ")
        + '_complete_invoke; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    return _shell_completes(tmp_path, "bash", program)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("inv deploy.up -", ["-t", "--target"]),
        ("inv deploy.up --t", ["--target"]),
        ("inv to", ["top"]),
        ("inv deploy.up --target ", []),
        ("inv deploy.up --target=to", []),  # "top" is no value: files instead
        ("inv deploy.up -- ", []),
        ("inv deploy.up -- t", []),
    ],
)
def test_bash_script_really_completes(tmp_path, line: str, expected: List[str]) -> None:
    assert _bash_completes(tmp_path, line) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("inv deploy.up -", ["-t", "--target"]),
        ("inv to", ["top"]),
        ("inv deploy.up -- ", ["tasks.py"]),
        ("inv deploy.up --target ", ["tasks.py"]),
        ("inv deploy.up --target=ta", ["--target=tasks.py"]),
    ],
)
def test_fish_script_really_completes(tmp_path, line: str, expected: List[str]) -> None:
    program = f"inv --print-completion-script fish | source; complete -C {shlex.quote(line)}"
    assert _shell_completes(tmp_path, "fish", program) == expected


def test_zsh_script_loads(tmp_path) -> None:
    program = (
        "autoload -Uz compinit && compinit -u -d $HOME/.zcompdump\n"
        "source <(inv --print-completion-script zsh)\n"
        "print -r -- $_comps[inv] $_comps[invoke]"
    )
    assert _shell_completes(tmp_path, "zsh", program) == ["_complete_invoke"] * 2


def test_zsh_script_starts_the_completion_system_when_needed(tmp_path) -> None:
    program = "source <(inv --print-completion-script zsh)\nprint -r -- $_comps[inv]"
    assert _shell_completes(tmp_path, "zsh", program) == ["_complete_invoke"]


def _interactive_zsh_line(tmp_path, typed: str, until: str) -> str:
    """Type ``typed`` and a Tab into an interactive zsh with the script loaded; the screen text."""
    import os
    import pty
    import select
    import time

    zsh = _require_shell("zsh")
    setup = (
        "PS1='> '; autoload -Uz compinit && compinit -u -d $HOME/.zcompdump; "
        "source <(inv --print-completion-script zsh); print READY\n"
    )
    env = {"PATH": f"{_wrapper_bin(tmp_path)}:/usr/bin:/bin", "HOME": str(tmp_path), "TERM": "dumb"}
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child becomes zsh
        os.chdir(SUPPORT / "cli" / "nested")
        os.execve(zsh, ["zsh", "-f", "-i"], env)
    screen = b""

    def read_until(marker: bytes, seconds: float) -> None:
        nonlocal screen
        end = time.monotonic() + seconds
        while marker not in screen and time.monotonic() < end:
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    screen += os.read(fd, 65536)
                except OSError:
                    break

    try:
        os.write(fd, setup.encode())
        read_until(b"READY\r\n", 20)
        screen = b""
        os.write(fd, typed.encode() + b"\t")
        read_until(until.encode(), 20)
    finally:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    return screen.decode("utf-8", "replace")


def test_zsh_script_really_completes(tmp_path) -> None:
    assert "--target" in _interactive_zsh_line(tmp_path, "inv deploy.up --t", "--target")
    # After "--", and for a value after "=", zsh offers the project's files.
    assert "tasks.py" in _interactive_zsh_line(tmp_path, "inv deploy.up -- ", "tasks.py")
    assert "--target=tasks.py" in _interactive_zsh_line(
        tmp_path, "inv deploy.up --target=", "--target=tasks.py"
    )


def test_a_double_dash_being_typed_offers_only_long_flags(cli):
    # As upstream: "--" (or "--x") at the end is the start of a long flag,
    # not the remainder separator.
    assert _lines(cli("inv --complete -- inv deploy.up --", project="cli/nested")) == ["--target"]
    assert _lines(cli("inv --complete -- inv deploy.up --ta", project="cli/nested")) == ["--target"]
    core = _lines(cli("inv --complete -- inv --", project="cli/nested"))
    assert core and all(word.startswith("--") for word in core)


def test_words_after_a_finished_double_dash_belong_to_the_task(cli):
    assert cli("inv --complete -- inv deploy.up -- foo", project="cli/nested").stdout == ""


@pytest.mark.parametrize(
    "line",
    [
        "inv deploy.up -- ",  # a new word after "--" belongs to the task
        "inv deploy.up --target ",  # the value of a flag
        "inv deploy.up --target=x",  # a value being typed after "="
        "inv -ec ",  # a cluster whose last flag takes a value
        "inv -T",  # upstream: a finished value flag may be the word before the cursor
    ],
)
def test_nothing_where_the_shell_should_offer_files(cli, line: str) -> None:
    assert cli(["inv", "--complete", "--", line], project="cli/nested").stdout == ""


@pytest.mark.parametrize(
    "line",
    [
        "inv deploy.up --target x ",
        "inv -ecx ",  # the cluster carries its value
        "inv -T -5 ",  # a negative number is a value, as for the parser
        "inv -c -ec ",  # not exactly a flag: the value of -c, as for the parser
        "inv -e ",
        "inv --help ",  # the value of --help is a task name
        "inv -h ",
    ],
)
def test_names_after_a_finished_flag(cli, line: str) -> None:
    assert _lines(cli(["inv", "--complete", "--", line], project="cli/nested")) == NESTED_NAMES


def test_an_inverse_flag_being_typed_offers_long_flags(cli):
    # As upstream, so the shell can finish "--no-flag" with a space.
    lines = _lines(cli(["inv", "--complete", "--", "inv copy --no-flag"], project="cli/kinds"))
    assert "--no-flag" in lines and all(word.startswith("--") for word in lines)


def test_a_missing_shell_skips_naming_it_and_how_to_install_it():
    with pytest.raises(pytest.skip.Exception) as skipped:
        _require_shell("no-such-shell-here")
    assert "no-such-shell-here is not installed" in str(skipped.value)
    assert "apt-get install no-such-shell-here" in str(skipped.value)

