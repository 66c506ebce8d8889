"""One table: every kind of task body x (argument spec, call, name, doc)."""

import functools

import pytest

from invoke import Collection, Context, Task, TaskTemplate, task


def plain(c, who, times=1):
    """Plain function."""
    return ("plain", who, times)


class Greeter:
    def greet(self, c, who, times=1):
        """Bound method."""
        return ("bound", who, times)


class Template(TaskTemplate):
    @task
    def greet(self, c, who, times=1):
        """Method task."""
        return ("method", who, times)

    @task
    async def later(self, c, who, times=1):
        """Async method task."""
        return ("async-method", who, times)

    @task
    @staticmethod
    def stat(c, who, times=1):
        """Static method task."""
        return ("static", who, times)

    @task
    @classmethod
    def klass(cls, c, who, times=1):
        """Class method task."""
        return (cls.__name__, who, times)

    # The same two shapes with the decorators the other way round.
    @staticmethod
    @task
    def stat_outer(c, who, times=1):
        """Static method outside task."""
        return ("static-outer", who, times)

    @classmethod
    @task
    def klass_outer(cls, c, who, times=1):
        """Class method outside task."""
        return (cls.__name__ + "-outer", who, times)


class CallableGreeter:
    """Callable object."""

    def __call__(self, c, who, times=1):
        return ("callable", who, times)


def _partial_target(c, who, times=1, greeting="hello"):
    """Partial target."""
    return ("partial", who, times)


def _decorated(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)

    return wrapper


@_decorated
def wrapped(c, who, times=1):
    """Wrapped function."""
    return ("wrapped", who, times)


async def async_plain(c, who, times=1):
    """Async function."""
    return ("async", who, times)


def _bodies():
    template = Template()
    return [
        ("function", lambda: task(plain), "plain", "Plain function.", "plain"),
        ("bound-method", lambda: Task(Greeter().greet), "greet", "Bound method.", "bound"),
        ("method-task", lambda: template.greet, "greet", "Method task.", "method"),
        ("async-method-task", lambda: template.later, "later", "Async method task.", "async-method"),
        ("staticmethod", lambda: template.stat, "stat", "Static method task.", "static"),
        ("classmethod", lambda: template.klass, "klass", "Class method task.", "Template"),
        ("staticmethod-outside-task", lambda: template.stat_outer, "stat_outer", "Static method outside task.", "static-outer"),
        ("classmethod-outside-task", lambda: template.klass_outer, "klass_outer", "Class method outside task.", "Template-outer"),
        ("classmethod-outside-task-on-class", lambda: Template.klass_outer, "klass_outer", "Class method outside task.", "Template-outer"),
        ("callable-object", lambda: Task(CallableGreeter()), "CallableGreeter", "Callable object.", "callable"),
        ("partial", lambda: Task(functools.partial(_partial_target, greeting="hi")), "_partial_target", "Partial target.", "partial"),
        ("wraps", lambda: task(wrapped), "wrapped", "Wrapped function.", "wrapped"),
        ("async-function", lambda: task(async_plain), "async_plain", "Async function.", "async"),
    ]


BODIES = _bodies()


@pytest.mark.parametrize("kind, make, name, doc, tag", BODIES, ids=[row[0] for row in BODIES])
def test_argument_spec(kind, make, name, doc, tag):
    made = make()
    args = made.get_arguments()
    if kind == "partial":
        # The bound keyword stays a flag, now defaulting to the bound value.
        assert [repr(a) for a in args][:2] == ["<Argument: who (w) *>", "<Argument: times (t) [int]>"]
        assert (args[2].name, args[2].default) == ("greeting", "hi")
    else:
        assert [repr(a) for a in args] == ["<Argument: who (w) *>", "<Argument: times (t) [int]>"]
    assert made.positional == ["who"]


@pytest.mark.parametrize("kind, make, name, doc, tag", BODIES, ids=[row[0] for row in BODIES])
def test_call(kind, make, name, doc, tag):
    assert make()(Context(), "ann", times=2) == (tag, "ann", 2)


@pytest.mark.parametrize("kind, make, name, doc, tag", BODIES, ids=[row[0] for row in BODIES])
def test_name(kind, make, name, doc, tag):
    assert make().name == name


@pytest.mark.parametrize("kind, make, name, doc, tag", BODIES, ids=[row[0] for row in BODIES])
def test_doc(kind, make, name, doc, tag):
    assert make().__doc__ == doc


@pytest.mark.parametrize("kind, make, name, doc, tag", BODIES, ids=[row[0] for row in BODIES])
def test_runs_from_a_collection(kind, make, name, doc, tag):
    coll = Collection()
    coll.add_task(make(), name="it")
    assert coll["it"](Context(), "bo") == (tag, "bo", 1)


def test_template_collection_holds_every_method_kind():
    coll = Template().to_collection()
    assert list(coll.tasks) == ["greet", "later", "stat", "klass", "stat-outer", "klass-outer"]


def test_plain_unbound_method_given_to_task_is_understood():
    class Plain:
        def greet(self, c, who, times=1):
            """Unbound plain method."""
            return ("unbound", self, who, times)

    made = Task(Plain.greet)
    assert [repr(a) for a in made.get_arguments()] == ["<Argument: who (w) *>", "<Argument: times (t) [int]>"]
    obj = Plain()
    assert made(obj, Context(), "x") == ("unbound", obj, "x", 1)
    with pytest.raises(TypeError) as info:
        Collection().add_task(made)
    assert str(info.value) == (
        "Plain.greet is a method task; add it from an instance (Plain(...).greet) "
        "or add the whole object with add_collection(Plain(...))"
    )
