"""Responders matching incrementally, as the runner feeds them."""

from __future__ import annotations

import threading
from typing import List

import pytest

from invoke.exceptions import ResponseNotAccepted
from invoke.watchers import FailingResponder, Responder, StreamWatcher


def feed_stream(watcher: StreamWatcher, pieces: List[str]) -> List[str]:
    """Submit the growing stream piece by piece, as Invoke documents."""
    stream = ""
    responses: List[str] = []
    for piece in pieces:
        stream += piece
        responses.extend(watcher.submit(stream))
    return responses


def test_stream_watcher_submit_must_be_implemented() -> None:
    with pytest.raises(NotImplementedError):
        StreamWatcher().submit("x")


def test_responder_answers_a_match() -> None:
    assert feed_stream(Responder("Password:", "pw\n"), ["Password:"]) == ["pw\n"]


def test_responder_matches_a_pattern_straddling_chunks() -> None:
    responder = Responder(r"Pass\w+: ", "pw\n")
    assert feed_stream(responder, ["Login ok. Pa", "ssw", "ord: "]) == ["pw\n"]


def test_responder_does_not_answer_the_same_text_twice() -> None:
    responder = Responder("yes/no", "yes\n")
    assert feed_stream(responder, ["yes/no", " more", " output"]) == ["yes\n"]


def test_responder_answers_each_later_prompt() -> None:
    responder = Responder(r"\? ", "y\n")
    assert feed_stream(responder, ["a? ", "b? ", "c"]) == ["y\n", "y\n"]


def test_responder_answers_each_match_in_one_chunk() -> None:
    assert feed_stream(Responder("go", "!\n"), ["go go go"]) == ["!\n"] * 3


def test_unbounded_pattern_still_matches_across_many_chunks() -> None:
    responder = Responder(r"BEGIN.*END", "x\n")
    pieces = ["BEGIN"] + ["filler "] * 50 + ["END"]
    assert feed_stream(responder, pieces) == ["x\n"]


def test_anchored_pattern_keeps_left_context() -> None:
    # Trimming old text to the pattern's width would lose the "y" and
    # let \b match at the cut.
    assert feed_stream(Responder(r"\bpass:", "x\n"), ["ypass", ":"]) == []
    assert feed_stream(Responder(r"\bpass: ", "x\n"), ["by ", "pass: "]) == ["x\n"]


def test_long_non_matching_output_keeps_only_a_small_tail() -> None:
    responder = Responder("needle", "x\n")
    for _ in range(1000):
        assert responder._feed("hay" * 100) == []
    # Only what could still start a match is kept between chunks.
    assert len(responder._matcher.pending) <= len("needle") - 1


def test_pattern_matches_follows_the_index_attribute() -> None:
    responder = Responder("x", "y")
    assert responder.pattern_matches("axbx", "x", "index") == ["x", "x"]
    assert responder.index == 4
    assert responder.pattern_matches("axbx", "x", "index") == []
    assert responder.pattern_matches("axbxx", "x", "index") == ["x"]


def test_submit_restarts_on_a_new_shorter_stream() -> None:
    responder = Responder("go", "!\n")
    assert list(responder.submit("xxxxxxgo")) == ["!\n"]
    assert list(responder.submit("go")) == ["!\n"]


def test_failing_responder_raises_when_sentinel_follows_answer() -> None:
    responder = FailingResponder("pw: ", "secret\n", "Sorry")
    assert feed_stream(responder, ["pw: "]) == ["secret\n"]
    assert responder.tried
    with pytest.raises(ResponseNotAccepted) as info:
        feed_stream(responder, ["pw: ", "Sor", "ry, try again"])
    assert str(info.value) == "Auto-response to r\"pw: \" failed with 'Sorry'!"


def test_failing_responder_sentinel_straddling_chunks_is_seen() -> None:
    responder = FailingResponder("pw: ", "secret\n", "Sorry, try again.\n")
    responses = list(responder._feed("pw: "))
    assert responses == ["secret\n"]
    responder._feed("\nSorry, tr")
    with pytest.raises(ResponseNotAccepted):
        responder._feed("y again.\npw: ")


def test_failing_responder_without_answer_ignores_sentinel() -> None:
    responder = FailingResponder("pw: ", "secret\n", "Sorry")
    assert feed_stream(responder, ["Sorry", " then pw: "]) == ["secret\n"]


def test_watchers_keep_separate_state_per_thread() -> None:
    responder = Responder("abc", "x\n")
    assert list(responder._feed("ab")) == []
    seen: List[List[str]] = []
    thread = threading.Thread(target=lambda: seen.append(list(responder._feed("c"))))
    thread.start()
    thread.join()
    assert seen == [[]]  # the other thread never saw "ab"
    assert list(responder._feed("c")) == ["x\n"]
