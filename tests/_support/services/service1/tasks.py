"""Service 1: the base template, configured by a callback."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from service_base import ServiceBase  # noqa: E402


def configure(c, service1_a="default_a", service1_b="default_b"):
    """Configure service 1."""
    print(f"service1: configure a={service1_a} b={service1_b}")


ns = ServiceBase("service1", configure).to_collection()
