"""Fabric 3.2.3's own unit suite, from its source distribution, passes on our invoke.

The sdist (which ships ``tests/``) is downloaded once into the integration
cache and unpacked into a scratch directory outside the repository; its
tests run unpatched with the venv's pytest 7 and pytest-relaxed (the test
dependencies Fabric declares), the venv first on PATH as when it is active.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from ._venv import fabric_sdist
from .conftest import SSHServer, run_tool


def test_fabrics_unit_suite_passes(venv_bin: Path, tmp_path: Path, sshd: SSHServer) -> None:
    with tarfile.open(fabric_sdist()) as archive:
        archive.extractall(tmp_path)
    source = tmp_path / "fabric-3.2.3"
    result = run_tool(
        venv_bin, "python", ["-m", "pytest", "tests", "-q", "-p", "no:cacheprovider"], source, sshd, timeout=600
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    print(f"Fabric 3.2.3 unit suite: {summary}")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    counts = dict((kind, int(n)) for n, kind in re.findall(r"(\d+) (passed|failed|error|skipped)", summary))
    assert counts.get("failed", 0) == 0 and counts.get("error", 0) == 0
    assert counts["passed"] >= 390
