"""A Program/Executor/Call subclass set shaped like Fabric 3.2.3's, run through the CLI."""

from __future__ import annotations

from typing import Any, List
import pytest

from invoke import Argument, Call, Collection, Context, Executor, Exit, Program, Task, task

RAN: List[Any] = []


class HostCall(Call):
    """Like Fabric's ConnectionCall: extra required init data, old make_context."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.init_kwargs = kwargs.pop("init_kwargs")
        super().__init__(*args, **kwargs)

    def make_context(self, config):  # no core_parse_result: Fabric 3.2.3's signature
        context = Context(config=config)
        context.host = self.init_kwargs["host"]
        return context


class HostExecutor(Executor):
    def expand_calls(self, calls, apply_hosts=True):
        hosts_value = self.core[0].args.hosts.value
        hosts = hosts_value.split(",") if hosts_value else []
        expanded = []
        for call in calls:
            if isinstance(call, Task):
                call = Call(task=call)
            expanded.extend(self.expand_calls(call.pre, apply_hosts=False))
            if apply_hosts and hosts:
                for host in hosts:
                    expanded.append(call.clone(into=HostCall, with_={"init_kwargs": {"host": host}}))
            else:
                expanded.append(call)
            expanded.extend(self.expand_calls(call.post, apply_hosts=False))
        if not calls and self.core.remainder:
            def anonymous(c):
                RAN.append(("remainder", getattr(c, "host", None), self.core.remainder))

            expanded.append(Call(Task(body=anonymous)))
        return expanded

    def dedupe(self, tasks):
        return tasks


class Fab(Program):
    def print_version(self):
        super().print_version()
        print("Paramiko 9.9")

    def core_args(self):
        return super().core_args() + [
            Argument(names=("H", "hosts"), help="Comma-separated host name(s) to execute tasks against."),
            Argument(names=("list-agent-keys",), kind=bool, help="Display ssh-agent key list, and exit."),
        ]

    @property
    def _remainder_only(self):
        return not self.core.unparsed and self.core.remainder and not self.args.complete.value

    def load_collection(self):
        try:
            super().load_collection()
        except Exit:
            if not self._remainder_only:
                raise
            self.collection = Collection()

    def no_tasks_given(self):
        if not self._remainder_only:
            super().no_tasks_given()

    def create_config(self):
        self.config = self.config_class(lazy=True)
        self.config.load_base_conf_files()
        self.config.merge()

    def update_config(self):
        super().update_config(merge=False)
        self.config._overrides.setdefault("marker", "from-fab")
        self.config.merge()

    def parse_core(self, *args, **kwargs):
        super().parse_core(*args, **kwargs)
        if self.args["list-agent-keys"].value:
            print("no keys")
            raise Exit


def _fab() -> Fab:
    return Fab(name="Fabric", version="3.2.3", executor_class=HostExecutor)


def test_version_override_extends_base_output(cli):
    assert cli("fab --version", program=_fab()).stdout == "Fabric 3.2.3\nParamiko 9.9\n"


def test_extra_core_flag_in_help_and_parse_core_override(cli):
    program = _fab()
    help_text = cli("fab --help", program=program).stdout
    assert help_text.startswith("Usage: fab [--core-opts] task1")
    assert "  -H STRING, --hosts=STRING" in help_text
    assert cli("fab --list-agent-keys", program=_fab()).stdout == "no keys\n"


def test_host_tasks_run_with_a_make_context_lacking_core_parse_result(cli, tmp_path):
    (tmp_path / "fabfile.py").write_text(
        "from invoke import task\n"
        "from test_program_fabric import RAN\n\n"
        "@task\n"
        "def deploy(c):\n"
        "    RAN.append(('deploy', c.host, c.config.marker))\n"
    )
    RAN.clear()
    program = _fab()
    result = cli("fab -c fabfile -H web1,web2 deploy", project=tmp_path, program=program)
    assert result.code == 0, result.stderr
    assert RAN == [("deploy", "web1", "from-fab"), ("deploy", "web2", "from-fab")]


def test_remainder_only_runs_with_zero_tasks_and_no_tasks_file(cli, tmp_path):
    RAN.clear()
    result = cli("fab -H web1 -- uname -a", project=tmp_path, program=_fab())
    assert result.code == 0, result.stderr
    assert RAN == [("remainder", None, "uname -a")]


def test_plain_tasks_still_get_a_plain_context(cli, tmp_path):
    seen = []

    @task
    def local(c):
        seen.append(type(c).__name__)

    program = Fab(name="Fabric", version="3.2.3", namespace=Collection(local), executor_class=HostExecutor)
    assert cli("fab local", program=program).code == 0
    assert seen == ["Context"]


def test_an_error_raised_by_a_subclass_config_hook_propagates_unchanged():
    # Fabric's update_config raises FileNotFoundError for a missing ssh
    # config file and its tests expect that exception, not an exit code.
    from invoke import Collection, Program, task

    @task
    def noop(c):
        pass

    class Strict(Program):
        def update_config(self, merge=True):
            super().update_config(merge=merge)
            raise FileNotFoundError("nope/nothere.conf")

    program = Strict(namespace=Collection(noop))
    with pytest.raises(FileNotFoundError):
        program.run("prog noop", exit=False)
