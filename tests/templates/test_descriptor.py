"""Method tasks as descriptors: binding, calling, inheritance along the MRO, equality."""

import pytest

from invoke import Call, Collection, Context, Task, TaskTemplate, call, task


class Service(TaskTemplate):
    def __init__(self, name="svc"):
        self.name = name
        self.log = []

    @task
    def install(self, c, venv=None):
        """Install it."""
        self.log.append(("install", venv))
        return "installed"

    @task(pre=[install], aliases=["s"], help={"fast": "Skip checks."}, autoprint=True)
    def start(self, c, fast=False):
        """Start it."""
        self.log.append(("start", fast))
        return f"started {self.name}"

    @task
    def stop(self, c):
        self.log.append(("stop",))


def test_class_access_gives_the_unbound_task():
    assert isinstance(Service.start, Task)
    assert Service.start.owner_class is Service and Service.start.attribute_name == "start"
    assert Service().start.owner_class is Service
    assert Service.start.positional == []
    assert [a.name for a in Service.start.get_arguments()] == ["fast"]


def test_instance_access_gives_a_bound_task_keeping_options():
    svc = Service()
    bound = svc.start
    assert isinstance(bound, Task) and bound is not Service.start
    assert bound.body.__self__ is svc
    assert bound.name == "start" and list(bound.aliases) == ["s"]
    assert bound.help == {"fast": "Skip checks."} and bound.autoprint is True
    assert bound.__doc__ == "Start it."


def test_repeated_access_gives_the_same_bound_task():
    svc = Service()
    assert svc.start is svc.start
    assert Service().start is not svc.start


def test_bound_pre_tasks_are_the_same_instances_bound_tasks():
    svc = Service()
    assert svc.start.pre == [svc.install]
    assert svc.start.pre[0] is svc.install


def test_calling_bound_and_unbound_forms():
    svc = Service("web")
    ctx = Context()
    assert svc.start(ctx) == "started web"
    assert Service.start(svc, ctx, fast=True) == "started web"
    assert svc.log == [("start", False), ("start", True)]
    assert svc.start.times_called == 1 and svc.start.called


def test_unbound_form_still_checks_context():
    with pytest.raises(TypeError, match=r"^Task expected a Context as its first arg, got <class 'str'> instead!$"):
        Service.start(Service(), "not a context")


class Quiet(Service):
    @task
    def start(self, c, fast=False):
        self.log.append(("quiet",))
        return super().start(c, fast=fast)


class Loud(Service):
    def start(self, c, fast=False):
        """Loud start."""
        return "LOUD " + super().start(c)


class Renamed(Service):
    @task(aliases=["go"])
    def start(self, c):
        return "renamed"


def test_override_with_task_inherits_unset_options():
    quiet = Quiet()
    assert list(quiet.start.aliases) == ["s"]
    assert quiet.start.autoprint is True
    assert quiet.start.__doc__ == "Start it."
    assert quiet.start.pre == [quiet.install]


def test_override_sets_its_own_options_and_drops_help_for_missing_params():
    renamed = Renamed()
    assert list(renamed.start.aliases) == ["go"]
    assert renamed.start.help == {}
    assert renamed.start.pre == [renamed.install]


def test_override_without_task_stays_a_task_with_all_options():
    assert isinstance(Loud.start, Task)
    loud = Loud("x")
    assert loud.start.__doc__ == "Loud start."
    assert list(loud.start.aliases) == ["s"] and loud.start.pre == [loud.install]
    assert loud.start(Context()) == "LOUD started x"


def test_super_runs_the_base_body():
    quiet = Quiet("q")
    assert quiet.start(Context()) == "started q"
    assert quiet.log == [("quiet",), ("start", False)]


class CustomInstall(Service):
    @task
    def install(self, c, venv=None):
        self.log.append(("custom-install",))


def test_pre_task_resolves_to_subclass_override():
    svc = CustomInstall()
    assert svc.start.pre == [svc.install]
    assert svc.start.pre[0].body.__func__ is CustomInstall.__dict__["install"].body


class Helper:
    """A mixin that is not a template."""

    @task
    def lint(self, c):
        """Lint it."""
        return "linted"


class Mixed(Helper, Service):
    stop = None


def test_mixins_contribute_and_none_removes():
    coll = Mixed().to_collection()
    assert list(coll.tasks) == ["install", "start", "lint"]
    assert coll["lint"](Context()) == "linted"


def test_instance_attribute_can_remove_or_add_tasks():
    @task
    def extra(c):
        return "extra"

    svc = Service()
    svc.stop = None
    svc.more = extra
    coll = svc.to_collection()
    assert "stop" not in coll and coll["more"] is extra


def test_equality_is_per_instance():
    one, two = Service("1"), Service("2")
    assert one.start == one.start
    assert one.start != two.start
    assert hash(one.start) != hash(two.start) or one.start != two.start
    assert Call(one.install) != Call(two.install)


def test_default_valued_call_equals_bare_call():
    svc = Service()
    assert Call(svc.install) == Call(svc.install, kwargs={"venv": None})
    assert call(svc.install, venv="v") != Call(svc.install)


def test_copies_of_a_bound_task_share_the_instance():
    import copy

    svc = Service()
    coll = svc.to_collection()
    clone = copy.deepcopy(coll)
    assert clone["start"].body.__self__ is svc
    assert clone["start"] == coll["start"]


def test_discovery_never_runs_properties():
    class Probe(TaskTemplate):
        touched = []

        @property
        def expensive(self):
            Probe.touched.append(1)
            raise RuntimeError("must not run")

        @task
        def run_it(self, c):
            pass

    coll = Probe().to_collection()
    assert list(coll.tasks) == ["run-it"] and Probe.touched == []


def test_plain_class_with_tasks_works_without_template_base():
    class Plain:
        @task
        def hello(self, c):
            return self

    obj = Plain()
    coll = Collection.from_object(obj)
    assert coll["hello"](Context()) is obj


def test_module_task_stored_on_a_class_stays_shared():
    @task
    def shared(c):
        return "shared"

    class Holder(TaskTemplate):
        reused = shared

    assert shared._owner is None
    assert Holder().reused is shared
    assert Holder().to_collection()["reused"] is shared


def test_klass_and_extra_options_work_for_method_tasks():
    class HostTask(Task):
        def __init__(self, *args, **kwargs):
            self.hosts = kwargs.pop("hosts", None)
            super().__init__(*args, **kwargs)

    class Remote(TaskTemplate):
        @task(klass=HostTask, hosts=["web1", "web2"])
        def deploy(self, c):
            return self

    class RemoteChild(Remote):
        @task
        def deploy(self, c):
            return "child"

    remote = Remote()
    assert isinstance(remote.deploy, HostTask) and remote.deploy.hosts == ["web1", "web2"]
    assert remote.to_collection()["deploy"](Context()) is remote
    child = RemoteChild().deploy
    assert type(child) is Task and child.hosts == ["web1", "web2"]  # extra options inherit too


def test_template_tests_with_mock_context_are_short():
    from invoke import MockContext, Result

    class Builder(TaskTemplate):
        def __init__(self, target):
            self.target = target

        @task
        def build(self, c):
            return c.run(f"make {self.target}").stdout

    ctx = MockContext(run={"make app": Result("built app\n")})
    assert Builder("app").build(ctx) == "built app\n"


def test_call_objects_and_post_tasks_resolve_per_instance():
    class Pipeline(TaskTemplate):
        @task
        def prepare(self, c, mode="fast"):
            pass

        @task
        def report(self, c):
            pass

        @task(pre=[call(prepare, mode="slow")], post=[report])
        def run_all(self, c):
            pass

    one, two = Pipeline(), Pipeline()
    (pre,) = one.run_all.pre
    assert isinstance(pre, Call) and pre.task is one.prepare and pre.kwargs == {"mode": "slow"}
    assert one.run_all.post == [one.report] and one.run_all.post[0] != two.report
    assert Pipeline.run_all.pre[0].task is Pipeline.prepare


def test_tasks_naming_each_other_bind_without_recursion():
    class Cycle(TaskTemplate):
        @task
        def a(self, c):
            pass

        @task(pre=[a])
        def b(self, c):
            pass

    Cycle.a.post = [Cycle.b]
    cyc = Cycle()
    assert cyc.a.post == [cyc.b] and cyc.b.pre == [cyc.a]


def test_bound_task_cache_is_not_instance_state():
    import pickle

    svc = Service("kept")
    assert svc.start is svc.start
    other = Service("kept")
    other.stop  # a different set of bound tasks
    # The per-instance cache of bound tasks never makes instances differ,
    # and never stops an instance from being pickled.
    assert vars(svc) == vars(other)
    restored = pickle.loads(pickle.dumps(svc))
    assert restored.name == "kept"
    assert restored.start.body.__self__ is restored


def test_plain_method_in_a_mixin_overriding_a_task_stays_that_task():
    class QuietStart:  # not a template: its plain method wins by the MRO
        def start(self, c, fast=False):
            self.log.append(("quiet-start", fast))

    class Quiet(QuietStart, Service):
        pass

    svc = Quiet()
    coll = svc.to_collection()
    assert list(coll.tasks) == ["install", "start", "stop"]
    started = coll["start"]
    assert list(started.aliases) == ["s"] and started.pre == [svc.install]
    started(Context())
    assert svc.log == [("quiet-start", False)]


def test_task_override_in_a_mixin_inherits_along_the_instances_mro():
    class FastStart:  # not a template; its @task knows nothing of Service
        @task
        def start(self, c, fast=True):
            self.log.append(("fast-start", fast))

    class Fast(FastStart, Service):
        pass

    svc = Fast()
    assert list(svc.start.aliases) == ["s"] and svc.start.pre == [svc.install]
    started = svc.to_collection()["start"]
    assert started is svc.start and started.help == {"fast": "Skip checks."}


def test_diamond_override_inherits_from_the_next_class_in_the_mro():
    class Left(Service):
        @task
        def start(self, c, fast=False):
            return super().start(c, fast)

    class Right(Service):
        @task(aliases=["go"])
        def start(self, c, fast=False):
            self.log.append("right")
            return super().start(c, fast)

    class Both(Left, Right):
        pass

    svc = Both()
    assert list(svc.start.aliases) == ["go"] and svc.start.pre == [svc.install]
    assert list(Left().start.aliases) == ["s"]
    svc.start(Context())
    assert svc.log == ["right", ("start", False)]
    assert svc.to_collection().task_names["start"] == ["go"]
