#!/usr/bin/env python3
"""A tiny stand-in for docker/podman: "containers" are plain background processes.

Used by the example when neither docker nor podman is installed (or when
the ``containers.backend`` setting is ``sim``). It understands the small
part of docker's command line the example uses, with the same exit codes:

    simbackend.py --state DIR run -d --name NAME [-e KEY=VALUE]... IMAGE CMD...
    simbackend.py --state DIR stop NAME
    simbackend.py --state DIR rm -f NAME
    simbackend.py --state DIR inspect -f '{{.State.Status}}' NAME
    simbackend.py --state DIR logs NAME

There are no images: IMAGE is recorded and CMD runs on this machine, with
``python`` meaning the Python running this script. Each container is a
directory ``DIR/NAME/`` holding its ``pid`` file, its ``log`` and its
``image``. Processes run in their own session, so they outlive the
command that started them; they are stopped by pid (SIGTERM, then SIGKILL).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Optional

STOP_TIMEOUT = 10.0


def _pid(box: Path) -> Optional[int]:
    try:
        return int((box / "pid").read_text())
    except (OSError, ValueError):
        return None


def _alive(pid: Optional[int]) -> bool:
    if pid is None:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _run(box: Path, args: argparse.Namespace) -> int:
    if _alive(_pid(box)):
        print(f'Error: the container name "{args.name}" is already in use', file=sys.stderr)
        return 125
    if box.exists():
        shutil.rmtree(box)
    box.mkdir(parents=True)
    command: List[str] = [sys.executable if word == "python" else word for word in args.command]
    if not command:
        print("Error: no command given (there are no images to take one from)", file=sys.stderr)
        return 125
    env = dict(os.environ)
    for pair in args.env:
        key, _, value = pair.partition("=")
        env[key] = value
    with open(box / "log", "ab") as log:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
            cwd=str(box), start_new_session=True,
        )
    (box / "pid").write_text(f"{process.pid}\n")
    (box / "image").write_text(args.image + "\n")
    print(f"{args.name} (pid {process.pid})")
    return 0


def _stop(box: Path, name: str, quiet: bool = False) -> int:
    if not box.exists():
        print(f"Error: No such container: {name}", file=sys.stderr)
        return 1
    pid = _pid(box)
    if _alive(pid):
        assert pid is not None
        os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)
    (box / "pid").unlink(missing_ok=True)
    if not quiet:
        print(name)
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="simbackend")
    parser.add_argument("--state", required=True, help="directory holding the containers")
    sub = parser.add_subparsers(dest="verb", required=True)
    run = sub.add_parser("run")
    run.add_argument("-d", action="store_true", help="detach (always)")
    run.add_argument("--name", required=True)
    run.add_argument("-e", dest="env", action="append", default=[])
    run.add_argument("image")
    run.add_argument("command", nargs=argparse.REMAINDER)
    for verb in ("stop", "logs"):
        sub.add_parser(verb).add_argument("name")
    rm = sub.add_parser("rm")
    rm.add_argument("-f", action="store_true")
    rm.add_argument("name")
    inspect = sub.add_parser("inspect")
    inspect.add_argument("-f", dest="format", default="{{.State.Status}}")
    inspect.add_argument("name")
    args = parser.parse_args(argv)
    box = Path(args.state) / args.name
    if args.verb == "run":
        return _run(box, args)
    if args.verb == "stop":
        return _stop(box, args.name)
    if not box.exists():
        print(f"Error: No such container: {args.name}", file=sys.stderr)
        return 1
    if args.verb == "rm":
        if _alive(_pid(box)):
            if not args.f:
                print(f"Error: container {args.name} is running: stop it first or use -f", file=sys.stderr)
                return 1
            _stop(box, args.name, quiet=True)
        shutil.rmtree(box)
        print(args.name)
    elif args.verb == "inspect":
        print("running" if _alive(_pid(box)) else "exited")
    else:
        sys.stdout.write((box / "log").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
