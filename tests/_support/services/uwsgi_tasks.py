"""Shared uWSGI tasks the service template calls (module-level tasks, as in any tasks file)."""

from invoke import Collection, task


@task
def start_endpoint(c, name):
    """Start the uWSGI endpoint of service NAME."""
    print(f"uwsgi: start {name}")


@task
def stop_endpoint(c, name):
    """Stop the uWSGI endpoint of service NAME."""
    print(f"uwsgi: stop {name}")


ns = Collection("uwsgi", start_endpoint, stop_endpoint)
