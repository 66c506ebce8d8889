"""Terminal helpers against real pipes and pseudo-terminals."""

from __future__ import annotations

import fcntl
import io
import os
import select
import struct
import sys
import termios
from typing import Iterator, Tuple

import pytest

from invoke import pty_size
from invoke.terminals import (
    bytes_to_read,
    character_buffered,
    ready_for_reading,
    stdin_is_foregrounded_tty,
)


@pytest.fixture
def pty_pair() -> Iterator[Tuple[int, int]]:
    master, slave = os.openpty()
    try:
        yield master, slave
    finally:
        os.close(master)
        os.close(slave)


def test_pty_size_defaults_to_80x24_without_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("stdin", "stdout", "stderr"):
        monkeypatch.setattr(sys, name, io.StringIO())
    assert pty_size() == (80, 24)


def test_pty_size_follows_stdout_only(monkeypatch: pytest.MonkeyPatch, pty_pair: Tuple[int, int]) -> None:
    # As in Invoke: output redirected to a file gets the default size,
    # even when stdin or stderr is a terminal (logs stay reproducible).
    _, slave = pty_pair
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 33, 111, 0, 0))
    terminal = os.fdopen(os.dup(slave), "w")
    try:
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        monkeypatch.setattr(sys, "stdin", terminal)
        monkeypatch.setattr(sys, "stderr", terminal)
        assert pty_size() == (80, 24)
    finally:
        monkeypatch.undo()
        terminal.close()


def test_pty_size_reads_the_terminal_size(monkeypatch: pytest.MonkeyPatch, pty_pair: Tuple[int, int]) -> None:
    _, slave = pty_pair
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 33, 111, 0, 0))
    terminal = os.fdopen(os.dup(slave), "w")
    try:
        monkeypatch.setattr(sys, "stdout", terminal)
        assert pty_size() == (111, 33)
    finally:
        monkeypatch.undo()
        terminal.close()


def test_not_a_tty_is_not_a_foregrounded_tty() -> None:
    assert stdin_is_foregrounded_tty(io.StringIO()) is False
    read_end, write_end = os.pipe()
    with os.fdopen(read_end) as reader:
        os.close(write_end)
        assert stdin_is_foregrounded_tty(reader) is False


def test_pty_that_is_not_our_terminal_is_not_foregrounded(pty_pair: Tuple[int, int]) -> None:
    _, slave = pty_pair
    with os.fdopen(os.dup(slave)) as stream:
        assert stdin_is_foregrounded_tty(stream) is False


def test_character_buffered_leaves_non_terminals_alone() -> None:
    stream = io.StringIO("x")
    with character_buffered(stream):
        assert stream.read() == "x"


def test_character_buffered_leaves_a_background_terminal_alone(pty_pair: Tuple[int, int]) -> None:
    _, slave = pty_pair
    before = termios.tcgetattr(slave)
    with os.fdopen(os.dup(slave)) as stream:
        with character_buffered(stream):
            assert termios.tcgetattr(slave) == before


def test_ready_for_reading_follows_pipe_contents() -> None:
    assert ready_for_reading(io.StringIO()) is True
    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "rb") as reader:
        assert ready_for_reading(reader) is False
        os.write(write_end, b"data")
        assert ready_for_reading(reader) is True
        os.close(write_end)


def test_bytes_to_read_counts_pending_terminal_input(pty_pair: Tuple[int, int]) -> None:
    master, slave = pty_pair
    assert bytes_to_read(io.StringIO("abc")) == 1
    os.write(master, b"hello\n")
    with os.fdopen(os.dup(slave), "rb") as stream:
        # The line discipline hands the bytes over asynchronously.
        select.select([stream], [], [], 5)
        assert bytes_to_read(stream) == 6
