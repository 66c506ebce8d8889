"""The ``inv`` program: flags, help, version, running tasks, exit codes."""

from __future__ import annotations

import sys

from conftest import make_program

from invoke import Collection, Program, task


def test_version_prints_name_and_version(cli):
    result = cli("inv --version")
    assert (result.code, result.stdout) == (0, "Invoke 3.0.3\n")


def test_version_of_a_custom_program_defaults_to_unknown(cli):
    result = cli(["mytool", "-V"], program=Program())
    assert result.stdout == "Mytool unknown\n"


def test_program_names_come_from_argv_when_not_given():
    program = Program()
    program.run(["/usr/bin/foo", "--version"], exit=False)
    assert (program.name, program.called_as, program.binary, program.binary_names) == (
        "Foo",
        "foo",
        "foo",
        ["foo"],
    )


def test_string_argv_is_split(capsys):
    program = Program(name="MyProg", version="1.2")
    program.run("mp --version", exit=False)
    assert capsys.readouterr().out == "MyProg 1.2\n"


def test_core_help_lists_every_core_flag(cli):
    result = cli("inv --help")
    assert result.code == 0
    out = result.stdout
    assert out.startswith(
        "Usage: inv[oke] [--core-opts] task1 [--task1-opts] ... taskN [--taskN-opts]\n\nCore options:\n\n"
    )
    for spec in (
        "  --complete ",
        "  --hide=STRING ",
        "  --no-dedupe ",
        "  --print-completion-script=STRING ",
        "  --prompt-for-sudo-password ",
        "  --write-pyc ",
        "  -c STRING, --collection=STRING ",
        "  -d, --debug ",
        "  -D INT, --list-depth=INT ",
        "  -e, --echo ",
        "  -f STRING, --config=STRING ",
        "  -F STRING, --list-format=STRING ",
        "  -h [STRING], --help[=STRING] ",
        "  -l [STRING], --list[=STRING] ",
        "  -p, --pty ",
        "  -r STRING, --search-root=STRING ",
        "  -R, --dry ",
        "  -T INT, --command-timeout=INT ",
        "  -V, --version ",
        "  -w, --warn-only ",
    ):
        assert spec in out, spec
    # Long-only flags first, then by short flag, lowercase before uppercase.
    assert out.index("--write-pyc") < out.index("-c STRING") < out.index("-d, --debug") < out.index("-D INT")


def test_core_help_works_without_any_tasks_module(cli, tmp_path):
    result = cli("inv -h", project=tmp_path)
    assert result.code == 0
    assert result.stdout.startswith("Usage: inv[oke] [--core-opts]")


def test_bare_inv_runs_the_default_task(cli):
    result = cli("inv", project="cli/flat")
    assert (result.code, result.stdout) == (0, "building\n")


def test_bare_inv_without_default_prints_core_help(cli):
    result = cli("inv", project="cli/deep")
    assert result.code == 0
    assert result.stdout.startswith("Usage: inv[oke] [--core-opts] task1")


def test_missing_tasks_module_is_one_line(cli, tmp_path):
    result = cli("inv -l", project=tmp_path)
    assert (result.code, result.stdout, result.stderr) == (1, "", "Can't find any collection named 'tasks'!\n")


def test_collection_flag_loads_another_module(cli):
    result = cli("inv -c other special", project="cli/explicit")
    assert (result.code, result.stdout) == (0, "special\n")
    missing = cli("inv -c nope -l", project="cli/explicit")
    assert missing.stderr == "Can't find any collection named 'nope'!\n"


def test_search_root_starts_the_search_elsewhere(cli, tmp_path):
    from conftest import SUPPORT

    result = cli(["inv", "-r", str(SUPPORT / "cli" / "explicit"), "regular"], project=tmp_path)
    assert (result.code, result.stdout) == (0, "regular\n")


def test_task_help_shows_docstring_and_options(cli):
    result = cli("inv --help hello", project="cli/flat")
    assert result.code == 0
    assert result.stdout == (
        "Usage: inv[oke] [--core-opts] hello [--options] [other tasks here ...]\n\n"
        "Docstring:\n"
        "  Say hello to someone nicely.\n\n"
        "  A second paragraph that only --help shows.\n\n"
        "Options:\n"
        "  -c INT, --count=INT\n"
        "  -l, --loud\n"
        "  -n STRING, --name=STRING   Who to greet.\n\n"
    )


def test_task_help_after_the_task_name(cli):
    assert cli("inv hello --help", project="cli/flat").stdout == cli("inv -h hello", project="cli/flat").stdout


def test_task_help_by_alias_names_the_alias(cli):
    result = cli("inv --help hi", project="cli/flat")
    assert result.stdout.startswith("Usage: inv[oke] [--core-opts] hi [--options]")


def test_task_help_without_docstring_or_options(cli):
    result = cli("inv --help no-doc", project="cli/flat")
    assert result.stdout == (
        "Usage: inv[oke] [--core-opts] no-doc [other tasks here ...]\n\n"
        "Docstring:\n  none\n\nOptions:\n  none\n\n"
    )


def test_help_for_unknown_task_suggests_a_close_name(cli):
    result = cli("inv --help helo", project="cli/flat")
    assert result.code == 1
    assert result.stderr == "No idea what 'helo' is!\nDid you mean 'hello'?\n"


def test_unknown_task_is_a_parse_error(cli):
    result = cli("inv nope", project="cli/flat")
    assert result.code == 1
    assert result.stderr.startswith("No idea what 'nope' is!\n")


def test_unknown_task_close_to_a_real_one_gets_a_suggestion(cli):
    # upstream-bugs row 21
    result = cli("inv buidl", project="cli/flat")
    assert result.stderr == "No idea what 'buidl' is!\nDid you mean 'build'?\n"


def test_running_several_tasks_with_their_flags(cli):
    result = cli("inv hello --name bob -c 2 --loud build", project="cli/flat")
    assert (result.code, result.stdout) == (0, "hello bob x2!\nbuilding\n")


def test_pre_tasks_run_first(cli):
    result = cli("inv deploy", project="cli/flat")
    assert result.stdout == "building\ndeploying\n"


def test_dedupe_runs_a_pre_task_once_even_with_default_kwargs(cli):
    # upstream-bugs row 16: the direct call carries the defaults explicitly.
    result = cli("inv show value", project="cli/runs")
    assert result.stdout.count("value ran") == 1


def test_no_dedupe_runs_duplicates(cli):
    result = cli("inv --no-dedupe show value", project="cli/runs")
    assert result.stdout.count("value ran") == 2


def test_autoprint_only_for_tasks_named_on_the_command_line(cli):
    # upstream-bugs row 17
    assert cli("inv show", project="cli/runs").stdout == "value ran\nshow\n"
    assert cli("inv value", project="cli/runs").stdout == "value ran\n42\n"
    both = cli("inv --no-dedupe show value", project="cli/runs").stdout
    assert both == "value ran\nshow\nvalue ran\n42\n"


def test_failed_command_exits_with_its_code(cli):
    result = cli("inv fail --code 3", project="cli/runs")
    assert result.code == 3
    # Output was shown live, so the failure report is not repeated.
    assert "Encountered a bad command exit code" not in result.stderr


def test_failed_hidden_command_prints_the_report(cli):
    result = cli("inv fail-hidden", project="cli/runs")
    assert result.code == 4
    assert "Encountered a bad command exit code!" in result.stderr
    assert "out-text" in result.stderr and "err-text" in result.stderr


def test_exit_prints_its_message_and_uses_its_code(cli):
    result = cli("inv leave", project="cli/runs")
    assert (result.code, result.stderr) == (7, "leaving now\n")
    quiet = cli("inv quiet-exit", project="cli/runs")
    assert (quiet.code, quiet.stderr) == (5, "")


def test_keyboard_interrupt_exits_130(cli):
    # upstream-bugs row 20
    result = cli("inv interrupt", project="cli/runs")
    assert result.code == 130


def test_task_exception_keeps_its_traceback(cli):
    import pytest

    with pytest.raises(RuntimeError, match="task code blew up"):
        cli("inv crash", project="cli/runs")


def test_core_flags_become_config(cli):
    result = cli("inv -w -e -p -R --hide both -T 9 --no-dedupe settings", project="cli/runs")
    assert result.stdout == (
        "warn=True echo=True pty=True dry=True hide=both dedupe=False timeout=9\n"
    )


def test_core_flags_after_a_task_name_still_apply(cli):
    result = cli("inv settings -w -e", project="cli/runs")
    assert "warn=True echo=True" in result.stdout


def test_core_flag_that_acts_too_late_after_a_task_is_an_error(cli):
    # upstream-bugs row 10
    result = cli("inv top -c other", project="cli/nested")
    assert result.code == 1
    assert result.stderr == (
        "Core flag '-c' acts before tasks are loaded; give it before the first task name "
        "(e.g. 'inv[oke] -c ...').\n"
    )


def test_bad_hide_value_lists_valid_values(cli):
    # upstream-bugs row 12
    result = cli("inv --hide bogus echo", project="cli/runs")
    assert result.code == 1
    assert result.stderr == (
        "Invalid value for --hide: 'bogus' (choose one of: out, stdout, err, stderr, both).\n"
    )


def test_missing_runtime_config_file_is_an_error(cli):
    # upstream-bugs row 11
    result = cli("inv -f missing.yaml settings", project="cli/runs")
    assert result.code == 1
    assert result.stderr == "Config file given with -f/--config not found: missing.yaml\n"


def test_project_config_next_to_a_tasks_package_is_loaded(cli):
    result = cli("inv show", project="cli/package")
    assert result.stdout == "color=blue\n"


def test_syntax_error_in_tasks_file_is_one_line_with_file_and_line(cli):
    result = cli("inv -l", project="cli/broken_syntax")
    assert result.code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{_support('cli/broken_syntax/tasks.py')}:4: SyntaxError: ")


def test_import_error_in_tasks_file_names_file_and_line(cli):
    result = cli("inv -l", project="cli/broken_import")
    assert result.code == 1
    assert result.stderr.splitlines() == [
        f"{_support('cli/broken_import/tasks.py')}:2: ModuleNotFoundError: "
        "No module named 'a_module_that_does_not_exist_anywhere'"
    ]


def test_debug_shows_the_traceback_of_a_broken_tasks_file(cli):
    result = cli("inv -d -l", project="cli/broken_import")
    assert result.code == 1
    assert "Traceback (most recent call last)" in result.stderr


def test_collection_building_error_without_a_user_frame_names_the_tasks_file(cli, tmp_path):
    # The conflict is found while Invoke reads the module, so no frame of
    # the user's code is on the traceback: the tasks file is named instead.
    (tmp_path / "tasks.py").write_text(
        "from invoke import task\n\n"
        "@task(aliases=['u'])\ndef t(c):\n    pass\n\n"
        "@task\ndef u(c):\n    pass\n"
    )
    result = cli("inv -l", project=tmp_path)
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{tmp_path / 'tasks.py'}: ValueError: "
        "Name conflict: 'u' is already an alias of task 't' in this collection\n"
    )


def test_collection_building_error_is_one_line(cli):
    result = cli("inv -l", project="cli/misuse")
    assert result.code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "misuse/tasks.py:10: " in result.stderr


def test_bundled_namespace_program_help_lists_subcommands(cli):
    @task
    def foo(c, x=1):
        """Do foo."""
        print("foo", x)

    @task(default=True)
    def bar(c):
        print("bar")

    program = Program(namespace=Collection(foo, bar), version="0.1", name="Tool", binary="tool")
    result = cli("tool --help", program=program)
    assert result.stdout.startswith("Usage: tool [--core-opts] <subcommand> [--subcommand-opts] ...\n")
    assert "--collection" not in result.stdout and "--no-dedupe" not in result.stdout
    assert result.stdout.endswith("Subcommands:\n\n  bar\n  foo   Do foo.\n\nDefault task: bar\n\n")
    assert cli("tool", program=program).stdout == "bar\n"
    assert cli("tool foo -x 3", program=program).stdout == "foo 3\n"
    assert cli("tool -c x", program=program).stderr.startswith("No idea what '-c' is!")


def test_bundled_namespace_may_be_a_task_template_instance(cli):
    from invoke import TaskTemplate

    class Tool(TaskTemplate):
        def __init__(self, greeting):
            self.greeting = greeting

        @task(default=True)
        def hello(self, c, times=1):
            """Say hello."""
            print(self.greeting * times)

    program = Program(namespace=Tool("hi"), binary="tool")
    assert cli("tool --list", program=program).stdout == "Subcommands:\n\n  hello   Say hello.\n\nDefault task: hello\n\n"
    assert cli("tool hello -t 2", program=program).stdout == "hihi\n"
    assert cli("tool", program=program).stdout == "hi\n"


def test_bundled_help_lists_the_whole_collection_flat_whatever_the_list_flags(cli):
    # Upstream sets up the listing options only after handling --help.
    @task
    def foo(c):
        """Do foo."""

    program = Program(namespace=Collection(foo, Collection("sub", foo)), binary="tool")
    expected = "Subcommands:\n\n  foo       Do foo.\n  sub.foo   Do foo.\n\n"
    for flags in ("-F nested -D 1", "-F json", "-l sub"):
        result = cli(f"tool {flags} --help", program=program)
        assert (result.code, result.stderr) == (0, "")
        assert result.stdout.endswith(expected), flags


def test_listing_options_are_recorded_on_every_run(cli):
    # Subclasses (and upstream's own listing methods) read these attributes.
    from conftest import make_program

    program = make_program()
    cli("inv -D 2 -F nested top", project="cli/nested", program=program)
    assert (program.list_root, program.list_depth, program.list_format) == (None, 2, "nested")
    assert program.scoped_collection is program.collection
    program = make_program()
    cli("inv -h top", project="cli/nested", program=program)
    assert (program.list_root, program.list_depth, program.list_format) == (None, None, "flat")


def test_help_with_an_empty_value_is_core_help(cli):
    result = cli("inv --help=", project="cli/nested")
    assert (result.code, result.stderr) == (0, "")
    assert result.stdout.startswith("Usage: inv[oke] [--core-opts] task1")


def test_list_wins_over_complete_as_upstream(cli):
    result = cli("inv --complete -l deploy", project="cli/nested")
    assert result.code == 0
    assert result.stdout.startswith("Available 'deploy' tasks:\n")


def test_hooks_run_in_fabric_order(cli):
    calls = []

    class Traced(Program):
        def create_config(self):
            calls.append("create_config")
            super().create_config()

        def parse_core(self, argv):
            calls.append("parse_core")
            super().parse_core(argv)

        def parse_collection(self):
            calls.append("parse_collection")
            super().parse_collection()

        def load_collection(self):
            calls.append("load_collection")
            super().load_collection()

        def parse_tasks(self):
            calls.append("parse_tasks")
            super().parse_tasks()

        def parse_cleanup(self):
            calls.append("parse_cleanup")
            super().parse_cleanup()

        def update_config(self, merge=True):
            calls.append("update_config")
            super().update_config(merge=merge)

        def execute(self):
            calls.append("execute")
            super().execute()

    cli("inv build", project="cli/flat", program=Traced())
    assert calls == [
        "create_config",
        "parse_core",
        "parse_collection",
        "load_collection",
        "parse_tasks",
        "parse_cleanup",
        "update_config",
        "execute",
    ]


def test_skipping_no_tasks_given_executes_zero_tasks(cli):
    seen = []

    class NothingToDo(Exception):
        pass

    class Lenient(Program):
        def no_tasks_given(self):
            seen.append("skipped")

    from invoke import Executor

    class Strict(Executor):
        def expand_calls(self, calls):
            if not calls:
                raise NothingToDo()
            return super().expand_calls(calls)

    import pytest

    program = Lenient(executor_class=Strict)
    with pytest.raises(NothingToDo):
        cli("inv", project="cli/deep", program=program)
    assert seen == ["skipped"]


def test_run_with_exit_false_returns_after_printing(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make_program().run(["inv", "nope"], exit=False)
    assert capsys.readouterr().err == "Can't find any collection named 'tasks'!\n"


def test_core_args_and_task_args_are_lists_of_arguments():
    from invoke import Argument

    program = Program()
    assert all(isinstance(arg, Argument) for arg in program.core_args() + program.task_args())
    assert [arg.name for arg in program.task_args()] == ["collection", "no-dedupe", "search-root"]


def test_extra_core_args_from_a_subclass_show_in_help(cli):
    from invoke import Argument

    class WithHosts(Program):
        def core_args(self):
            return super().core_args() + [
                Argument(names=("hosts", "H"), help="Hosts to connect to.")
            ]

    result = cli("fab --help", program=WithHosts(name="Fab", binary="fab"))
    assert "  -H STRING, --hosts=STRING" in result.stdout


def test_print_completion_script_mentions_binary_names(cli):
    result = cli("inv --print-completion-script bash")
    assert result.code == 0
    assert "complete -F _complete_invoke -o default invoke inv" in result.stdout


def test_print_completion_script_for_unknown_shell(cli):
    result = cli("inv --print-completion-script=foo")
    assert (result.code, result.stderr) == (
        1,
        'Completion for shell "foo" not supported (options are: bash, fish, zsh).\n',
    )


def _support(path: str) -> str:
    from conftest import SUPPORT

    return str(SUPPORT / path)


def test_main_program_is_configured_like_upstream():
    from invoke.main import program

    assert (program.name, program.binary, program.binary_names) == ("Invoke", "inv[oke]", ["invoke", "inv"])
    assert isinstance(program, Program)
    assert sys.modules["invoke.main"].program is program


def test_template_misuse_in_tasks_file_is_one_actionable_line(cli):
    result = cli("inv -l", project="cli/misuse_class")
    assert result.code == 1
    assert result.stderr == (
        f"{_support('cli/misuse_class/tasks.py')}:14: TypeError: ServiceBase is a task template "
        "class; make an instance first: ServiceBase(service_name=...). Its __init__ requires: "
        "service_name\n"
    )


def test_core_help_works_next_to_a_broken_tasks_file(cli):
    result = cli("inv --help", project="cli/broken_syntax")
    assert result.code == 0
    assert result.stdout.startswith("Usage: inv[oke] [--core-opts]")


def test_auto_dash_names_off_applies_to_the_whole_tree(cli):
    # upstream-bugs row 4: what --list shows is what runs.
    listed = cli("inv -l", project="cli/nodash")
    assert "  db_tools.run_migrations" in listed.stdout
    ran = cli("inv db_tools.run_migrations --dry-run build_all", project="cli/nodash")
    assert (ran.code, ran.stdout) == (0, "run_migrations dry_run=True\nbuild_all ran\n")
    completed = cli("inv --complete -- inv", project="cli/nodash")
    assert completed.stdout == "build_all\ndb_tools.run_migrations\n"


def test_ignore_unknown_help_env_var_is_honoured_in_process(cli, tmp_path):
    # upstream-bugs row 15
    (tmp_path / "tasks.py").write_text(
        "from invoke import task\n\n@task(help={'nope': 'x'})\ndef t(c):\n    print('ran')\n"
    )
    without = cli("inv t", project=tmp_path)
    assert (without.code, without.stderr) == (
        1,
        "Task 't': Help field was set for param(s) that don't exist: ['nope']\n",
    )
    result = cli("inv t", project=tmp_path, env={"INVOKE_TASKS_IGNORE_UNKNOWN_HELP": "1"})
    assert (result.code, result.stdout) == (0, "ran\n")


def test_a_task_with_a_bad_definition_only_breaks_itself(cli, tmp_path):
    # Upstream builds every task's flags up front, so one bad ``help`` key
    # breaks every command; here it is reported only when that task is used,
    # and a typo elsewhere still gets its own message.
    (tmp_path / "tasks.py").write_text(
        "from invoke import task\n\n"
        "@task(help={'nope': 'x'})\ndef broken(c):\n    pass\n\n"
        "@task\ndef fine(c):\n    print('fine ran')\n"
    )
    assert cli("inv fine", project=tmp_path).stdout == "fine ran\n"
    assert cli("inv -l", project=tmp_path).stdout == "Available tasks:\n\n  broken\n  fine\n\n"
    bad = "Task 'broken': Help field was set for param(s) that don't exist: ['nope']\n"
    assert cli("inv broken", project=tmp_path).stderr == bad
    typo = cli("inv fnie", project=tmp_path)
    assert (typo.code, typo.stderr.splitlines()[0]) == (1, "No idea what 'fnie' is!")
    flag = cli("inv fine --bogus", project=tmp_path)
    assert (flag.code, flag.stderr) == (1, "No idea what '--bogus' is!\n")


def test_executor_class_setting_is_imported_and_used(cli, tmp_path):
    (tmp_path / "my_exec.py").write_text(
        "from invoke import Executor\n\n"
        "class Loud(Executor):\n"
        "    def execute(self, *tasks):\n"
        "        print('custom executor')\n"
        "        return super().execute(*tasks)\n"
    )
    (tmp_path / "tasks.py").write_text("from invoke import task\n\n@task\ndef t(c):\n    print('t')\n")
    (tmp_path / "invoke.yaml").write_text("tasks:\n  executor_class: my_exec.Loud\n")
    result = cli("inv t", project=tmp_path)
    assert (result.code, result.stdout) == (0, "custom executor\nt\n")


def test_executor_class_setting_must_be_a_dotted_path(cli, tmp_path):
    (tmp_path / "tasks.py").write_text("from invoke import task\n\n@task\ndef t(c):\n    print('t')\n")
    (tmp_path / "invoke.yaml").write_text("tasks:\n  executor_class: Loud\n")
    result = cli("inv t", project=tmp_path)
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == (
        "Can't import tasks.executor_class 'Loud': expected a dotted path such as 'my_module.MyExecutor'\n"
    )
    # An empty value means the default executor, like no value at all.
    (tmp_path / "invoke.yaml").write_text("tasks:\n  executor_class: ''\n")
    assert cli("inv t", project=tmp_path).stdout == "t\n"


def test_bad_executor_class_setting_is_one_line(cli, tmp_path):
    (tmp_path / "tasks.py").write_text("from invoke import task\n\n@task\ndef t(c):\n    pass\n")
    (tmp_path / "invoke.yaml").write_text("tasks:\n  executor_class: nowhere.Missing\n")
    result = cli("inv t", project=tmp_path)
    assert result.code == 1
    assert result.stderr.startswith("Can't import tasks.executor_class 'nowhere.Missing': ")
    assert len(result.stderr.splitlines()) == 1


def test_runtime_config_file_from_flag_and_env(cli, tmp_path):
    (tmp_path / "tasks.py").write_text(
        "from invoke import task\n\n@task\ndef t(c):\n    print(c.config.get('color'))\n"
    )
    (tmp_path / "rt.yaml").write_text("color: red\n")
    assert cli("inv -f rt.yaml t", project=tmp_path).stdout == "red\n"
    env = {"INVOKE_RUNTIME_CONFIG": str(tmp_path / "rt.yaml")}
    assert cli("inv t", project=tmp_path, env=env).stdout == "red\n"


def test_bad_runtime_config_file_is_one_line(cli, tmp_path):
    # upstream-bugs row 11: upstream shows a chained traceback for -f x.ini.
    (tmp_path / "tasks.py").write_text("from invoke import task\n\n@task\ndef t(c):\n    pass\n")
    (tmp_path / "x.ini").write_text("[x]\n")
    result = cli("inv -f x.ini t", project=tmp_path)
    assert result.code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "x.ini" in result.stderr


def test_list_depth_with_json_is_refused_like_upstream(cli):
    result = cli("inv -l -D 1 -F json", project="cli/nested")
    assert (result.code, result.stderr) == (1, "The --list-depth option is not supported with JSON format!\n")


def test_bundled_program_lists_as_subcommands_whatever_the_options(cli):
    @task
    def foo(c):
        """Do foo."""

    @task(default=True)
    def bar(c):
        pass

    program = Program(namespace=Collection(foo, Collection("sub", foo, bar)), binary="tool")
    result = cli("tool -l sub -F nested -D 1", program=program)
    assert result.stdout == "Subcommands:\n\n  .bar*\n  .foo    Do foo.\n\nDefault 'sub' task: .bar\n\n"


def test_prompt_for_sudo_password_sets_the_config(cli, monkeypatch, tmp_path):
    import getpass

    prompts = []

    def fake_getpass(prompt):
        prompts.append(prompt)
        return "s3cret"

    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    project = tmp_path / "proj"
    project.mkdir()
    (project / "tasks.py").write_text(
        "from invoke import task\n\n@task\ndef t(c):\n    print(c.config.sudo.password)\n"
    )
    result = cli("inv --prompt-for-sudo-password t", project=project)
    assert (result.code, result.stdout) == (0, "s3cret\n")
    assert prompts == ["Desired 'sudo.password' config value: "]


def test_no_answer_to_the_sudo_password_prompt_is_one_line(cli, monkeypatch, tmp_path):
    # Upstream shows getpass's EOFError traceback (stdin at its end, or Ctrl-D).
    import getpass

    def no_input(prompt):
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", no_input)
    (tmp_path / "tasks.py").write_text(
        "from invoke import task\n\n@task\ndef t(c):\n    print('ran')\n"
    )
    result = cli("inv --prompt-for-sudo-password t", project=tmp_path)
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == (
        "No sudo password given: input ended at the --prompt-for-sudo-password prompt.\n"
    )


def test_a_default_task_run_bare_reports_missing_positionals_like_a_named_one(cli, tmp_path):
    # Upstream ends `inv` with the body's TypeError traceback.
    (tmp_path / "tasks.py").write_text(
        "from invoke import task\n\n"
        "@task(default=True)\ndef greet(c, name):\n    print('hi', name)\n"
    )
    expected = "'greet' did not receive required positional arguments: 'name'\n"
    for argv in ("inv", "inv greet"):
        result = cli(argv, project=tmp_path)
        assert (result.code, result.stdout, result.stderr) == (1, "", expected), argv
    assert cli("inv greet bob", project=tmp_path).stdout == "hi bob\n"


def test_every_early_core_flag_is_refused_after_a_task(cli):
    for flag in ("-V", "--write-pyc", "--print-completion-script bash", "-r /", "--collection other"):
        result = cli(f"inv top {flag}", project="cli/nested")
        assert result.code == 1, flag
        assert "acts before tasks are loaded" in result.stderr, flag


def test_help_flag_after_a_task_before_another_helps_the_first(cli):
    result = cli("inv hello -h build", project="cli/flat")
    assert result.stdout.startswith("Usage: inv[oke] [--core-opts] hello [--options]")


def test_list_after_a_task_name_still_lists(cli):
    result = cli("inv top -l deploy", project="cli/nested")
    assert result.stdout.startswith("Available 'deploy' tasks:")


def test_malformed_project_config_file_is_one_line(cli, tmp_path):
    (tmp_path / "tasks.py").write_text("from invoke import task\n\n@task\ndef t(c):\n    pass\n")
    (tmp_path / "invoke.yaml").write_text("run: [unclosed\n")
    result = cli("inv t", project=tmp_path)
    assert result.code == 1
    assert len(result.stderr.splitlines()) == 1
    assert "invoke.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_malformed_user_config_file_is_one_line(cli, tmp_path):
    home = tmp_path / "home"
    (home / ".invoke.yaml").write_text("run: [unclosed\n")
    result = cli("inv --version")
    assert result.code == 1
    assert len(result.stderr.splitlines()) == 1


def test_env_vars_reach_collection_settings_despite_early_env_read(cli, tmp_path):
    (tmp_path / "tasks.py").write_text(
        "from invoke import Collection, task\n\n"
        "@task\ndef t(c):\n    print(c.config.deploy.target)\n\n"
        "ns = Collection(t)\nns.configure({'deploy': {'target': 'staging'}})\n"
    )
    assert cli("inv t", project=tmp_path).stdout == "staging\n"
    result = cli("inv t", project=tmp_path, env={"INVOKE_DEPLOY_TARGET": "prod"})
    assert result.stdout == "prod\n"


def test_uncastable_env_value_is_one_line_before_any_task_runs(cli, tmp_path):
    (tmp_path / "tasks.py").write_text(
        "from invoke import task\n\n@task\ndef t(c):\n    print('ran')\n"
    )
    result = cli("inv t", project=tmp_path, env={"INVOKE_TIMEOUTS_COMMAND": "x"})
    assert result.code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Can't use INVOKE_TIMEOUTS_COMMAND='x' for setting timeouts.command: not a number\n"
    )


def test_command_timeout_is_reported_without_a_traceback(cli, tmp_path):
    # Upstream lets CommandTimedOut escape as a traceback; it is a failed
    # command like UnexpectedExit, so it gets a message and exit 1.
    (tmp_path / "tasks.py").write_text(
        "from invoke import task\n\n@task\ndef slow(c):\n    c.run('sleep 5', timeout=0.3)\n"
    )
    result = cli("inv slow", project=tmp_path)
    assert result.code == 1
    assert result.stderr == (
        "Command did not complete within 0.3 seconds!\n\n"
        "Command: 'sleep 5'\n\n"
        "Stdout: already printed\n\n"
        "Stderr: already printed\n\n"
    )
    assert "Traceback" not in result.stderr


def test_command_timeout_core_flag_applies_to_every_command(cli, tmp_path):
    (tmp_path / "tasks.py").write_text(
        "from invoke import task\n\n@task\ndef slow(c):\n    c.run('sleep 5', hide=True)\n"
    )
    result = cli("inv -T 1 slow", project=tmp_path)
    assert result.code == 1
    assert result.stderr.startswith("Command did not complete within 1 seconds!\n")


def test_help_with_a_joined_task_name_after_another_task(cli, tmp_path):
    # The changelog's documented difference: "build --help=hello" shows
    # hello's help (upstream shows build's).
    (tmp_path / "tasks.py").write_text(
        "from invoke import task\n\n@task\ndef build(c):\n    'Build.'\n\n"
        "@task\ndef hello(c, name='x'):\n    'Say hello.'\n"
    )
    result = cli("inv build --help=hello", project=tmp_path)
    assert result.code == 0, result.stderr
    assert result.stdout.startswith("Usage: inv[oke] [--core-opts] hello [--options]")
    assert "Say hello." in result.stdout
