"""Parallel execution (``inv -j N``): concurrency, scheduling overhead, and GNU make.

    python benchmarks/bench_jobs.py [--sleepers N] [--trivial N]

Generates tasks files in a temporary directory and times the real ``inv``:

1. N independent tasks that each run ``sleep 1``, with ``-j N``: the wall
   time and its ratio to the ideal (1 s).
2. N trivial tasks (pass) named through one task's pre list, serial and
   with ``-j 8``: the time per task in ms, over ``inv``'s start-up alone.
3. A diamond of ``sleep`` commands (one, then four in parallel, then one)
   run by GNU ``make -j 4`` and by ``inv -j 4``, wall times side by side.
   ``make`` is installed with ``apt-get`` when missing and we are root.

Exits 1 when ``-j N`` is over 1.5x the ideal or ``inv`` is over 10% slower
than ``make`` on the diamond.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List

INV = Path(sys.executable).with_name("inv")


def _time(command: List[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=str(cwd), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _sleepers(where: Path, count: int) -> List[str]:
    names = [f"s{index}" for index in range(count)]
    body = "from invoke import task\n\n"
    for name in names:
        body += f"@task\ndef {name}(c):\n    c.run('sleep 1')\n\n"
    (where / "tasks.py").write_text(body)
    return names


def _trivial(where: Path, count: int) -> None:
    body = "from invoke import task\n\n"
    body += "".join(f"@task\ndef t{index}(c):\n    pass\n\n" for index in range(count))
    body += f"@task(pre=[{', '.join(f't{index}' for index in range(count))}])\ndef everything(c):\n    pass\n\n"
    body += "@task\ndef nothing(c):\n    pass\n"
    (where / "tasks.py").write_text(body)


DIAMOND_MAKE = """\
all: bottom
top:
\tsleep 0.5
left1 left2 right1 right2: top
\tsleep 1
bottom: left1 left2 right1 right2
\tsleep 0.5
.PHONY: all top left1 left2 right1 right2 bottom
"""

DIAMOND_TASKS = """\
from invoke import task

@task
def top(c):
    c.run("sleep 0.5")

def _side(name):
    @task(pre=[top], name=name)
    def side(c):
        c.run("sleep 1")
    return side

left1, left2, right1, right2 = (_side(n) for n in ("left1", "left2", "right1", "right2"))

@task(pre=[left1, left2, right1, right2])
def bottom(c):
    c.run("sleep 0.5")
"""


def _make() -> str:
    found = shutil.which("make")
    if found is None and shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "make"], check=True, stdout=subprocess.DEVNULL)
        found = shutil.which("make")
    if found is None:
        raise SystemExit("GNU make is not installed and cannot be installed here")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sleepers", type=int, default=8)
    parser.add_argument("--trivial", type=int, default=1000)
    options = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        sleepy = root / "sleepers"
        sleepy.mkdir()
        names = _sleepers(sleepy, options.sleepers)
        wall = _time([str(INV), "-j", str(options.sleepers), *names], sleepy)
        ratio = wall / 1.0
        print(f"{options.sleepers} x sleep 1 with -j {options.sleepers}: {wall:.2f}s ({ratio:.2f}x the ideal 1 s)")
        failed |= ratio > 1.5

        trivial = root / "trivial"
        trivial.mkdir()
        _trivial(trivial, options.trivial)
        base = min(_time([str(INV), "nothing"], trivial) for _ in range(3))
        for label, flags in (("serial", []), ("-j 8", ["-j", "8"])):
            took = min(_time([str(INV), *flags, "everything"], trivial) for _ in range(3))
            per_task = (took - base) / options.trivial * 1000
            print(f"{options.trivial} trivial tasks, {label}: {took:.2f}s, {per_task:.3f} ms per task over start-up")

        diamond = root / "diamond"
        diamond.mkdir()
        (diamond / "Makefile").write_text(DIAMOND_MAKE)
        (diamond / "tasks.py").write_text(DIAMOND_TASKS)
        make = min(_time([_make(), "-j", "4", "-s"], diamond) for _ in range(3))
        ours = min(_time([str(INV), "-j", "4", "bottom"], diamond) for _ in range(3))
        print(f"diamond (0.5 s, 4 x 1 s, 0.5 s) with -j 4: make {make:.2f}s, inv {ours:.2f}s ({ours / make:.2f}x)")
        failed |= ours > make * 1.10
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
