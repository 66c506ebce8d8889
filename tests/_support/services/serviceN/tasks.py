"""Service N: a subclass of the template that overrides start and configure."""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from service_n import ServiceN  # noqa: E402

ns = ServiceN("serviceN").to_collection()
