"""Stream watchers: objects that read a command's output and may answer it.

A watcher's `submit` gets the whole output so far and yields strings to
write to the command's stdin. `Responder` and `FailingResponder` also know
how to take just the newly arrived text (the runner uses that), matching
incrementally: a prompt split across two reads still matches, and output
that never matches is not rescanned on every read.
"""

from __future__ import annotations

import re
import threading
from typing import Iterable, Iterator, List, Optional

from .exceptions import ResponseNotAccepted

__all__ = ["FailingResponder", "Responder", "ResponseNotAccepted", "StreamWatcher"]

# Constructs whose match depends on text before the match start; with
# these we cannot drop old text safely, so we keep it all.
_LEFT_CONTEXT = re.compile(r"\^|\\[AbB]|\(\?<[=!]")


def _max_match_width(pattern: str) -> Optional[int]:
    """Longest text ``pattern`` can match, or None when unbounded/unknown."""
    if _LEFT_CONTEXT.search(pattern):
        return None
    try:
        from re import _parser as sre_parse  # type: ignore[attr-defined]
    except ImportError:  # Python < 3.11
        import sre_parse  # type: ignore[no-redef]
    try:
        _, high = sre_parse.parse(pattern).getwidth()
    except Exception:  # an odd pattern: fall back to keeping everything
        return None
    if high >= 65535:  # MAXREPEAT-derived: unbounded repetition
        return None
    return int(high)


class _IncrementalMatcher:
    """Find matches of one pattern in text that arrives piece by piece.

    Keeps only the text since the last match, trimmed (for patterns of
    bounded length) to what could still start a match, so each piece is
    scanned about once.
    """

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern, re.S)
        width = _max_match_width(pattern)
        # A new match must end in new text, so it can start at most
        # width - 1 characters back.
        self.keep: Optional[int] = None if width is None else max(width - 1, 0)
        self.pending = ""

    def feed(self, text: str) -> List[str]:
        """Add ``text`` and return the matches that it completes."""
        if not text:
            return []
        pending = self.pending + text if self.pending else text
        matches = self.regex.findall(pending)
        if matches:
            # Like Invoke, a match consumes everything seen so far.
            self.pending = ""
            return matches
        if self.keep is None:
            self.pending = pending
        elif self.keep == 0:
            self.pending = ""
        else:
            self.pending = pending[-self.keep :]
        return []


class StreamWatcher(threading.local):
    """Base class for watchers of a command's output.

    It is thread-local: stdout and stderr are read by different threads,
    and each gets its own copy of whatever state ``__init__`` sets.
    Subclasses implement `submit`.
    """

    def submit(self, stream: str) -> Iterable[str]:
        """Look at ``stream`` (all output so far) and yield responses."""
        raise NotImplementedError


class Responder(StreamWatcher):
    """Write ``response`` to the command's stdin whenever ``pattern`` appears.

    ``pattern`` is a regular expression (matched with `re.S`); each match
    in newly arrived output produces one response.
    """

    def __init__(self, pattern: str, response: str) -> None:
        self.pattern = pattern
        self.response = response
        self.index = 0
        self._seen = 0
        self._matcher = _IncrementalMatcher(pattern)

    def pattern_matches(self, stream: str, pattern: str, index_attr: str) -> Iterable[str]:
        """Return matches of ``pattern`` in ``stream`` after ``self.<index_attr>``.

        When something matches, the index moves to the end of ``stream``
        so the same text is not matched twice.
        """
        index = getattr(self, index_attr)
        new = stream[index:]
        matches = re.findall(pattern, new, re.S)
        if matches:
            setattr(self, index_attr, index + len(new))
        return matches

    def _new_text(self, stream: str) -> str:
        """The part of ``stream`` this watcher has not looked at yet."""
        if len(stream) < self._seen:  # a different, shorter stream
            self._seen = 0
        new = stream[self._seen :]
        self._seen = len(stream)
        return new

    def submit(self, stream: str) -> Iterator[str]:
        """Yield one response per new match of the pattern in ``stream``."""
        return iter(self._feed(self._new_text(stream)))

    def _feed(self, text: str) -> List[str]:
        """Take newly arrived ``text``; return the responses to write."""
        matches = self._matcher.feed(text)
        if matches:
            self.index = self._seen
        return [self.response for _ in matches]


class FailingResponder(Responder):
    """A `Responder` that fails if ``sentinel`` shows up after it answered.

    Sudo's password responder is one: after the password is sent,
    ``Sorry, try again.`` means it was wrong, and `ResponseNotAccepted`
    is raised instead of answering again.
    """

    def __init__(self, pattern: str, response: str, sentinel: str) -> None:
        super().__init__(pattern, response)
        self.sentinel = sentinel
        self.failure_index = 0
        self.tried = False
        self._sentinel_matcher = _IncrementalMatcher(sentinel)

    def submit(self, stream: str) -> Iterator[str]:
        """Like `Responder.submit`, raising `ResponseNotAccepted` on failure."""
        return iter(self._feed(self._new_text(stream)))

    def _feed(self, text: str) -> List[str]:
        """Like `Responder._feed`; raise `ResponseNotAccepted` on the sentinel after an answer."""
        if self.tried and self._sentinel_matcher.feed(text):
            self.failure_index = self._seen
            raise ResponseNotAccepted(
                f"Auto-response to r\"{self.pattern}\" failed with {self.sentinel!r}!"
            )
        responses = super()._feed(text)
        if responses:
            self.tried = True
            # Only output after our answer can say it was refused.
            self._sentinel_matcher.pending = ""
        return responses


# Watchers whose submit the runner may replace with the cheaper _feed.
INCREMENTAL_SUBMITS = (Responder.submit, FailingResponder.submit)
