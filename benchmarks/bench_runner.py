"""Benchmark Invoke's runner against the floor (plain `subprocess`) and upstream.

Usage::

    python benchmarks/bench_runner.py [UPSTREAM_VENV] [--quick]

Run it with the interpreter that has this checkout installed. Given the
path of a virtualenv holding upstream Invoke 3.0.3 (e.g.
``/tmp/upstream-invoke-3.0.3``), the same measurements (at sizes upstream
can finish) are taken with it too. Not collected by pytest.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, Callable, Dict, List

MB = 1024 * 1024


def _median_time(func: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _context() -> Any:
    from invoke import Config, Context

    return Context(Config())


def measure_invoke(sizes: List[int], stdin_bytes: int, watcher_bytes: int, calls: int) -> Dict[str, Any]:
    """Measurements through `invoke` as importable by this interpreter."""
    import invoke
    from invoke.watchers import Responder

    c = _context()
    out: Dict[str, Any] = {"version": getattr(invoke, "__version__", "?"), "file": invoke.__file__}
    for size in sizes:
        command = f"head -c {size * MB} /dev/zero"
        seconds = _median_time(lambda: c.run(command, hide=True, in_stream=False), 3)
        out[f"capture_{size}MB_MBps"] = size / seconds
        with open(os.devnull, "w") as sink:
            seconds = _median_time(
                lambda: c.run(command, out_stream=sink, in_stream=False), 3
            )
        out[f"stream_{size}MB_MBps"] = size / seconds
    # CPU spent by us while the command prints nothing.
    def cpu(command: str) -> float:
        start = time.process_time()
        c.run(command, hide=True, in_stream=False)
        return time.process_time() - start

    silent = 3.0
    base = statistics.median(cpu("sleep 0") for _ in range(5))
    busy = cpu(f"sleep {silent}")
    out["silent_cpu_ms_per_s"] = max(busy - base, 0.0) / silent * 1000
    for _ in range(5):
        c.run("true", hide=True, in_stream=False)
    start = time.perf_counter()
    for _ in range(calls):
        c.run("true", hide=True, in_stream=False)
    out["true_ms_per_call"] = (time.perf_counter() - start) / calls * 1000
    with tempfile.TemporaryFile() as handle:
        handle.write(b"x" * stdin_bytes)
        handle.seek(0)
        start = time.perf_counter()
        c.run("cat > /dev/null", hide=True, in_stream=handle)
        out["stdin_MBps"] = stdin_bytes / MB / (time.perf_counter() - start)
        out["stdin_bytes"] = stdin_bytes
    watchers = [Responder(pattern, "x\n") for pattern in ("Password: ", r"\[y/N\] ", "Continue\\?", "token=")]
    command = f"head -c {watcher_bytes} /dev/zero | tr '\\0' 'a'"
    plain = _median_time(lambda: c.run(command, hide=True, in_stream=False), 3)
    watched = _median_time(lambda: c.run(command, hide=True, in_stream=False, watchers=watchers), 3)
    out["watchers_4_seconds"] = watched
    out["watchers_4_overhead_seconds"] = watched - plain
    out["watcher_bytes"] = watcher_bytes
    return out


def measure_floor(sizes: List[int], calls: int) -> Dict[str, Any]:
    """The same jobs done by `subprocess` directly."""
    out: Dict[str, Any] = {}
    for size in sizes:
        command = f"head -c {size * MB} /dev/zero"
        seconds = _median_time(
            lambda: subprocess.run(command, shell=True, executable="bash", capture_output=True),
            3,
        )
        out[f"capture_{size}MB_MBps"] = size / seconds

        def stream() -> None:
            done = subprocess.run(command, shell=True, executable="bash", capture_output=True)
            with open(os.devnull, "wb") as sink:
                sink.write(done.stdout)

        out[f"stream_{size}MB_MBps"] = size / _median_time(stream, 3)
    start = time.process_time()
    subprocess.run("sleep 3", shell=True, executable="bash", capture_output=True)
    out["silent_cpu_ms_per_s"] = (time.process_time() - start) / 3 * 1000
    start = time.perf_counter()
    for _ in range(calls):
        subprocess.run(["bash", "-c", "true"], capture_output=True)
    out["true_ms_per_call"] = (time.perf_counter() - start) / calls * 1000
    data = b"x" * (64 * MB)
    start = time.perf_counter()
    subprocess.run("cat > /dev/null", shell=True, input=data)
    out["stdin_MBps"] = 64 / (time.perf_counter() - start)
    return out


def _child(argv: List[str]) -> None:
    spec = json.loads(argv[0])
    if spec.pop("floor", False):
        print(json.dumps(measure_floor(**spec)))
    else:
        print(json.dumps(measure_invoke(**spec)))


def _run_child(python: str, spec: Dict[str, Any]) -> Dict[str, Any]:
    done = subprocess.run(
        [python, os.path.abspath(__file__), "--child", json.dumps(spec)],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        stdin=subprocess.DEVNULL,
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark child failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: List[str]) -> None:
    if argv[:1] == ["--child"]:
        _child(argv[1:])
        return
    quick = "--quick" in argv
    argv = [arg for arg in argv if arg != "--quick"]
    sizes = [4, 40] if quick else [4, 40, 300]
    ours = _run_child(sys.executable, dict(sizes=sizes, stdin_bytes=64 * MB, watcher_bytes=MB, calls=200))
    # The floor runs in a fresh process too, so both start equally cold.
    floor = _run_child(sys.executable, dict(floor=True, sizes=sizes, calls=200))
    columns = {"ours": ours, "floor": floor}
    if argv:
        python = os.path.join(argv[0], "bin", "python")
        # Upstream is quadratic in output size and reads stdin at ~100 B/s:
        # keep its sizes small enough to finish.
        columns["upstream"] = _run_child(
            python, dict(sizes=[4], stdin_bytes=1024, watcher_bytes=MB, calls=50)
        )
    keys: List[str] = []
    for values in columns.values():
        keys.extend(key for key in values if key not in keys)
    print(f"{'measure':32}" + "".join(f"{name:>14}" for name in columns))
    for key in keys:
        if key in ("version", "file"):
            continue
        row = f"{key:32}"
        for values in columns.values():
            value = values.get(key)
            if isinstance(value, float):
                row += f"{value:14.6f}" if value < 0.1 else f"{value:14.3f}"
            else:
                row += f"{str(value if value is not None else '-'):>14}"
        print(row)
    for name, values in columns.items():
        if "file" in values:
            print(f"{name}: invoke {values['version']} from {values['file']}")


if __name__ == "__main__":
    main(sys.argv[1:])
