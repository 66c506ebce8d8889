"""The scratch virtualenv the integration suite runs Fabric and invocations in.

Made on first use and reused while nothing it depends on changed (the pinned
``requirements.txt`` beside this file, the Python running the tests, the
checkout it links). Everything is installed with ``--no-deps``: Fabric
declares ``invoke<3`` and Paramiko ``invoke`` too, so a resolving pip would
fetch upstream's. Our invoke goes in last, editable, so the venv always runs
this working tree.

Why not the test venv itself: Fabric's unit suite needs ``pytest<8`` and the
``pytest-relaxed`` plugin, which changes how every test file is collected,
and invocations pins a Sphinx stack of its own; neither belongs next to our
dev requirements.

``python tests/integration/_venv.py`` builds (or finds) it and prints its path.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
REQUIREMENTS = HERE / "requirements.txt"


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "invoke-integration"


def _key() -> str:
    digest = hashlib.sha256()
    for part in (REQUIREMENTS.read_bytes(), sys.version.encode(), sys.base_prefix.encode(), str(ROOT).encode()):
        digest.update(part)
    return digest.hexdigest()[:16]


def _pip(python: Path, *args: str) -> None:
    command = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def scratch_venv() -> Path:
    """The venv's directory, built if missing or out of date (one builder at a time)."""
    root = _cache_root()
    root.mkdir(parents=True, exist_ok=True)
    # A venv's scripts name their interpreter by absolute path, so it is
    # built where it will live; ``.complete`` marks a finished build.
    target = root / f"venv-{_key()}"
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (target / ".complete").exists():
            return target
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(target)], check=True, capture_output=True)
        python = target / "bin" / "python"
        _pip(python, "--no-deps", "-r", str(REQUIREMENTS))
        _pip(python, "--no-deps", "--no-build-isolation", "-e", str(ROOT))
        (target / ".complete").write_text("ok\n")
        return target


def fabric_sdist() -> Path:
    """Fabric 3.2.3's source distribution (it ships ``tests/``), downloaded once."""
    root = _cache_root()
    root.mkdir(parents=True, exist_ok=True)
    target = root / "fabric-3.2.3.tar.gz"
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not target.exists():
            scratch = root / f"download-{os.getpid()}"
            command = [
                sys.executable, "-m", "pip", "download", "-q", "--disable-pip-version-check",
                "--no-deps", "--no-binary", ":all:", "fabric==3.2.3", "-d", str(scratch),
            ]
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0:
                raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
            os.replace(scratch / target.name, target)
            shutil.rmtree(scratch, ignore_errors=True)
        return target


if __name__ == "__main__":
    print(scratch_venv())
