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
