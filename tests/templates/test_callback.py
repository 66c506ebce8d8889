"""callback_task: flags, defaults and docs from a callback held by the instance."""

from invoke import Context, TaskTemplate, callback_task, task


class Service(TaskTemplate):
    def __init__(self, name, config_callback=None):
        self.collection_name = name
        self.config_callback = config_callback

    @callback_task("config_callback", aliases=["cfg"])
    def configure(self, c, *args, **kwargs):
        """Configure the service."""
        return self.config_callback(c, *args, **kwargs)


def configure_one(c, one_a="default_a", one_b: int = 2):
    """Configure service one."""
    return ("one", one_a, one_b)


def test_bound_callback_task_shows_callback_arguments_and_doc():
    bound = Service("one", configure_one).configure
    assert [repr(a) for a in bound.get_arguments()] == ["<Argument: one_a (o)>", "<Argument: one_b (n) [int]>"]
    assert bound.__doc__ == "Configure service one."
    assert list(bound.aliases) == ["cfg"]


def test_callback_task_runs_the_callback():
    coll = Service("one", configure_one).to_collection()
    assert coll["configure"](Context(), one_a="x") == ("one", "x", 2)
    assert coll["cfg"] is coll["configure"]


def test_none_callback_drops_the_task():
    assert "configure" not in Service("bare").to_collection()


def test_callback_func_spelling_and_positional_callback():
    class Legacy(TaskTemplate):
        def __init__(self, cb):
            self.cb = cb

        @callback_task(callback_func="cb")
        def configure(self, c, *args, **kwargs):
            return self.cb(c, *args, **kwargs)

    def needs(c, target, level=1):
        return (target, level)

    bound = Legacy(needs).configure
    assert bound.positional == ["target"]
    assert bound(Context(), "t", level=3) == ("t", 3)


def test_callback_defined_as_method_on_the_class():
    class OwnCallback(TaskTemplate):
        @callback_task("settings")
        def configure(self, c, *args, **kwargs):
            return self.settings(c, *args, **kwargs)

        def settings(self, c, depth=1):
            """Own settings."""
            return depth

    bound = OwnCallback().configure
    assert [a.name for a in bound.get_arguments()] == ["depth"]
    assert bound(Context(), depth=4) == 4


class Special(Service):
    @task
    def configure(self, c, n_a="default_a"):
        return ("special", n_a)


def test_plain_override_of_callback_task_uses_own_signature_and_keeps_options():
    bound = Special("special").configure
    assert [a.name for a in bound.get_arguments()] == ["n_a"]
    assert list(bound.aliases) == ["cfg"]
    assert bound.__doc__ == "Configure the service."
    assert Special("special").to_collection()["configure"](Context()) == ("special", "default_a")


def test_changing_the_callback_later_is_seen():
    svc = Service("one", configure_one)
    assert [a.name for a in svc.configure.get_arguments()] == ["one_a", "one_b"]

    def other(c, level=1):
        """Other configuration."""

    svc.config_callback = other
    assert [a.name for a in svc.configure.get_arguments()] == ["level"]
    assert svc.configure.__doc__ == "Other configuration."
    svc.config_callback = None
    assert "configure" not in svc.to_collection()
