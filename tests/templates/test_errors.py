"""Every template mistake gets a one-line error naming the class, attribute and fix."""

import pytest

from invoke import Collection, TaskTemplate, callback_task, task


def test_method_task_without_context_fails_at_class_creation():
    with pytest.raises(TypeError) as info:

        class Broken(TaskTemplate):
            @task
            def start(self):
                pass

    assert str(info.value) == (
        "Tasks must have an initial Context argument! "
        "Broken.start "
        "takes no context parameter after self; write: def start(self, c, ...)"
    )


def test_plain_class_keeps_the_real_error_as_cause():
    with pytest.raises(Exception) as info:

        class Broken:
            @task
            def start(self):
                pass

    error = info.value
    real = error if isinstance(error, TypeError) else error.__cause__
    assert isinstance(real, TypeError)
    assert str(real).startswith("Tasks must have an initial Context argument! ")
    assert "Broken.start takes no context parameter after self" in str(real)


def test_plain_override_without_context_fails_at_class_creation():
    class Base(TaskTemplate):
        @task
        def start(self, c):
            pass

    with pytest.raises(TypeError, match=r"Sub\.start takes no context parameter after self; write: def start\(self, c, \.\.\.\)$"):

        class Sub(Base):
            def start(self):
                pass


def test_template_class_given_where_instance_needed():
    class Service(TaskTemplate):
        def __init__(self, service_name):
            self.service_name = service_name

        @task
        def start(self, c):
            pass

    message = (
        "Service is a task template class; make an instance first: "
        "Service(service_name=...). Its __init__ requires: service_name"
    )
    for attempt in (
        lambda: Collection(Service),
        lambda: Collection().add_collection(Service, name="s"),
        lambda: Collection.from_object(Service),
    ):
        with pytest.raises(TypeError) as info:
            attempt()
        assert str(info.value) == message


def test_unbound_method_task_added_alone():
    class Service(TaskTemplate):
        @task
        def start(self, c):
            pass

    with pytest.raises(TypeError) as info:
        Collection(Service.start)
    assert str(info.value) == (
        "Service.start is a method task; add it from an instance (Service(...).start) "
        "or add the whole object with add_collection(Service(...))"
    )


class Configurable(TaskTemplate):
    @callback_task("config_callback")
    def configure(self, c, *args, **kwargs):
        return self.config_callback(c, *args, **kwargs)


def test_callback_attribute_missing():
    with pytest.raises(TypeError) as info:
        Configurable().to_collection()
    assert str(info.value) == (
        "Configurable.configure is a callback_task reading self.config_callback, but "
        "Configurable has no attribute 'config_callback'; set self.config_callback in "
        "__init__ (None drops the task)"
    )


def test_callback_attribute_not_callable():
    svc = Configurable()
    svc.config_callback = "nope"
    with pytest.raises(TypeError) as info:
        svc.to_collection()
    assert str(info.value) == (
        "Configurable.configure is a callback_task reading self.config_callback, but it "
        "is str 'nope', not callable; give it a function taking (c, ...) or None to drop the task"
    )


def test_callback_task_needs_an_attribute_name():
    with pytest.raises(TypeError) as info:
        callback_task()
    assert str(info.value) == (
        "callback_task needs the name of the instance attribute that holds the callback, "
        "got None; write @callback_task(\"config_callback\")"
    )


def test_task_name_collision_inside_a_template():
    class Clash(TaskTemplate):
        @task
        def stop(self, c):
            pass

        @task(name="stop")
        def halt(self, c):
            pass

    with pytest.raises(ValueError) as info:
        Clash().to_collection()
    assert str(info.value) == (
        "Clash.halt: the name 'stop' is already used by Clash.stop; "
        "rename one (@task(name=...) or aliases=...)"
    )


def test_alias_collision_inside_a_template():
    class Clash(TaskTemplate):
        @task(aliases=["s"])
        def start(self, c):
            pass

        @task
        def s(self, c):
            pass

    with pytest.raises(ValueError) as info:
        Clash().to_collection()
    assert str(info.value) == (
        "Clash.s: the name 's' is already used by Clash.start; rename one (@task(name=...) or aliases=...)"
    )


def test_subcollection_collision_inside_a_template():
    class Inner(TaskTemplate):
        @task
        def t(self, c):
            pass

    class Clash(TaskTemplate):
        @task(name="inner")
        def other(self, c):
            pass

    clash = Clash()
    clash.inner = Inner()
    with pytest.raises(ValueError) as info:
        clash.to_collection()
    assert str(info.value) == "Clash.inner: the name 'inner' is already used by Clash.other; rename one of them"


def test_nameless_template_cannot_be_nested():
    class Nameless(TaskTemplate):
        @task
        def t(self, c):
            pass

    with pytest.raises(ValueError) as info:
        Collection().add_collection(Nameless())
    assert str(info.value) == (
        "Nameless instance has no collection name; pass name=... to add_collection() or set "
        "its collection_name (a nameless template can only be the root namespace)"
    )


def test_unbound_method_task_called_without_instance():
    from invoke import Context

    class Service(TaskTemplate):
        @task
        def start(self, c):
            pass

    with pytest.raises(TypeError) as info:
        Service.start(Context())
    assert str(info.value) == (
        "Service.start is a method task; call it on an instance (instance.start(c)) "
        "or pass the instance first: Service.start(instance, c)"
    )


def test_method_task_without_any_parameter_suggests_self_and_context():
    with pytest.raises(TypeError) as info:

        class Broken(TaskTemplate):
            @task
            def start():
                pass

    assert str(info.value) == (
        "Tasks must have an initial Context argument! Broken.start takes no "
        "parameters; write: def start(self, c, ...)"
    )


def test_static_and_class_method_tasks_without_context_suggest_their_own_signature():
    with pytest.raises(Exception) as static:

        class Static(TaskTemplate):
            @task
            @staticmethod
            def build():
                pass

    with pytest.raises(Exception) as klass:

        class Klass(TaskTemplate):
            @task
            @classmethod
            def build(cls):
                pass

    def real(error):
        return error if isinstance(error, TypeError) else error.__cause__

    assert str(real(static.value)) == (
        "Tasks must have an initial Context argument! Static.build takes no parameters; write: def build(c, ...)"
    )
    assert str(real(klass.value)) == (
        "Tasks must have an initial Context argument! Klass.build takes no context parameter "
        "after cls; write: def build(cls, c, ...)"
    )
