"""Signals and process trees: ending or interrupting a command with its children.

Used by timeouts: killing only the shell would leave its children running
and holding our output pipes open, so the run would wait for them anyway.
Also keeps process-wide signals off the runner's helper threads.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Any, Dict, Iterable, List, Optional, Set


def _parent_map() -> Dict[int, List[int]]:
    """Map each process id to its children's ids."""
    children: Dict[int, List[int]] = {}
    if sys.platform.startswith("linux") and os.path.isdir("/proc"):
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as handle:
                    stat = handle.read()
            except OSError:
                continue
            # The command name may hold spaces and parens; fields follow the last ")".
            fields = stat.rsplit(b")", 1)[-1].split()
            if len(fields) > 1:
                children.setdefault(int(fields[1]), []).append(int(entry))
        return children
    import subprocess

    try:
        listing = subprocess.run(
            ["ps", "-A", "-o", "pid=", "-o", "ppid="],
            capture_output=True,
            check=False,
        ).stdout
    except OSError:
        return children
    for line in listing.splitlines():
        parts = line.split()
        if len(parts) == 2:
            children.setdefault(int(parts[1]), []).append(int(parts[0]))
    return children


def _descendants(roots: Iterable[int]) -> Set[int]:
    """Every process below ``roots`` in the process tree."""
    children = _parent_map()
    found: Set[int] = set()
    todo = list(roots)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _pipe_holders(fds: Iterable[int]) -> Set[int]:
    """Processes (other than us) with any of the pipes behind ``fds`` open.

    Only on Linux; orphans of the command (a shell's background jobs) are
    found this way after the shell itself is gone.
    """
    if not sys.platform.startswith("linux") or not os.path.isdir("/proc"):
        return set()
    targets = set()
    for fd in fds:
        try:
            targets.add(f"pipe:[{os.fstat(fd).st_ino}]")
        except OSError:
            continue
    holders: Set[int] = set()
    if not targets:
        return holders
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        fd_dir = f"/proc/{entry}/fd"
        try:
            names = os.listdir(fd_dir)
        except OSError:
            continue
        for name in names:
            try:
                if os.readlink(f"{fd_dir}/{name}") in targets:
                    holders.add(int(entry))
                    break
            except OSError:
                continue
    return holders


def _signal_all(pids: Iterable[int], signum: int) -> None:
    """Send ``signum`` to each of ``pids``, skipping those gone or not ours."""
    for pid in pids:
        try:
            os.kill(pid, signum)
        except (ProcessLookupError, PermissionError):
            pass


def _stop_tree(roots: Iterable[int], pipes: Iterable[int] = ()) -> Set[int]:
    """SIGSTOP ``roots``, their descendants and pipe holders; return them all.

    Stopped processes cannot fork, so the set is complete: a child forked
    while we looked is found on the next pass.
    """
    me = os.getpid()
    victims: Set[int] = set(roots)
    _signal_all(victims, signal.SIGSTOP)
    holders = _pipe_holders(pipes) - {me}
    _signal_all(holders, signal.SIGSTOP)
    victims |= holders
    for _ in range(5):
        new = (_descendants(victims) | victims) - {me}
        fresh = new - victims
        _signal_all(fresh, signal.SIGSTOP)
        victims |= new
        if not fresh:
            break
    victims.discard(me)
    return victims


def kill_tree(root: int, root_alive: bool = True, pipes: Iterable[int] = (), group: bool = False) -> None:
    """SIGKILL ``root`` (when still ours to signal), its descendants and pipe holders.

    Everything is stopped first so nothing can fork while we collect it.
    ``group`` also signals the process group led by ``root`` (a pty session).
    """
    if sys.platform == "win32":
        if root_alive:
            _signal_all([root], signal.SIGTERM)
        return
    # A reaped root's pid may already belong to someone else: leave it
    # be; its orphans are found through the pipes they hold.
    victims = _stop_tree([root] if root_alive else [], pipes)
    if group and root_alive:
        try:
            os.killpg(root, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    _signal_all(victims, signal.SIGKILL)


def signal_tree(root: int, signum: int) -> None:
    """Send ``signum`` to ``root`` and every process below it.

    The tree is stopped while it is collected, so a child the shell is
    forking right now is not missed (the shell would then wait for it).
    """
    if sys.platform == "win32":
        _signal_all([root], signum)
        return
    pids = _stop_tree([root])
    _signal_all(pids, signum)
    _signal_all(pids, signal.SIGCONT)


def terminal_signals_reach_us() -> bool:
    """True when we are in the foreground job of a terminal.

    Then a Ctrl-C typed there already reached every process of our job,
    the command's included.
    """
    if sys.platform == "win32":
        return False
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        try:
            fd = stream.fileno()
            if os.isatty(fd) and os.tcgetpgrp(fd) == os.getpgrp():
                return True
        except (AttributeError, OSError, ValueError):
            continue
    return False


_ASYNC_SIGNALS: List[int] = []


def _async_signals() -> List[int]:
    """Signals sent to the process as a whole (Ctrl-C, SIGTERM, ...), not faults."""
    if not _ASYNC_SIGNALS:  # computed once: valid_signals() is slow
        faults = {signal.SIGSEGV, signal.SIGBUS, signal.SIGFPE, signal.SIGILL, signal.SIGABRT}
        _ASYNC_SIGNALS.extend(sorted(int(signum) for signum in signal.valid_signals() - faults))
    return _ASYNC_SIGNALS


def start_signal_free(thread: threading.Thread) -> Optional[KeyboardInterrupt]:
    """Start ``thread`` so that it never takes a process-wide signal.

    The kernel hands such a signal to any thread not blocking it; one
    landing on a helper thread would leave the main thread asleep in its
    wait, so Ctrl-C would go unnoticed until the command ended. A new
    thread inherits its creator's signal mask, so block around the start.
    A Ctrl-C handled meanwhile is returned, not raised, once the thread
    runs (the caller relays it).
    """
    if sys.platform == "win32":
        thread.start()
        return None
    try:
        # The C function: signal.pthread_sigmask turns every signal of the
        # returned mask into an enum, which costs more than the syscall.
        from _signal import pthread_sigmask
    except ImportError:
        pthread_sigmask = signal.pthread_sigmask
    caught: List[KeyboardInterrupt] = []

    def settle(how: int, signals: Any) -> Any:
        # Python runs signal handlers as the mask call returns; each call
        # is idempotent, so repeat it until it returns normally.
        while True:
            try:
                return pthread_sigmask(how, signals)
            except KeyboardInterrupt as error:
                caught.append(error)

    saved = settle(signal.SIG_BLOCK, ())
    settle(signal.SIG_BLOCK, _async_signals())
    # Commands this thread starts get back the mask its creator had.
    thread._invoke_creator_sigmask = saved  # type: ignore[attr-defined]
    try:
        thread.start()
    finally:
        settle(signal.SIG_SETMASK, saved)
    return caught[0] if caught else None


def creator_sigmask() -> Optional[Any]:
    """The signal mask to give a command started from this thread, if not its own.

    A thread started by `start_signal_free` blocks signals its commands
    must not inherit; they get the mask of the thread that started it.
    None means the current mask is right.
    """
    return getattr(threading.current_thread(), "_invoke_creator_sigmask", None)
