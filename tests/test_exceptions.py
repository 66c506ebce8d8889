"""Exceptions and thread helpers shared by every layer (invoke.exceptions, invoke.util)."""

from __future__ import annotations

import re

from invoke.exceptions import Exit, ParseError, ThreadException
from invoke.util import ExceptionHandlingThread, helpline, task_name_sort_key


def _boom(number, flag=None):
    raise ValueError(f"bad {number}")


def _failed_thread(number):
    thread = ExceptionHandlingThread(target=_boom, kwargs={"number": number})
    thread.start()
    thread.join()
    return thread


def test_thread_exception_wraps_the_thread_kwargs_and_error():
    thread = _failed_thread(1)
    wrapper = thread.exception()
    assert thread.is_dead
    assert wrapper.kwargs == {"target": _boom, "kwargs": {"number": 1}}
    assert wrapper.type is ValueError and str(wrapper.value) == "bad 1"


def test_a_thread_that_succeeds_has_no_exception():
    thread = ExceptionHandlingThread(target=lambda: None)
    thread.start()
    thread.join()
    assert thread.exception() is None and not thread.is_dead


def test_a_subclass_implements_run_as_underscore_run():
    class Worker(ExceptionHandlingThread):
        def __init__(self):
            self.done = False
            super().__init__()

        def _run(self):
            self.done = True

    worker = Worker()
    worker.start()
    worker.join()
    assert worker.done and worker.daemon and worker.exception() is None


def test_thread_exception_text_has_upstreams_layout():
    text = str(ThreadException([_failed_thread(0).exception(), _failed_thread(1).exception()]))
    assert text.startswith("\nSaw 2 exceptions within threads (ValueError, ValueError):\n\n\nThread args: {")
    # Sorted arguments, a blank line between traceback entries, and one
    # blank line between threads.
    assert re.search(r"Thread args: \{'kwargs': \{'number': 0\}, 'target': <function _boom", text)
    assert "Traceback (most recent call last):\n\n  File " in text
    assert "ValueError: bad 0\n\n\nThread args: {'kwargs': {'number': 1}" in text
    assert text.endswith("ValueError: bad 1\n\n")


def test_exit_code_follows_the_message_unless_given():
    assert Exit().code == 0
    assert Exit("oops").code == 1
    assert Exit("oops", code=3).code == 3
    assert Exit(code=0).code == 0


def test_parse_error_keeps_its_context():
    error = ParseError("No idea what 'x' is!", context="ctx")  # type: ignore[arg-type]
    assert str(error) == "No idea what 'x' is!" and error.context == "ctx"


def test_helpline_is_the_first_docstring_line_or_none():
    def documented():
        """First line.

        More.
        """

    def bare():
        pass

    assert helpline(documented) == "First line."
    assert helpline(bare) is None


def test_task_names_sort_top_level_first():
    names = ["b.x", "a", "c", "a.y"]
    assert sorted(names, key=task_name_sort_key) == ["a", "c", "a.y", "b.x"]
