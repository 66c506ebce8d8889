"""Ending a command together with everything it started.

Used by timeouts: killing only the shell would leave its children running
and holding our output pipes open, so the run would wait for them anyway.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Dict, Iterable, List, Set


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
    for pid in pids:
        try:
            os.kill(pid, signum)
        except (ProcessLookupError, PermissionError):
            pass


def kill_tree(root: int, root_alive: bool = True, pipes: Iterable[int] = (), group: bool = False) -> None:
    """SIGKILL ``root`` (when still ours to signal), its descendants and pipe holders.

    Everything is stopped first so nothing can fork while we collect it.
    ``group`` also signals the process group led by ``root`` (a pty session).
    """
    if sys.platform == "win32":
        if root_alive:
            _signal_all([root], signal.SIGTERM)
        return
    me = os.getpid()
    victims: Set[int] = {root} if root_alive else set()
    if root_alive:
        _signal_all([root], signal.SIGSTOP)
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
    if group and root_alive:
        try:
            os.killpg(root, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    victims.discard(me)
    _signal_all(victims, signal.SIGKILL)


def signal_tree(root: int, signum: int) -> None:
    """Send ``signum`` to ``root`` and every process below it."""
    pids = [root]
    pids.extend(sorted(_descendants([root])))
    _signal_all(pids, signum)


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
