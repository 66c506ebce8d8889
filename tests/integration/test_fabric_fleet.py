"""examples/fabric-fleet: a TaskTemplate host fleet run through ``fab`` on the loopback sshd."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SSHServer, run_tool

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "fabric-fleet"


@pytest.fixture
def fleet(sshd: SSHServer, venv_bin: Path, tmp_path: Path):
    """``fab`` on the example, its hosts pointed at the test sshd; and the remote root."""
    remote_root = tmp_path / "remote"
    env = {"FLEET_PORT": str(sshd.port), "FLEET_USER": sshd.user, "FLEET_ROOT": str(remote_root)}

    def fab(*args: str):
        return run_tool(venv_bin, "fab", ["-i", str(sshd.key), *args], EXAMPLE, sshd, env=env)

    return fab, remote_root


def test_fleet_deploys_status_and_deviates_for_the_database(fleet, sshd: SSHServer) -> None:
    fab, remote = fleet
    facts = fab("web.facts", "cache.facts")
    assert facts.returncode == 0, facts.stderr
    assert facts.stdout.splitlines() == [
        f"web: frontend at 127.0.0.1 as {sshd.user}",
        f"cache: cache at localhost as {sshd.user}",
    ]
    deployed = fab("deploy", "--version", "2.1")
    assert deployed.returncode == 0, deployed.stderr
    assert deployed.stdout.splitlines() == [
        "web: deployed 2.1",
        "cache: deployed 2.1",
        "db: deployed 2.1",
        "db: schema migrated to 2.1",
    ]
    for name in ("web", "cache", "db"):
        release = remote / name / "current" / "release.txt"
        assert release.read_text() == "release built by examples/fabric-fleet\n"
    assert (remote / "db" / "schema-version").read_text() == "2.1\n"
    assert not (remote / "web" / "schema-version").exists()
    status = fab("status")
    assert status.stdout.splitlines() == [f"{name}: current release 2.1" for name in ("web", "cache", "db")]


def test_one_instance_task_runs_only_its_host(fleet) -> None:
    fab, remote = fleet
    result = fab("db.deploy", "-v", "3.0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["db: deployed 3.0", "db: schema migrated to 3.0"]
    assert sorted(path.name for path in remote.iterdir()) == ["db"]


def test_fabric_task_hosts_on_a_template_method(fleet, sshd: SSHServer) -> None:
    fab, _ = fleet
    result = fab("web.uptime", "db.uptime")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"web checked from {sshd.user}@127.0.0.1",
        f"db checked from {sshd.user}@127.0.0.1",
    ]


def test_the_examples_fabric_pins_are_the_suites() -> None:
    def pins(path: Path) -> dict:
        lines = [line.split("#")[0].strip() for line in path.read_text().splitlines()]
        return dict(line.split("==") for line in lines if line)

    example = pins(EXAMPLE / "requirements.txt")
    suite = pins(Path(__file__).with_name("requirements.txt"))
    assert example["fabric"] == "3.2.3"
    assert {name: suite.get(name) for name in example} == example
