"""A host fleet written as a task template and run with Fabric's ``fab``.

One ``Host`` instance per machine: every task of an instance connects to that
instance's own host, a ``Database`` subclass deviates for one host (its
``deploy`` also migrates, then reuses the base class's through ``super()``),
and Fabric's own ``@task(hosts=[...])`` works on a template method exactly
as on a function. Hosts, port, user and the remote directory come from
``fleet.yaml`` beside this file (override with ``FLEET_*`` env vars), keys
and ssh options from ``fab``'s own flags (``-i``, ``-S``) and config.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, List

import yaml
from fabric import Connection, task
from invoke import Collection, TaskTemplate

HERE = Path(__file__).resolve().parent


def _settings() -> Dict[str, Any]:
    data = yaml.safe_load((HERE / "fleet.yaml").read_text())
    for key in ("port", "user", "root"):
        data[key] = os.environ.get(f"FLEET_{key.upper()}", data[key])
    data["port"] = int(data["port"])
    return data


SETTINGS = _settings()
# Where the ``uptime`` task runs: Fabric reads task hosts when it loads.
MONITOR = f"{SETTINGS['user']}@{SETTINGS['monitor']}:{SETTINGS['port']}"


class Host(TaskTemplate):
    """Tasks for one host of the fleet."""

    def __init__(self, name: str, address: str, role: str) -> None:
        self.name = name
        self.collection_name = name
        self.address = address
        self.role = role
        self.base = f"{SETTINGS['root']}/{name}"

    def connect(self, c: Any) -> Connection:
        """This instance's own host, with fab's config (keys, ssh config, fabric.yaml)."""
        return Connection(self.address, user=SETTINGS["user"], port=SETTINGS["port"], config=c.config)

    @task
    def facts(self, c):
        """Show which host this is and who we are there."""
        with self.connect(c) as conn:
            result = conn.run("whoami", hide=True)
        print(f"{self.name}: {self.role} at {self.address} as {result.stdout.strip()}")

    @task(help={"version": "The release to deploy."})
    def deploy(self, c, version="1.0"):
        """Upload a release into this host's directory and make it current."""
        release = f"{self.base}/releases/{version}"
        with self.connect(c) as conn:
            conn.run(f"mkdir -p {release}")
            manifest = HERE / "release.txt"
            conn.put(str(manifest), remote=f"{release}/release.txt")
            conn.run(f"ln -sfn {release} {self.base}/current")
        print(f"{self.name}: deployed {version}")

    @task
    def status(self, c):
        """Say which release is current on this host."""
        with self.connect(c) as conn:
            result = conn.run(f"readlink {self.base}/current || echo none", hide=True, warn=True)
        current = result.stdout.strip().rsplit("/", 1)[-1]
        print(f"{self.name}: current release {current}")

    @task(hosts=[MONITOR])
    def uptime(self, c):
        """Fabric's own task(hosts=...) on a template method: c is a Connection."""
        c.run(f"echo {self.name} checked from $(whoami)@{c.host}")


class Database(Host):
    """The one host that deviates: a deploy also migrates its schema."""

    @task(help={"version": "The release to deploy."})
    def deploy(self, c, version="1.0"):
        """Deploy like every host, then record the migration."""
        super().deploy(c, version=version)
        with self.connect(c) as conn:
            conn.run(f"echo {version} > {self.base}/schema-version")
        print(f"{self.name}: schema migrated to {version}")


HOSTS: List[Host] = [
    Database(name, spec["address"], spec["role"]) if spec["role"] == "database" else Host(name, spec["address"], spec["role"])
    for name, spec in SETTINGS["hosts"].items()
]


@task(help={"version": "The release to deploy everywhere."})
def deploy(c, version="1.0"):
    """Deploy one release to every host, in order, through each instance's own task."""
    for host in HOSTS:
        host.deploy(c, version=version)


@task
def status(c):
    """Show every host's current release."""
    for host in HOSTS:
        host.status(c)


ns = Collection(deploy, status, *HOSTS)
