"""Service 2: the base template with its own configuration flags, given as `ns` directly."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from service_base import ServiceBase  # noqa: E402


def configure(c, port: int = 8000, debug: bool = False):
    """Configure service 2."""
    print(f"service2: configure port={port!r} debug={debug!r}")


# A tasks module may hand the template instance itself to the loader.
ns = ServiceBase("service2", configure)
