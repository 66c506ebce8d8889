"""Collection.from_object, to_collection, naming and nesting."""

import types

import pytest

from invoke import Collection, Context, TaskTemplate, task


class Db(TaskTemplate):
    collection_name = "db"

    @task
    def migrate(self, c):
        """Migrate."""
        return "migrated"


class App(TaskTemplate):
    """App tasks."""

    def __init__(self, name=None):
        if name is not None:
            self.collection_name = name
        self.db = Db()
        self.extra = Collection("ignored-name", helper)

    @task
    def deploy(self, c):
        return "deployed"


@task
def helper(c):
    return "helped"


def test_to_collection_names_and_config():
    coll = App("web").to_collection(config={"x": 1})
    assert coll.name == "web"
    assert coll.configuration() == {"x": 1}
    assert App().to_collection().name is None
    assert App("web").to_collection(name="other").name == "other"


def test_nested_templates_and_collections_become_subcollections():
    coll = App().to_collection()
    assert list(coll.tasks) == ["deploy"]
    assert sorted(coll.collections) == ["db", "extra"]
    assert coll["db.migrate"](Context()) == "migrated"
    assert coll["extra.helper"](Context()) == "helped"
    assert coll.__doc__ == "App tasks."


def test_from_object_on_template_instance_class_and_module():
    assert Collection.from_object(Db()).name == "db"
    assert Collection.from_object(Db)["migrate"](Context()) == "migrated"
    module = types.ModuleType("some_tasks")
    module.helper = helper
    assert Collection.from_object(module)["helper"] is helper


def test_from_object_on_plain_object():
    class Plain:
        def __init__(self):
            self.value = 3

        @task
        def show(self, c):
            return self.value

    coll = Collection.from_object(Plain(), name="plain")
    assert coll.name == "plain" and coll["show"](Context()) == 3


def test_class_needing_arguments_is_an_error():
    class Needy(TaskTemplate):
        def __init__(self, service_name, port, debug=False):
            pass

        @task
        def go(self, c):
            pass

    with pytest.raises(TypeError) as info:
        Collection.from_object(Needy)
    assert str(info.value) == (
        "Needy is a task template class; make an instance first: "
        "Needy(service_name=..., port=...). Its __init__ requires: service_name, port"
    )


def test_template_instances_accepted_everywhere():
    root = Collection(helper, Db())
    root.add_collection(App("web"))
    root.add_collection(App(), name="api")
    assert sorted(root.task_names) == ["api.db.migrate", "api.deploy", "api.extra.helper", "db.migrate", "helper", "web.db.migrate", "web.deploy", "web.extra.helper"]


def test_module_ns_may_be_a_template_instance():
    module = types.ModuleType("svc_tasks", "Module doc.")
    module.ns = App("web")
    coll = Collection.from_module(module)
    assert coll.name == "web" and coll["deploy"](Context()) == "deployed"
    module.ns = App()
    assert Collection.from_module(module).name == "svc-tasks"


def test_definition_order_bases_first():
    class Base(TaskTemplate):
        @task
        def b(self, c):
            pass

        @task
        def a(self, c):
            pass

    class Child(Base):
        @task
        def z(self, c):
            pass

        @task
        def b(self, c):
            pass

    assert list(Child().to_collection().tasks) == ["b", "a", "z"]


def test_underscores_become_dashes_for_template_tasks():
    class Under(TaskTemplate):
        @task
        def run_all(self, c, dry_run=False):
            pass

    coll = Under().to_collection()
    assert list(coll.tasks) == ["run-all"]
    assert [a.names for a in coll["run-all"].get_arguments()] == [("dry-run", "d")]


def test_references_back_to_an_enclosing_template_are_not_subcollections():
    class Child(TaskTemplate):
        def __init__(self, parent):
            self.parent = parent  # a back-reference, common in object models

        @task
        def ct(self, c):
            pass

    class Parent(TaskTemplate):
        def __init__(self):
            self.me = self
            self.child = Child(self)

        @task
        def pt(self, c):
            pass

    coll = Parent().to_collection()
    assert coll.task_names == {"pt": [], "child.ct": []}
    # On its own the child still gets the parent as a sub-collection.
    assert "parent.pt" in Child(Parent()).to_collection("child").task_names


def test_module_ns_set_to_a_zero_argument_template_class_is_instantiated():
    module = types.ModuleType("tasks")
    module.ns = Db
    coll = Collection.from_module(module)
    assert coll["migrate"](Context()) == "migrated"


def test_module_ns_set_to_a_template_class_needing_arguments_is_the_contract_error():
    class Service(TaskTemplate):
        def __init__(self, service_name):
            self.service_name = service_name

        @task
        def start(self, c):
            pass

    module = types.ModuleType("tasks")
    module.ns = Service
    with pytest.raises(TypeError) as info:
        Collection.from_module(module)
    assert str(info.value) == (
        "Service is a task template class; make an instance first: "
        "Service(service_name=...). Its __init__ requires: service_name"
    )
