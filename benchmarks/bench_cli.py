"""Start-up and listing speed of ``inv``, optionally against upstream Invoke.

    python benchmarks/bench_cli.py [--upstream VENV] [--runs N] [--tasks N]

Generates its own tasks file (a flat module of N tasks plus a few nested
collections) in a temporary directory, then times, as real processes:
``python -c pass`` (the floor), ``inv --version``, ``inv --list`` and
``inv --complete``. Prints the median of each. With ``--upstream``
(a virtualenv holding upstream Invoke 3.0.3) the same commands run under it
too. Exits 1 when one of the targets is missed:

- ``--version`` within 3x of ``python -c pass``
- ``--list`` on the generated namespace under 0.15 s
- ``--complete`` on it under 0.2 s
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def write_tasks(directory: Path, count: int) -> None:
    """A tasks module with ``count`` documented tasks, some flags, and sub-collections."""
    lines = ["from invoke import Collection, task", ""]
    for index in range(count):
        lines += [
            "@task",
            f"def task_{index:04d}(c, name='x', times=1, loud=False):",
            f'    """Task number {index}, which does very little."""',
            "",
        ]
    names = ", ".join(f"task_{index:04d}" for index in range(count))
    lines += [
        f"ns = Collection({names})",
        "for group in range(5):",
        "    ns.add_collection(Collection(f'group{group}', task_0000, task_0001))",
    ]
    (directory / "tasks.py").write_text("\n".join(lines) + "\n")


def median_seconds(command: List[str], cwd: Path, runs: int, env: Dict[str, str]) -> float:
    """Median wall time of ``command`` over ``runs`` runs (after one warm-up)."""
    subprocess.run(command, cwd=str(cwd), env=env, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, cwd=str(cwd), env=env, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    return statistics.median(times)


def measure(python: str, cwd: Path, runs: int, ours: bool) -> Dict[str, float]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(cwd)}
    if ours:
        env["PYTHONPATH"] = str(REPO)
    inv = [python, "-m", "invoke"]
    return {
        "--version": median_seconds(inv + ["--version"], cwd, runs, env),
        "--list": median_seconds(inv + ["--list"], cwd, runs, env),
        "--complete": median_seconds(inv + ["--complete", "--", "inv", "task_0001", "-"], cwd, runs, env),
    }


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", help="virtualenv with upstream Invoke 3.0.3")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tasks", type=int, default=2000)
    options = parser.parse_args(argv)
    python = str(REPO / ".venv" / "bin" / "python")
    if not os.path.exists(python):
        python = sys.executable
    with tempfile.TemporaryDirectory() as scratch:
        cwd = Path(scratch)
        write_tasks(cwd, options.tasks)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": scratch}
        floor = median_seconds([python, "-c", "pass"], cwd, options.runs, env)
        ours = measure(python, cwd, options.runs, ours=True)
        upstream = None
        if options.upstream:
            upstream = measure(str(Path(options.upstream) / "bin" / "python"), cwd, options.runs, ours=False)
    print(f"python -c pass      {floor * 1000:8.1f} ms")
    for key, value in ours.items():
        extra = ""
        if upstream is not None:
            extra = f"   upstream {upstream[key] * 1000:8.1f} ms"
        print(f"inv {key:<15} {value * 1000:8.1f} ms{extra}")
    failures = []
    if ours["--version"] > 3 * floor:
        failures.append(f"--version is {ours['--version'] / floor:.1f}x python -c pass (target: 3x)")
    if ours["--list"] > 0.15:
        failures.append("--list over 0.15 s")
    if ours["--complete"] > 0.2:
        failures.append("--complete over 0.2 s")
    for failure in failures:
        print("MISSED:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
