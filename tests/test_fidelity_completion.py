"""Completion scripts for a program with its own binary names (issue 11 item 7).

A script is printed by a real ``Program`` in a subprocess, then loaded into
the real shell, which must register every binary name with a function named
after the first one, and never mention ``invoke``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROGRAM = """\
import sys
from invoke import Collection, Program, task

@task
def hello(c):
    pass

Program(namespace=Collection(hello), name="My App", binary_names=["mya", "myapp"]).run()
"""


def _script(tmp_path: Path, shell: str) -> str:
    path = tmp_path / "mya.py"
    path.write_text(PROGRAM)
    result = subprocess.run(
        [sys.executable, str(path), "--print-completion-script", shell],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    "shell, function, registration",
    [
        ("bash", "_complete_mya()", "complete -F _complete_mya -o default mya myapp"),
        ("zsh", "_complete_mya()", "compdef _complete_mya mya myapp"),
        ("fish", "function __complete_mya", "for name in mya myapp"),
    ],
)
def test_script_is_named_for_the_first_binary_and_never_mentions_invoke(
    tmp_path: Path, shell: str, function: str, registration: str
) -> None:
    text = _script(tmp_path, shell)
    assert function in text
    assert registration in text
    assert "invoke" not in text.lower()


def _run_shell(shell: str, program: str, tmp_path: Path) -> str:
    binary = shutil.which(shell)
    if binary is None:
        pytest.skip(f"{shell} is not installed (.ci/run installs it with apt-get)")
    result = subprocess.run(
        [binary, "-c", program], capture_output=True, text=True, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_bash_registers_every_binary_name(tmp_path: Path) -> None:
    (tmp_path / "s.bash").write_text(_script(tmp_path, "bash"))
    out = _run_shell("bash", f"source {tmp_path / 's.bash'}; complete -p mya; complete -p myapp", tmp_path)
    assert out.splitlines() == [
        "complete -o default -F _complete_mya mya",
        "complete -o default -F _complete_mya myapp",
    ]


def test_zsh_registers_every_binary_name(tmp_path: Path) -> None:
    (tmp_path / "s.zsh").write_text(_script(tmp_path, "zsh"))
    program = (
        "autoload -Uz compinit && compinit -u -d $HOME/.zcompdump\n"
        f"source {tmp_path / 's.zsh'}\n"
        "print -r -- $_comps[mya] $_comps[myapp]"
    )
    assert _run_shell("zsh", program, tmp_path).split() == ["_complete_mya", "_complete_mya"]


def test_fish_registers_every_binary_name(tmp_path: Path) -> None:
    (tmp_path / "s.fish").write_text(_script(tmp_path, "fish"))
    program = f"source {tmp_path / 's.fish'}; complete -c mya; complete -c myapp"
    out = _run_shell("fish", program, tmp_path)
    assert "complete --no-files mya -a '(__complete_mya)'" in out
    assert "complete --no-files myapp -a '(__complete_mya)'" in out
