"""``inv --list`` in every format, depth and namespace, byte for byte."""

from __future__ import annotations

import json

from invoke._cli.render import columns, task_help

FLAT = """\
Available tasks:

  build                                                             Build it.
  deploy
  hello (hi)                                                        Say hello
                                                                    to someone
                                                                    nicely.
  no-doc
  very-long-task-name-for-testing-column-widths-in-listing-output   This
                                                                    docstring
                                                                    is long
                                                                    enough that
                                                                    it must be
                                                                    wrapped to
                                                                    fit within
                                                                    eighty
                                                                    columns of
                                                                    terminal.

Default task: build

"""

NESTED_TREE_FLAT = """\
Available tasks:

  build-all                                Build everything.
  top                                      Top level task.
  deploy.deploy-web (deploy.up)            Deploy the web tier.
  deploy.extra (deploy.more)               Added under an alias given to
                                           add_task.
  deploy.inner.db-default (deploy.inner)
  deploy.inner.db-migrate                  Run migrations.

Default task: build-all

"""

NESTED_TREE_NESTED = """\
Available tasks ('*' denotes collection defaults):

  build-all*              Build everything.
  top                     Top level task.
  deploy
      .deploy-web (.up)   Deploy the web tier.
      .extra (.more)      Added under an alias given to add_task.
      .inner
          .db-default*
          .db-migrate     Run migrations.

Default task: build-all

"""


def test_flat_list_wraps_help_to_eighty_columns(cli):
    result = cli("inv --list", project="cli/flat")
    assert result.code == 0
    assert result.stdout == FLAT
    assert result.stderr == ""


def test_flat_list_marks_defaults_only_in_nested_format(cli):
    result = cli("inv -l -F nested", project="cli/flat")
    assert result.stdout.startswith("Available tasks ('*' denotes collection defaults):\n\n  build*")


def test_flat_list_of_a_tree_uses_dotted_names_and_default_aliases(cli):
    result = cli("inv -l", project="cli/nested")
    assert result.stdout == NESTED_TREE_FLAT


def test_nested_list_indents_subcollections(cli):
    result = cli("inv -l -F nested", project="cli/nested")
    assert result.stdout == NESTED_TREE_NESTED


def test_aliases_given_to_add_task_are_listed_and_runnable(cli):
    # upstream-bugs row 1: add_task(..., aliases=[...]) aliases were unreachable.
    assert "deploy.extra (deploy.more)" in cli("inv -l", project="cli/nested").stdout
    result = cli("inv deploy.more", project="cli/nested")
    assert (result.code, result.stdout) == (0, "extra\n")


def test_list_depth_collapses_deeper_collections_with_counts(cli):
    result = cli("inv -l -D 1", project="cli/nested")
    assert result.stdout == (
        "Available tasks (depth=1):\n\n"
        "  build-all                         Build everything.\n"
        "  top                               Top level task.\n"
        "  deploy [2 tasks, 1 collections]\n\n"
        "Default task: build-all\n\n"
    )


def test_list_depth_in_nested_format(cli):
    result = cli("inv -l -D 2 -F nested", project="cli/deep")
    assert result.stdout == (
        "Available tasks (depth=2; '*' denotes collection defaults):\n\n"
        "  a                      Level one.\n"
        "  two\n"
        "      .b                 Level two.\n"
        "      .three [2 tasks]\n\n"
    )


def test_list_of_a_namespace_shows_relative_names(cli):
    result = cli("inv --list deploy", project="cli/nested")
    assert result.code == 0
    assert result.stdout == (
        "Available 'deploy' tasks:\n\n"
        "  .deploy-web (.up)            Deploy the web tier.\n"
        "  .extra (.more)               Added under an alias given to add_task.\n"
        "  .inner.db-default (.inner)\n"
        "  .inner.db-migrate            Run migrations.\n\n"
    )


def test_list_of_a_namespace_with_a_default_names_it(cli):
    result = cli("inv --list deploy.inner", project="cli/nested")
    assert result.stdout.endswith("Default 'deploy.inner' task: .db-default\n\n")


def test_list_of_an_unknown_namespace_is_an_error(cli):
    result = cli("inv --list bogus", project="cli/nested")
    assert (result.code, result.stdout, result.stderr) == (1, "", "Sub-collection 'bogus' not found!\n")


def test_json_list_is_the_serialized_collection(cli):
    result = cli("inv -l -F json", project="cli/nested")
    data = json.loads(result.stdout)
    assert data["name"] == "tasks"
    assert data["default"] == "build-all"
    assert [t["name"] for t in data["tasks"]] == ["build-all", "top"]
    deploy = data["collections"][0]
    assert deploy["name"] == "deploy"
    assert {"name": "deploy-web", "help": "Deploy the web tier.", "aliases": ["up"]} in deploy["tasks"]
    assert result.stdout.endswith("}\n")


def test_json_list_of_a_namespace(cli):
    result = cli("inv -l deploy.inner -F json", project="cli/nested")
    assert json.loads(result.stdout)["name"] == "inner"


def test_nested_list_shows_collection_docstrings(cli):
    result = cli("inv -l -F nested", project="cli/package")
    assert result.stdout == (
        "Available tasks ('*' denotes collection defaults):\n\n"
        "  show        Print a config value from the project file.\n"
        "  sub         Sub module docstring.\n"
        "      .leaf   Leaf doc\n\n"
    )


def test_empty_collection_cannot_be_listed(cli):
    for fmt in ("flat", "nested", "json"):
        result = cli(f"inv -l -F {fmt}", project="cli/empty")
        assert (result.code, result.stderr) == (1, "No tasks found in collection 'tasks'!\n")


def test_bad_list_format_names_the_choices(cli):
    # upstream-bugs row 13: upstream crashes with AttributeError.
    result = cli("inv -F bogus -l", project="cli/flat")
    assert result.code == 1
    assert result.stderr == "Invalid --list-format 'bogus'; choose one of: flat, nested, json.\n"


def test_columns_without_help_have_no_trailing_spaces():
    text = columns([("a", None), ("bbb", "help")], width=80)
    assert text == "  a\n  bbb   help\n\n"


def test_task_help_page_layout():
    class Fake:
        """First line.

        Second paragraph.
        """

    text = task_help("inv", "fake", Fake(), [("-x INT", "")], width=80)
    assert text == (
        "Usage: inv [--core-opts] fake [--options] [other tasks here ...]\n\n"
        "Docstring:\n  First line.\n\n  Second paragraph.\n\n"
        "Options:\n  -x INT\n\n"
    )


def test_json_uses_the_name_a_task_is_bound_under(cli, tmp_path):
    # upstream-bugs row 3: upstream shows the function's own name.
    (tmp_path / "tasks.py").write_text(
        "from invoke import Collection, task\n\n"
        "@task\ndef original_name(c):\n    '''Doc.'''\n\n"
        "ns = Collection()\nns.add_task(original_name, name='bound')\n"
    )
    data = json.loads(cli("inv -l -F json", project=tmp_path).stdout)
    assert data["tasks"] == [{"name": "bound", "help": "Doc.", "aliases": []}]
    assert "  bound   Doc." in cli("inv -l", project=tmp_path).stdout


def test_help_wins_over_list(cli):
    result = cli("inv -l -h", project="cli/flat")
    assert result.stdout.startswith("Usage: inv[oke] [--core-opts] task1")


def test_listing_pieces_for_subclasses(cli):
    from conftest import make_program

    program = make_program()
    cli("inv -l -D 1", project="cli/nested", program=program)
    assert program.task_list_opener() == "Available tasks (depth=1)"
    assert program.task_list_opener("extra note") == "Available tasks (depth=1; extra note)"
    pairs = program._make_pairs(program.collection)
    assert pairs[0] == ("build-all", "Build everything.")


DEEP_DEFAULTS = (
    "from invoke import Collection, task\n\n"
    "@task(default=True, aliases=['x1'])\ndef a_def(c):\n    '''A default.'''\n\n"
    "@task(default=True, aliases=['cd', 'ce'])\ndef c_def(c):\n    pass\n\n"
    "@task\ndef other(c):\n    pass\n\n"
    "ns = Collection(Collection('a1', a_def, Collection('c3', c_def, other)))\n"
)


def test_flat_list_sorts_a_default_tasks_collection_name_among_its_aliases(cli, tmp_path):
    # Upstream sorts the collection's own name in with the task's aliases.
    (tmp_path / "tasks.py").write_text(DEEP_DEFAULTS)
    assert cli("inv -l", project=tmp_path).stdout == (
        "Available tasks:\n\n"
        "  a1.a-def (a1, a1.x1)                      A default.\n"
        "  a1.c3.c-def (a1.c3, a1.c3.cd, a1.c3.ce)\n"
        "  a1.c3.other\n\n"
    )
    assert cli("inv -l a1", project=tmp_path).stdout == (
        "Available 'a1' tasks:\n\n"
        "  .a-def (.x1)                      A default.\n"
        "  .c3.c-def (.c3, .c3.cd, .c3.ce)\n"
        "  .c3.other\n\n"
        "Default 'a1' task: .a-def\n\n"
    )


def test_names_in_listing_errors_are_quoted_as_typed(cli):
    # Upstream wraps the name in single quotes as is (no repr escaping).
    result = cli(["inv", "-l", "it's"], project="cli/nested")
    assert (result.code, result.stderr) == (1, "Sub-collection 'it's' not found!\n")
    result = cli(["inv", "-h", "it's"], project="cli/nested")
    assert (result.code, result.stderr) == (1, "No idea what 'it's' is!\n")


def test_a_tree_of_only_empty_collections_cannot_be_listed(cli, tmp_path):
    (tmp_path / "tasks.py").write_text(
        "from invoke import Collection\n\n"
        "ns = Collection('custom', Collection('sub', Collection('deeper')))\n"
    )
    for fmt in ("flat", "nested", "json"):
        result = cli(f"inv -l -F {fmt}", project=tmp_path)
        # As upstream, an ns holding no task is passed over for the
        # module's own (here: none), named after the module.
        assert (result.code, result.stdout, result.stderr) == (
            1,
            "",
            "No tasks found in collection 'tasks'!\n",
        )
    result = cli("inv -l sub", project=tmp_path)
    assert (result.code, result.stderr) == (1, "Sub-collection 'sub' not found!\n")


def _terminal(cols: int, rows: int):
    """A pseudo-terminal (master fd, slave file) with the given window size."""
    import fcntl
    import os
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("hhhh", rows, cols, 0, 0))
    return master, os.fdopen(slave, "w")


def test_listing_width_is_the_width_of_the_terminal_on_stdout(monkeypatch):
    import io
    import os
    import sys

    from invoke._cli.render import terminal_width

    master, tty = _terminal(cols=50, rows=0)  # some terminals report no rows
    try:
        monkeypatch.setattr(sys, "stdout", tty)
        assert terminal_width() == 50
        # Output going to a pipe or file is 80 wide even when stderr is a
        # terminal, so `inv --list > file` gives the same text everywhere.
        monkeypatch.setattr(sys, "stdout", io.StringIO())
        monkeypatch.setattr(sys, "stderr", tty)
        assert terminal_width() == 80
    finally:
        tty.close()
        os.close(master)


def test_help_column_keeps_a_readable_width_on_a_narrow_terminal():
    # Upstream crashes (ValueError from textwrap) once the names leave no
    # room; here the help column is 20 wide and runs past the edge.
    text = columns([("a-rather-long-task-name", "Deploy the whole stack to production.")], width=28)
    assert text == (
        "  a-rather-long-task-name   Deploy the whole\n"
        "                            stack to production.\n\n"
    )
    # A column that is merely narrow is wrapped as narrow as upstream does.
    assert columns([("name", "one two three")], width=20) == (
        "  name   one two\n         three\n\n"
    )


def test_unknown_namespace_suggests_a_close_one(cli):
    # The same help as for unknown task names (upstream-bugs row 21).
    result = cli("inv -l deploy.iner", project="cli/nested")
    assert (result.code, result.stdout) == (1, "")
    assert result.stderr == "Sub-collection 'deploy.iner' not found!\nDid you mean 'deploy.inner'?\n"
