"""The contract's micro-service template example, driven from the command line."""

from __future__ import annotations

FLEET = "services/fleet"


def test_fleet_lists_every_instance(cli):
    result = cli("inv --list", project=FLEET)
    assert result.code == 0
    for name in ("service1.configure", "service2.start", "serviceN.start", "status"):
        assert f"  {name}" in result.stdout


def test_help_for_a_callback_task_shows_the_callback_flags(cli):
    result = cli("inv --help service1.configure", project=FLEET)
    assert result.code == 0
    assert "Configure service 1." in result.stdout
    assert "--service1-a=STRING" in result.stdout and "--service1-b=STRING" in result.stdout


def test_callback_flags_parse_and_run(cli):
    result = cli("inv service1.configure --service1-a x", project=FLEET)
    assert (result.code, result.stdout) == (0, "service1: configure a=x b=default_b\n")


def test_several_instances_in_one_line_dedupe_pre_tasks_per_instance(cli):
    result = cli("inv service1.start service2.start service1.install", project=FLEET)
    assert result.code == 0
    assert result.stdout.count("service1: install") == 1
    assert result.stdout.count("service2: install") == 1
    assert "uwsgi: start service1" in result.stdout and "uwsgi: start service2" in result.stdout


def test_single_service_project_lists_and_completes(cli):
    listed = cli("inv -l", project="services/service1")
    assert "configure" in listed.stdout and "start" in listed.stdout
    completed = cli("inv --complete -- inv configure -", project="services/service1")
    assert "--service1-a" in completed.stdout.splitlines()
