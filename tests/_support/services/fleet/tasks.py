"""The whole fleet in one root namespace: several instances side by side."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
for path in (ROOT, os.path.join(ROOT, "serviceN")):
    if path not in sys.path:
        sys.path.insert(0, path)

from invoke import Collection, task  # noqa: E402
from service_base import ServiceBase  # noqa: E402
from service_n import ServiceN  # noqa: E402


def cfg1(c, service1_a="default_a", service1_b="default_b"):
    """Configure service 1."""
    print(f"service1: configure a={service1_a} b={service1_b}")


def cfg2(c, port: int = 8000):
    """Configure service 2."""
    print(f"service2: configure port={port!r}")


@task
def status(c):
    """Show the fleet's status."""
    print("fleet: all good")


ns = Collection(status)
for name, callback in [("service1", cfg1), ("service2", cfg2)]:
    ns.add_collection(ServiceBase(name, callback), name=name)
ns.add_collection(ServiceN("serviceN"))  # named by its collection_name
