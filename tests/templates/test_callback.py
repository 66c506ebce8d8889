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


class Forwarding(Service):
    # An override without @task that only forwards is still the callback task.
    def configure(self, c, *args, **kwargs):
        return ("forwarded", super().configure(c, *args, **kwargs))


class OwnFlags(Service):
    # An override without @task that spells its own parameters uses them.
    def configure(self, c, level=1):
        return ("own", level)


def test_forwarding_override_without_task_keeps_the_callback():
    svc = Forwarding("fwd", configure_one)
    assert [a.name for a in svc.configure.get_arguments()] == ["one_a", "one_b"]
    assert svc.configure.__doc__ == "Configure service one."
    coll = svc.to_collection()
    assert coll["configure"](Context(), one_b=5) == ("forwarded", ("one", "default_a", 5))
    assert "configure" not in Forwarding("bare").to_collection()


def test_override_without_task_with_own_parameters_uses_them():
    svc = OwnFlags("own", configure_one)
    assert [a.name for a in svc.configure.get_arguments()] == ["level"]
    assert list(svc.configure.aliases) == ["cfg"]
    assert "configure" in OwnFlags("bare").to_collection()


class Chained(TaskTemplate):
    def __init__(self, config_callback=None):
        self.config_callback = config_callback
        self.log = []

    @callback_task("config_callback")
    def configure(self, c, *args, **kwargs):
        return self.config_callback(c, *args, **kwargs)

    @task(pre=[configure])
    def start(self, c):
        self.log.append("start")


def test_pre_task_that_is_a_dropped_callback_task_is_skipped():
    from invoke import Config
    from invoke.executor import Executor

    bare = Chained()
    assert bare.start.pre == []
    Executor(bare.to_collection(), config=Config()).execute("start")
    assert bare.log == ["start"]

    def cfg(c, level=1):
        bare.log.append(("cfg", level))

    bare.config_callback = cfg  # set later: the pre-task comes back
    assert bare.start.pre == [bare.configure]
    Executor(bare.to_collection(), config=Config()).execute("start")
    assert bare.log == ["start", ("cfg", 1), "start"]
    bare.config_callback = None
    assert bare.start.pre == []


def test_forwarding_override_keeps_option_help_for_callback_flags():
    class Helped(TaskTemplate):
        def __init__(self, cb):
            self.cb = cb

        @callback_task("cb", help={"one_a": "First setting."})
        def configure(self, c, *args, **kwargs):
            return self.cb(c, *args, **kwargs)

    class Forward(Helped):
        def configure(self, c, *args, **kwargs):
            return super().configure(c, *args, **kwargs)

    (first, _) = Forward(configure_one).configure.get_arguments()
    assert (first.name, first.help) == ("one_a", "First setting.")
