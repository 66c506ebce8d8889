"""The task template every service shares (the contract's micro-service example)."""

from invoke import TaskTemplate, callback_task, task
from uwsgi_tasks import ns as uwsgi


class ServiceBase(TaskTemplate):
    """Tasks of one micro-service."""

    def __init__(self, service_name, config_callback=None):
        self.service_name = service_name
        self.config_callback = config_callback

    @task
    def install(self, c, venv=None):
        """Install the service into its virtualenv."""
        where = f" into {venv}" if venv is not None else ""
        print(f"{self.service_name}: install{where}")

    @task(pre=[install])  # a sibling task: runs on the *same* instance
    def start(self, c):
        """Start the service (installs it first)."""
        uwsgi["start-endpoint"](c, self.service_name)

    @task
    def stop(self, c):
        """Stop the service."""
        uwsgi["stop-endpoint"](c, self.service_name)

    @callback_task("config_callback")  # flags come from the callback
    def configure(self, c, *args, **kwargs):
        """Configure the service."""
        return self.config_callback(c, *args, **kwargs)
