"""Tests for invoke.collection.Collection."""

import copy
import functools
import threading
import types

import pytest

from invoke import Context
from invoke.collection import Collection
from invoke.tasks import Task, task


@task
def top(c):
    """Top doc."""


@task
def sub_task(c):
    pass


@task(default=True, aliases=["b"])
def build_it(c):
    """Build."""


@task
def _hidden(c):
    pass


@task
def check_(c, long_opt=None):
    """Test it."""


def make_module(name, doc=None, **attrs):
    module = types.ModuleType(name, doc)
    for key, value in attrs.items():
        setattr(module, key, value)
    return module


@pytest.fixture
def mymod():
    return make_module("pkg.my_mod", "My module doc.", build_it=build_it, _hidden=_hidden, check_=check_, other=1)


def test_constructor_takes_name_tasks_and_keyword_pairs():
    coll = Collection("my_coll", top, sub=Collection(sub_task), alias_=build_it)
    assert coll.name == "my-coll"
    assert list(coll.tasks) == ["top", "alias_"]
    assert list(coll.collections) == ["sub"]


def test_constructor_rejects_unknown_things():
    with pytest.raises(TypeError, match=r"^No idea how to insert <class 'int'>!$"):
        Collection(3)


def test_from_module_collects_tasks_in_definition_order(mymod):
    coll = Collection.from_module(mymod)
    assert coll.name == "my-mod"
    assert list(coll.tasks) == ["build-it", "_hidden", "check_"]
    assert coll.default == "build-it"
    assert coll.__doc__ == "My module doc."
    assert coll.task_names == {"build-it": ["b"], "_hidden": [], "check_": []}


def test_from_module_options(mymod):
    coll = Collection.from_module(mymod, name="other", config={"x": 1}, loaded_from="/here", auto_dash_names=False)
    assert coll.name == "other" and coll.loaded_from == "/here" and coll.auto_dash_names is False
    assert coll.configuration() == {"x": 1}
    assert "build_it" in coll.tasks


def test_from_module_uses_ns_copy_and_merges_config():
    ns = Collection(top)
    ns.configure({"x": 1})
    module = make_module("nsmod", ns=ns)
    coll = Collection.from_module(module, config={"y": 2})
    assert coll is not ns and coll.name == "nsmod"
    assert coll.configuration() == {"x": 1, "y": 2}
    assert ns.configuration() == {"x": 1}


def test_from_module_namespace_and_named_ns():
    assert Collection.from_module(make_module("my_ns", namespace=Collection(top))).name == "my-ns"
    assert Collection.from_module(make_module("m", ns=Collection("custom", top))).name == "custom"


def test_copying_shares_bodies_and_copies_metadata():
    class Holder:
        def __init__(self):
            self.lock = threading.Lock()

        @task
        def work(self, c):
            return self.lock

    holder = Holder()
    ns = Collection.from_object(holder)
    copied = copy.deepcopy(ns)
    assert copied["work"] is not ns["work"]
    assert copied["work"].body.__self__ is holder
    assert copied["work"] == ns["work"]
    copied["work"].help["x"] = "changed"
    assert ns["work"].help == {}
    loaded = Collection.from_module(make_module("locky", ns=ns))
    assert loaded["work"](Context()) is holder.lock


def test_add_task_wraps_callables():
    class Callable:
        """Callable doc."""

        def __call__(self, c, n=1):
            return n

    def plain(c, flag=False):
        """Plain."""

    def part_target(c, a, b=2):
        """Part doc."""

    coll = Collection()
    coll.add_task(plain)
    coll.add_task(Callable(), name="callable")
    coll.add_task(functools.partial(part_target, a=1))
    assert sorted(coll.tasks) == ["callable", "part-target", "plain"]
    assert coll["part-target"].__doc__ == "Part doc."
    assert coll["callable"](Context(), n=5) == 5


def test_add_task_aliases_are_reachable_and_listed():
    coll = Collection()
    coll.add_task(top, aliases=("t", "the_top"))
    assert coll["t"] is top and coll["the-top"] is top
    assert coll.task_names == {"top": ["t", "the-top"]}
    assert [(ctx.name, list(ctx.aliases)) for ctx in coll.to_contexts()] == [("top", ["t", "the-top"])]


def test_add_task_default_and_collision():
    @task(default=True)
    def d1(c):
        pass

    @task(default=True)
    def d2(c):
        pass

    coll = Collection()
    coll.add_task(top, default=True)
    assert coll.default == "top" and coll[None] is top
    with pytest.raises(ValueError, match=r"^'d2' cannot be the default because 'd1' already is!$"):
        Collection(d1, d2)


def test_same_task_twice_is_fine_but_different_task_same_name_is_not():
    @task(name="top")
    def impostor(c):
        pass

    coll = Collection(top, top)
    assert list(coll.tasks) == ["top"]
    with pytest.raises(ValueError, match=r"^Name conflict: this collection already has a different task named 'top'$"):
        coll.add_task(impostor)


def test_name_conflicts_between_tasks_aliases_and_collections():
    coll = Collection(top)
    with pytest.raises(ValueError, match=r"^Name conflict: this collection has a task named 'top' already$"):
        coll.add_collection(Collection("top"))
    holder = Collection(Collection("sub"))
    with pytest.raises(ValueError, match=r"^Name conflict: this collection has a sub-collection named 'sub' already$"):
        holder.add_task(top, name="sub")
    with pytest.raises(ValueError, match=r"^Name conflict: alias 'top' of task 'b' is already a task name here$"):
        coll.add_task(sub_task, name="b", aliases=["top"])


def test_add_collection_needs_a_name():
    with pytest.raises(ValueError, match=r"^Non-root collections must have a name!$"):
        Collection().add_collection(Collection())


def test_add_collection_accepts_modules_and_renames(mymod):
    coll = Collection()
    coll.add_collection(mymod)
    coll.add_collection(Collection("testing", top), name="legacy_testing")
    assert sorted(coll.collections) == ["legacy-testing", "my-mod"]
    assert coll.collections["legacy-testing"].name == "testing"


def test_getitem_paths_aliases_and_defaults(mymod):
    root = Collection(top, Collection("sub_coll", sub_task, mymod))
    assert root["sub-coll.sub-task"] is sub_task
    assert root["sub-coll.my-mod.b"] is build_it
    assert root["sub-coll.my-mod"] is build_it
    assert root["sub_coll.sub_task"] is sub_task
    with pytest.raises(KeyError):
        root["nope"]
    with pytest.raises(ValueError, match=r"^This collection has no default task.$"):
        root[None]


def test_collection_default_via_add_collection():
    coll = Collection()
    coll.add_collection(Collection("s", build_it), default=True)
    assert coll.default == "s" and coll[None] is build_it
    assert coll.task_names == {"s.build-it": ["s.b", "s"]}


def test_contains(mymod):
    coll = Collection(top, mymod)
    assert "top" in coll and "my-mod" in coll and "my-mod.b" in coll
    assert "nope" not in coll and 3 not in coll


def test_task_names_nested(mymod):
    root = Collection(top, Collection("sub_coll", sub_task, mymod))
    assert root.task_names == {
        "top": [],
        "sub-coll.sub-task": [],
        "sub-coll.my-mod.build-it": ["sub-coll.my-mod.b", "sub-coll.my-mod"],
        "sub-coll.my-mod._hidden": [],
        "sub-coll.my-mod.check_": [],
    }


def test_task_names_on_many_tasks_is_fast():
    import time

    coll = Collection()
    for index in range(2000):
        coll.add_task(Task(lambda c: None, name=f"t{index}"), aliases=[f"a{index}"])
    start = time.perf_counter()
    names = coll.task_names
    assert len(names) == 2000 and names["t7"] == ["a7"]
    assert time.perf_counter() - start < 0.5


def test_to_contexts_carry_arguments(mymod):
    contexts = Collection(mymod).to_contexts()
    last = contexts[-1]
    assert last.name == "my-mod.check_"
    assert "long-opt" in last.args


def test_serialized_shows_bound_names_and_own_collection_names():
    @task(name="shown")
    def inner(c):
        """Inner."""

    coll = Collection()
    coll.add_task(inner, name="bound_name")
    coll.add_collection(Collection("testing", top), name="legacy_testing")
    assert coll.serialized() == {
        "name": None,
        "help": None,
        "default": None,
        "tasks": [{"name": "bound-name", "help": "Inner.", "aliases": []}],
        "collections": [
            {
                "name": "testing",
                "help": None,
                "default": None,
                "tasks": [{"name": "top", "help": "Top doc.", "aliases": []}],
                "collections": [],
            }
        ],
    }


def test_configure_merges_and_configuration_follows_path():
    sub = Collection("s", top)
    sub.configure({"x": {"y": 1}, "z": 1})
    root = Collection(sub)
    root.configure({"x": {"w": 2}})
    root.configure({"z": 2})
    assert root.configuration() == {"x": {"w": 2}, "z": 2}
    assert root.configuration("s.top") == {"x": {"w": 2}, "z": 2}
    assert root.task_with_config("s.top") == (top, {"x": {"w": 2}, "z": 2})
    sub_only = Collection("s", top)
    sub_only.configure({"a": {"b": 1}})
    sub_only.configure({"a": {"c": 2}})
    assert sub_only.configuration() == {"a": {"b": 1, "c": 2}}


def test_configure_rejects_non_dicts():
    with pytest.raises(TypeError, match=r"^Collection.configure\(\) takes a dict of settings, got int: 3$"):
        Collection().configure(3)


def test_subcollection_from_path_and_helpers():
    inner = Collection("inner", top)
    root = Collection(Collection("outer", inner))
    assert root.subcollection_from_path("outer.inner") is inner
    with pytest.raises(KeyError):
        root.subcollection_from_path("nope")
    assert root.subtask_name("a", "b") == "a.b"
    assert root.transform("a_b.c_d") == "a-b.c-d"
    assert root.transform("_a_b_") == "_a-b_"
    assert Collection(auto_dash_names=False).transform("a_b") == "a_b"


def test_equality_bool_and_repr():
    assert Collection(top, Collection("sub", sub_task)) == Collection(top, Collection("sub", sub_task))
    assert Collection("x") != Collection("y")
    assert not Collection() and not Collection(Collection("x"))
    assert Collection(top)
    assert repr(Collection("name", top, sub=Collection(sub_task))) == "<Collection 'name': top, sub...>"
    assert repr(Collection()) == "<Collection None: >"


def test_unbound_method_task_cannot_be_added_alone():
    class Service:
        @task
        def start(self, c):
            pass

    with pytest.raises(TypeError) as info:
        Collection().add_task(Service.start)
    assert str(info.value) == (
        "Service.start is a method task; add it from an instance (Service(...).start) "
        "or add the whole object with add_collection(Service(...))"
    )


def test_add_task_accepts_bound_method():
    class Thing:
        def go(self, c, n=1):
            """Go."""
            return (self, n)

    thing = Thing()
    coll = Collection()
    coll.add_task(thing.go)
    assert coll["go"](Context(), n=2) == (thing, 2)
    assert [a.name for a in coll["go"].get_arguments()] == ["n"]


def test_from_module_auto_dash_names_applies_to_the_whole_tree():
    @task
    def my_task(c):
        pass

    @task
    def other_one(c):
        pass

    ns = Collection(my_task, Collection("sub_coll", other_one))
    module = make_module("dash_tasks", ns=ns)
    raw = Collection.from_module(module, auto_dash_names=False)
    assert raw.task_names == {"my_task": [], "sub_coll.other_one": []}
    assert raw["sub_coll.other_one"] == other_one
    assert ns.task_names == {"my-task": [], "sub-coll.other-one": []}


def test_shallow_copy_is_independent_too():
    original = Collection("x", top)
    copied = copy.copy(original)
    copied.add_task(sub_task)
    assert "sub-task" not in original and copied["top"] == top


def test_wrong_kinds_of_input_get_one_line_type_errors():
    with pytest.raises(TypeError, match=r"^No idea how to insert <class 'str'>! add_collection\(\) takes a Collection, a module or an object with tasks \(such as a TaskTemplate instance\)$"):
        Collection().add_collection("tasks")
    with pytest.raises(TypeError, match=r"^Collection.from_module\(\) takes a module, got str: 'tasks'$"):
        Collection.from_module("tasks")


def test_transform_keeps_every_leading_and_trailing_underscore():
    coll = Collection()
    assert coll.transform("__setup") == "__setup"
    assert coll.transform("__x__") == "__x__"
    assert coll.transform("_a_b_") == "_a-b_"
    assert coll.transform("sub_coll.my__task") == "sub-coll.my--task"


def test_from_module_passes_over_an_ns_without_tasks():
    # As upstream: an empty ``ns`` falls back to the module's own tasks.
    import types

    from invoke import Collection, task

    @task
    def t(c):
        pass

    module = types.ModuleType("tasks")
    module.t = t
    module.ns = Collection()
    assert list(Collection.from_module(module).tasks) == ["t"]
