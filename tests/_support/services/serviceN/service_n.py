"""ServiceN: an explicit, visible deviation from the base template."""

from invoke import task
from service_base import ServiceBase


def start_sidekick(c):
    print("serviceN: start sidekick")


class ServiceN(ServiceBase):
    """Service N: starts a sidekick and has its own configuration flags."""

    collection_name = "serviceN"

    def __init__(self, service_name="serviceN"):
        super().__init__(service_name)

    @task
    def start(self, c):
        """Start the sidekick, then the service."""
        start_sidekick(c)
        super().start(c)

    @task
    def configure(self, c, n_a="default_a", n_b="default_b"):
        """Configure service N."""
        print(f"serviceN: configure a={n_a} b={n_b}")
