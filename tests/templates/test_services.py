"""The contract's micro-service example (tests/_support/services) built and run for real."""

import importlib.util
import os
import subprocess
import sys

import pytest

from invoke import Collection, Context

SERVICES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "_support", "services")


def load(project):
    path = os.path.join(SERVICES, project, "tasks.py")
    spec = importlib.util.spec_from_file_location(f"services_{project}_tasks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Collection.from_module(module)


def test_service1_collection_lists_template_tasks():
    coll = load("service1")
    assert coll.task_names == {"install": [], "start": [], "stop": [], "configure": []}
    assert coll["configure"].__doc__ == "Configure service 1."
    assert [a.names for a in coll["configure"].get_arguments()] == [("service1-a", "s"), ("service1-b", "e")]


def test_service1_tasks_run_with_a_real_context(capsys):
    coll = load("service1")
    ctx = Context()
    coll["install"](ctx, venv="/v")
    coll["start"](ctx)
    coll["configure"](ctx, service1_a="x")
    coll["stop"](ctx)
    assert capsys.readouterr().out.splitlines() == [
        "service1: install into /v",
        "uwsgi: start service1",
        "service1: configure a=x b=default_b",
        "uwsgi: stop service1",
    ]


def test_service2_ns_is_the_instance_itself():
    coll = load("service2")
    # No collection_name: a nameless template is the root, named after its module.
    assert coll.name == "services-service2-tasks"
    kinds = {a.name: a.kind for a in coll["configure"].get_arguments()}
    assert kinds == {"port": int, "debug": bool}


def test_serviceN_deviation_is_visible_and_reuses_the_rest(capsys):
    coll = load("serviceN")
    assert coll.name == "serviceN"
    start = coll["start"]
    assert start.__doc__ == "Start the sidekick, then the service."
    assert start.pre == [coll["install"]]
    assert [a.name for a in coll["configure"].get_arguments()] == ["n_a", "n_b"]
    start(Context())
    assert capsys.readouterr().out.splitlines() == ["serviceN: start sidekick", "uwsgi: start serviceN"]


def test_fleet_holds_every_instance_separately():
    coll = load("fleet")
    names = coll.task_names
    assert list(names)[:1] == ["status"]
    for service in ("service1", "service2", "serviceN"):
        for name in ("install", "start", "stop", "configure"):
            assert f"{service}.{name}" in names
    assert coll["service1.start"] != coll["service2.start"]
    assert coll["service1.start"].pre == [coll["service1.install"]]
    assert coll["service1.start"].pre[0] is not coll["service2.install"]


def _inv(project, *args):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=os.path.join(SERVICES, project),
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.mark.parametrize(
    "args, expected",
    [
        (
            ("service1.start", "service2.start"),
            ["service1: install", "uwsgi: start service1", "service2: install", "uwsgi: start service2"],
        ),
        (("serviceN.start", "serviceN.install"), ["serviceN: install", "serviceN: start sidekick", "uwsgi: start serviceN"]),
        (("service1.configure", "--service1-a", "x"), ["service1: configure a=x b=default_b"]),
    ],
)
def test_fleet_through_the_real_cli(args, expected):
    result = _inv("fleet", *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == expected


def test_cli_help_shows_callback_flags():
    result = _inv("service1", "--help", "configure")
    assert result.returncode == 0, result.stderr
    assert "Configure service 1." in result.stdout
    assert "--service1-a=STRING" in result.stdout and "--service1-b=STRING" in result.stdout
