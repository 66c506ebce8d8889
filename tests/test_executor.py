"""`Executor`: normalize, expand pre/post, dedupe, per-call config, contexts, results."""

from __future__ import annotations

from typing import Any, List

import pytest

from invoke import Call, Collection, Config, Context, Executor, task
from invoke.parser import Argument, ParserContext, ParseResult


def _tree(log: List[str]) -> Collection:
    @task
    def setup(c):
        log.append("setup")

    @task
    def teardown(c):
        log.append("teardown")

    @task(pre=[setup], post=[teardown])
    def build(c, level=1):
        log.append(f"build {level}")
        return f"built {level}"

    @task(pre=[build])
    def ship(c):
        log.append("ship")
        return "shipped"

    @task(default=True)
    def main(c):
        log.append("main")

    return Collection(setup, teardown, build, ship, main)


def test_execute_runs_pre_and_post_tasks_around_the_task():
    log: List[str] = []
    Executor(_tree(log)).execute("build")
    assert log == ["setup", "build 1", "teardown"]


def test_pre_tasks_expand_recursively_and_dedupe_by_default():
    log: List[str] = []
    Executor(_tree(log)).execute("ship", "build")
    assert log == ["setup", "build 1", "teardown", "ship"]


def test_dedupe_can_be_turned_off_in_config():
    log: List[str] = []
    config = Config(overrides={"tasks": {"dedupe": False}})
    Executor(_tree(log), config=config).execute("ship", "build")
    assert log == ["setup", "build 1", "teardown", "ship", "setup", "build 1", "teardown"]


def test_calls_with_different_arguments_both_run():
    log: List[str] = []
    Executor(_tree(log)).execute(("build", {"level": 2}), "ship")
    # setup and teardown ran already: dedupe drops their second calls.
    assert log == ["setup", "build 2", "teardown", "build 1", "ship"]


def test_no_tasks_runs_the_default_task():
    log: List[str] = []
    Executor(_tree(log)).execute()
    assert log == ["main"]


def test_execute_returns_results_keyed_by_task():
    log: List[str] = []
    coll = _tree(log)
    results = Executor(coll).execute("ship")
    assert results[coll["ship"]] == "shipped"
    assert results[coll["build"]] == "built 1"


def test_normalize_accepts_names_pairs_and_parser_contexts():
    coll = _tree([])
    context = ParserContext(name="build", args=[Argument(names=("level",), kind=int, default=1)])
    context.args.level.value = 3
    calls = Executor(coll).normalize(("ship", ("build", {"level": 2}), context))
    assert [(c.called_as, c.kwargs) for c in calls] == [
        ("ship", {}),
        ("build", {"level": 2}),
        ("build", {"level": 3}),
    ]
    assert all(isinstance(c, Call) for c in calls)


def test_expand_calls_is_called_once_even_with_nothing_to_run():
    seen: List[Any] = []

    class Spy(Executor):
        def expand_calls(self, calls):
            seen.append(list(calls))
            return super().expand_calls(calls)

    Spy(Collection()).execute()
    assert seen == [[]]


def test_collection_config_is_loaded_per_call_and_config_is_shared():
    observed: List[Any] = []

    @task
    def first(c):
        observed.append(c.config.greeting)
        c.config.shared = "kept"

    @task
    def second(c):
        observed.append(c.config.shared)

    coll = Collection(first, second)
    coll.configure({"greeting": "hi"})
    Executor(coll, config=Config()).execute("first", "second")
    assert observed == ["hi", "kept"]


def test_make_context_gets_the_core_parse_result_when_it_accepts_it():
    received: List[Any] = []

    class CoreCall(Call):
        def make_context(self, config, core_parse_result=None):
            received.append(core_parse_result)
            return Context(config=config)

    class CoreExecutor(Executor):
        def expand_calls(self, calls):
            return [CoreCall(c.task, called_as=c.called_as) for c in calls]

    @task
    def t(c):
        pass

    core = ParseResult([ParserContext()])
    CoreExecutor(Collection(t), core=core).execute("t")
    assert received == [core]


def test_make_context_without_core_parse_result_still_works():
    # Fabric 3.2.3's ConnectionCall.make_context(self, config); upstream-bugs row 26.
    made: List[Any] = []

    class FabricLikeCall(Call):
        def make_context(self, config):
            made.append(config)
            return Context(config=config)

    class FabricLikeExecutor(Executor):
        def expand_calls(self, calls):
            return [FabricLikeCall(c.task, called_as=c.called_as) for c in calls]

    @task
    def t(c):
        return "ran"

    results = FabricLikeExecutor(Collection(t), core=ParseResult([ParserContext()])).execute("t")
    assert len(made) == 1 and list(results.values()) == ["ran"]


def test_calls_are_not_cloned_after_expansion():
    class NoClone(Call):
        def clone(self, *args, **kwargs):
            raise AssertionError("calls must not be cloned after expand_calls")

        def __deepcopy__(self, memo):
            raise AssertionError("calls must not be deep-copied after expand_calls")

    class Rebuilding(Executor):
        def expand_calls(self, calls):
            return [NoClone(c.task, called_as=c.called_as) for c in calls]

    @task
    def t(c):
        return 1

    assert list(Rebuilding(Collection(t)).execute("t").values()) == [1]


def test_autoprint_prints_only_the_named_task(capsys):
    @task(autoprint=True)
    def value(c):
        return 42

    @task(pre=[value])
    def show(c):
        print("show")

    Executor(Collection(value, show), config=Config(overrides={"tasks": {"dedupe": False}})).execute(
        "show"
    )
    assert capsys.readouterr().out == "show\n"
    Executor(Collection(value, show)).execute("value")
    assert capsys.readouterr().out == "42\n"


def test_autoprint_survives_dedupe_of_the_named_call(capsys):
    @task(autoprint=True)
    def value(c):
        return 42

    @task(pre=[value])
    def show(c):
        print("show")

    # The named call was dropped in favour of the equal pre-task call, which
    # now stands for it: the result is printed once, when it runs.
    Executor(Collection(value, show)).execute("show", "value")
    assert capsys.readouterr().out == "42\nshow\n"


def test_dedupe_override_is_used():
    log: List[str] = []

    class KeepAll(Executor):
        def dedupe(self, calls):
            return calls

    KeepAll(_tree(log)).execute("build", "build")
    assert log.count("build 1") == 2


def test_unknown_task_name_raises_key_error():
    with pytest.raises(KeyError):
        Executor(Collection()).execute("nope")


def test_core_defaults_to_an_empty_parse_result():
    # Subclasses read ``self.core`` (Fabric: ``self.core[0].args``,
    # ``self.core.remainder``); without a program it is empty, not None.
    executor = Executor(_tree([]))
    assert isinstance(executor.core, ParseResult)
    assert list(executor.core) == []
    assert executor.core.remainder == ""


def test_a_pre_task_given_by_name_is_a_type_error_naming_both():
    @task(pre=["clean"])
    def build(c):
        pass

    with pytest.raises(TypeError) as info:
        Executor(Collection(build), Config()).execute("build")
    assert str(info.value) == (
        "Task 'build' lists 'clean' (a str) in its pre-tasks, but pre/post entries "
        "must be tasks or calls; list the task itself (pre=[clean]), not its name"
    )
