"""Invoke itself running on a terminal: keys relayed as typed, Ctrl-C."""

from __future__ import annotations

import os
import select
import sys
import time
from typing import Tuple

import pytest

pty = pytest.importorskip("pty")


def run_on_terminal(script: str, keys: bytes = b"", key_delay: float = 0.5, limit: float = 20) -> Tuple[int, str]:
    """Run ``python -c script`` on a new pty, type ``keys``; return (status, screen)."""
    pid, master = pty.fork()
    if pid == 0:
        try:
            os.execv(sys.executable, [sys.executable, "-c", script])
        finally:
            os._exit(127)
    screen = b""
    deadline = time.monotonic() + limit
    typed = False
    start = time.monotonic()
    try:
        while time.monotonic() < deadline:
            if not typed and keys and time.monotonic() - start > key_delay and b"READY" in screen:
                os.write(master, keys)
                typed = True
            readable, _, _ = select.select([master], [], [], 0.05)
            if readable:
                try:
                    data = os.read(master, 65536)
                except OSError:
                    break
                if not data:
                    break
                screen += data
        else:
            os.kill(pid, 9)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(master)
    return os.waitstatus_to_exitcode(status), screen.decode("utf-8", "replace")


def test_terminal_keys_reach_the_command_and_are_echoed() -> None:
    script = (
        "import sys; from invoke import Context\n"
        "print('READY', flush=True)\n"
        "r = Context().run('head -c 3', hide=True)\n"
        "print('GOT', repr(r.stdout), flush=True)\n"
    )
    status, screen = run_on_terminal(script, keys=b"xyz")
    assert status == 0, screen
    assert "GOT 'xyz'" in screen
    # cbreak turned the terminal's echo off; Invoke echoed the keys itself.
    assert screen.count("xyz") == 2


@pytest.mark.parametrize("use_pty", [False, True])
def test_ctrl_c_on_the_terminal_interrupts_command_and_task(use_pty: bool) -> None:
    script = (
        "import signal, sys; from invoke import Context\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "print('READY', flush=True)\n"
        "try:\n"
        f"    Context().run('sleep 30; echo not interrupted', pty={use_pty})\n"
        "except KeyboardInterrupt:\n"
        "    print('INTERRUPTED', flush=True); sys.exit(130)\n"
    )
    started = time.monotonic()
    status, screen = run_on_terminal(script, keys=b"\x03")
    assert status == 130, screen
    assert "INTERRUPTED" in screen and "not interrupted" not in screen
    assert time.monotonic() - started < 15
