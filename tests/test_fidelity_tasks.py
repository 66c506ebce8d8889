"""Drop-in fidelity of task arguments and collection serialization (issue 11)."""

from invoke import Collection, task


def test_optional_value_flag_with_bool_default_takes_a_string() -> None:
    @task(optional=["verbose"])
    def job(c, verbose=False):  # type: ignore[no-untyped-def]
        pass

    [arg] = [a for a in job.get_arguments() if a.name == "verbose"]
    assert arg.kind is str
    assert arg.optional


def test_serialized_sorts_unnamed_subcollections_first() -> None:
    @task
    def t(c):  # type: ignore[no-untyped-def]
        pass

    root = Collection()
    root.add_collection(Collection("alpha", t), name="alpha")
    root.add_collection(Collection(t), name="zzz")
    names = [sub["name"] for sub in root.serialized()["collections"]]
    assert names == [None, "alpha"]


def test_from_module_keeps_ns_name_dashed_and_takes_module_docstring() -> None:
    import types

    @task
    def t(c):  # type: ignore[no-untyped-def]
        pass

    module = types.ModuleType("mymod", "Module doc.")
    ns = Collection("builtin_name", t)
    ns.__doc__ = "ns doc"
    module.ns = ns  # type: ignore[attr-defined]
    found = Collection.from_module(module)
    assert found.name == "builtin-name"
    assert found.__doc__ == "Module doc."
    assert Collection.from_module(module, name="x_y").name == "x-y"


def _inv(*args: str):  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    from pathlib import Path

    support = Path(__file__).parent / "_support" / "fidelity_tasks"
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=support, capture_output=True, text=True, timeout=60
    )


def test_pre_post_cycle_is_a_one_line_error_before_anything_runs() -> None:
    result = _inv("-c", "cycle", "c2")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "Cycle in pre/post tasks: c2 -> c1 -> c2"


def _dash_tree(root_dash: bool, inner_dash: bool) -> Collection:
    """``inner_coll`` (task ``inner_task``, alias ``my_alias``), also nested under ``sub_coll``."""

    @task(aliases=["my_alias"])
    def inner_task(c):  # type: ignore[no-untyped-def]
        print("inner ran")

    inner = Collection("inner_coll", inner_task, auto_dash_names=inner_dash)
    sub = Collection("sub_coll", inner, auto_dash_names=inner_dash)
    return Collection(inner, sub, auto_dash_names=root_dash)


def test_topmost_auto_dash_names_false_names_the_whole_tree_in_parser_contexts() -> None:
    contexts = {ctx.name: sorted(ctx.aliases) for ctx in _dash_tree(False, True).to_contexts()}
    assert contexts == {
        "inner_coll.inner_task": ["inner_coll.my_alias"],
        "sub_coll.inner_coll.inner_task": ["sub_coll.inner_coll.my_alias"],
    }


def test_topmost_auto_dash_names_true_dashes_a_tree_built_without_dashes() -> None:
    names = sorted(_dash_tree(True, False).task_names.items())
    assert names == [
        ("inner-coll.inner-task", ["inner-coll.my-alias"]),
        ("sub-coll.inner-coll.inner-task", ["sub-coll.inner-coll.my-alias"]),
    ]


def test_underscored_nested_names_run_under_a_non_dashing_root(capsys) -> None:  # type: ignore[no-untyped-def]
    from invoke import Program

    for name in ("inner_coll.inner_task", "sub_coll.inner_coll.my_alias"):
        Program(namespace=_dash_tree(False, True)).run(["x", name], exit=False)
    assert capsys.readouterr().out == "inner ran\ninner ran\n"


def test_dashed_names_run_under_a_dashing_root_over_a_non_dashing_tree(capsys) -> None:  # type: ignore[no-untyped-def]
    from invoke import Program

    for name in ("inner-coll.my-alias", "sub-coll.inner-coll.inner-task"):
        Program(namespace=_dash_tree(True, False)).run(["x", name], exit=False)
    assert capsys.readouterr().out == "inner ran\ninner ran\n"


def test_auto_dash_names_false_turns_inner_dashes_into_underscores() -> None:
    coll = Collection("my-coll", auto_dash_names=False)
    assert coll.name == "my_coll"
    assert coll.transform("a-b.c-d") == "a_b.c_d"
    assert coll.transform("-edge-") == "-edge-"
    assert Collection().transform("a_b.c_d") == "a-b.c-d"


def _inv_in(directory: str, *args: str):  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    from pathlib import Path

    where = Path(__file__).parent / "_support" / "fidelity_tasks" / directory
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=where, capture_output=True, text=True, timeout=60
    )


# Upstream 3.0.3's `inv --help` for these tasks, byte for byte, but for the
# counting flag (`-v INT, --verbose=INT` there, though it takes no value).
_ANALYZE_HELP = """\
Usage: inv[oke] [--core-opts] analyze [--options] [other tasks here ...]

Docstring:
  Analyze some folders.

Options:
  -c INT, --count=INT             How many samples to draw from each folder
                                  before computing statistics.
  -d, --dry                       Only say what would happen.
  -e, --extra                     Extra items, as a list default.
  -f, --folders                   Folders to scan; give the flag once per
                                  folder, as many times as needed.
  -i, --iqr                       Interquartile range multiplier used to decide
                                  which samples are outliers.
  -l [STRING], --level[=STRING]   Optional level.
  -n STRING, --name=STRING        Name of the report, used for its file name
                                  and its title page.
  -o, --out                       Where the report goes; a directory that is
                                  created when missing.
  -v, --verbose

"""

_PLAIN_HELP = """\
Usage: inv[oke] [--core-opts] plain [--options] [other tasks here ...]

Docstring:
  none

Options:
  -l STRING, --label=STRING
  -r, --ratio
  -s INT, --size=INT
  -t, --tags
  -w, --where

"""


def test_help_placeholders_for_kinds_from_defaults_are_upstreams() -> None:
    for name, expected in (("analyze", _ANALYZE_HELP), ("plain", _PLAIN_HELP)):
        result = _inv_in("help_kinds", "--help", name)
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout == expected


def test_flags_without_placeholders_still_take_values() -> None:
    result = _inv_in("help_kinds", "analyze", "-f", "a", "--folders", "b", "-i", "2.5", "-o", "x", "-e", "q")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "['a', 'b'] 2.5 report 10 x ['q'] 0 False False\n"


def test_help_placeholders_for_annotated_kinds_are_richer() -> None:
    result = _inv_in("help_kinds", "--help", "typed")
    assert result.returncode == 0, result.stderr
    options = result.stdout.split("Options:\n")[1].splitlines()
    assert [line.split("   ")[0].strip() for line in options if line.strip()] == [
        "-c, --count",
        "-m {fast,slow}, --mode={fast,slow}",
        "-r FLOAT, --ratio=FLOAT",
        "-s INT, --size=INT",
        "-t STRING, --tags=STRING",
        "-w STRING, --where=STRING",
    ]


def test_underscore_is_never_a_short_flag() -> None:
    @task
    def job(c, _private="x", a_b="y"):  # type: ignore[no-untyped-def]
        pass

    shorts = sorted(name for arg in job.get_arguments() for name in arg.names if len(name) == 1)
    assert "_" not in shorts
    assert shorts == ["a", "p"]
