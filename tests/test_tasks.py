"""Tests for invoke.tasks: Task, task, ctask, Call, call."""

import pytest

from invoke import Collection, Config, Context, Executor
from invoke.tasks import Call, Task, call, ctask, task


@task
def plain(c, name, count=1, flag=False, items=None, ratio=1.5, _private_=None, long_name_here="x"):
    """Plain task.

    More text.
    """
    return (name, count)


def _names(arguments):
    return [arg.names for arg in arguments]


def test_bare_decorator_gives_a_task_with_upstream_defaults():
    assert isinstance(plain, Task)
    assert plain.name == "plain"
    assert tuple(plain.aliases) == ()
    assert plain.positional == ["name"]
    assert plain.optional == ()
    assert plain.iterable == [] and plain.incrementable == []
    assert plain.help == {} and plain.pre == [] and plain.post == []
    assert (plain.is_default, plain.autoprint, plain.auto_shortflags) == (False, False, True)
    assert plain.times_called == 0 and plain.called is False


def test_task_passes_through_module_doc_and_name():
    from invoke.util import helpline

    assert plain.__module__ == __name__
    assert plain.__name__ == "plain"
    assert helpline(plain) == "Plain task."


def test_get_arguments_matches_upstream_shapes():
    args = plain.get_arguments()
    assert [repr(a) for a in args] == [
        "<Argument: name (n) *>",
        "<Argument: count (c) [int]>",
        "<Argument: flag (f) [bool]>",
        "<Argument: items (i)>",
        "<Argument: ratio (r) [float]>",
        "<Argument: _private_ (p)>",
        "<Argument: long_name_here (l)>",
    ]
    assert args[5].names == ("private", "p")
    assert args[6].attr_name == "long_name_here"
    assert args[1].default == 1 and args[2].default is False


def test_short_flags_avoid_parameter_names_and_each_other():
    @task
    def body(c, xyz=None, x=None, host=None, hello=None, h2=1):
        pass

    assert _names(body.get_arguments()) == [("xyz", "y"), ("x",), ("host", "h"), ("hello", "e"), ("h2", "2")]


def test_short_flags_never_use_the_dash_of_a_dashed_name():
    # upstream gives ``n_b`` the short flag ``-`` (shown as ``--, --n-b``) once ``n`` is taken
    @task
    def body(c, n_a="a", n_b=False):
        pass

    assert _names(body.get_arguments()) == [("n-a", "n"), ("n-b", "b")]


def test_auto_shortflags_false_gives_long_names_only():
    @task(auto_shortflags=False)
    def body(c, alpha=1):
        pass

    assert _names(body.get_arguments()) == [("alpha",)]


def test_explicit_positional_order_comes_first():
    @task(positional=["bar"])
    def body(c, beta=None, bar=None):
        pass

    assert [repr(a) for a in body.get_arguments()] == ["<Argument: bar (a) *>", "<Argument: beta (b)>"]


def test_optional_iterable_incrementable_options():
    @task(optional=["opt"], iterable=["lst"], incrementable=["verbose"])
    def body(c, opt=None, lst=None, verbose=0):
        pass

    opt, lst, verbose = body.get_arguments()
    assert opt.optional is True
    assert (lst.kind, lst.default) == (list, [])
    assert (verbose.incrementable, verbose.kind) == (True, int)


def test_help_is_keyed_underscored_or_dashed_and_never_consumed():
    @task(help={"long_name": "underscored", "other-name": "dashed"})
    def body(c, long_name=None, other_name=None):
        pass

    for _ in range(2):
        assert [a.help for a in body.get_arguments()] == ["underscored", "dashed"]
    assert body.help == {"long_name": "underscored", "other-name": "dashed"}


def test_help_for_unknown_parameter_is_an_error_unless_ignored():
    @task(help={"nope": "x", "zzz": "y"})
    def body(c, real=None):
        pass

    with pytest.raises(ValueError) as info:
        body.get_arguments()
    assert str(info.value) == "Help field was set for param(s) that don't exist: ['nope', 'zzz']"
    assert [a.name for a in body.get_arguments(ignore_unknown_help=True)] == ["real"]


def test_arg_opts_reports_names_kind_default_and_claims_short_flag():
    taken = {"count"}
    assert plain.arg_opts("count", 1, taken) == {
        "positional": False,
        "optional": False,
        "names": ["count", "c"],
        "kind": int,
        "default": 1,
    }
    assert "c" in taken


def test_fill_implicit_positionals():
    assert plain.fill_implicit_positionals(None) == ["name"]
    assert plain.fill_implicit_positionals(["count"]) == ["count"]


def test_argspec_is_signature_without_context():
    assert list(plain.argspec(plain.body).parameters)[:2] == ["name", "count"]


def test_body_without_context_is_rejected_at_definition():
    def lonely():
        pass

    with pytest.raises(TypeError, match=r"^Tasks must have an initial Context argument! .*lonely"):
        Task(lonely)


def test_repr_shows_name_and_aliases():
    @task(name="renamed", aliases=["r1", "r2"], default=True)
    def orig(c):
        pass

    assert repr(orig) == "<Task 'renamed' (r1, r2)>"
    assert orig.name == "renamed" and orig.__name__ == "orig" and orig.is_default is True


def test_equal_tasks_share_name_and_body():
    assert Task(plain.body) == plain
    assert hash(Task(plain.body)) == hash(plain)
    assert Task(plain.body, name="other") != plain
    assert plain != "plain"


def test_tasks_made_by_one_factory_differ_when_they_capture_different_values():
    def make(service, extra=None):
        @task
        def start(c):
            return (service, extra)

        return start

    assert make("one") != make("two")
    # Same code and same captured values: still the same task, as upstream.
    assert make("one") == make("one")


def test_dedupe_keeps_factory_tasks_of_two_services():
    def make(service, log):
        @task
        def start(c):
            log.append(service)

        return start

    log = []
    ns = Collection()
    ns.add_collection(Collection("one", make("one", log)))
    ns.add_collection(Collection("two", make("two", log)))
    Executor(ns, Config()).execute("one.start", "two.start")
    assert log == ["one", "two"]


def test_call_requires_a_context_first():
    with pytest.raises(TypeError) as info:
        plain(1)
    assert str(info.value) == "Task expected a Context as its first arg, got <class 'int'> instead!"


def test_call_runs_body_and_counts():
    @task
    def body(c, x=1):
        return x * 2

    assert body(Context(), x=4) == 8
    assert body.times_called == 1 and body.called is True


def test_failed_call_is_not_counted():
    @task
    def boom(c):
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        boom(Context())
    assert boom.times_called == 0


def test_async_body_runs_to_completion():
    @task
    async def later(c, x=1):
        return x + 1

    assert later(Context(), x=2) == 3


def test_decorator_with_options_and_positional_pre():
    @task
    def first(c):
        pass

    @task(first, plain)
    def second(c):
        pass

    assert list(second.pre) == [first, plain]
    with pytest.raises(TypeError, match=r"^May not give \*args and 'pre' kwarg simultaneously!$"):
        task(first, pre=[plain])


def test_klass_and_extra_options_are_forwarded():
    class HostTask(Task):
        def __init__(self, *args, **kwargs):
            self.hosts = kwargs.pop("hosts", None)
            super().__init__(*args, **kwargs)

    @task(klass=HostTask, hosts=["web1"], name="deploy")
    def body(c):
        pass

    def bare(c):
        pass

    assert isinstance(body, HostTask) and body.hosts == ["web1"] and body.name == "deploy"
    made = task(bare, klass=HostTask)
    assert isinstance(made, HostTask) and made.hosts is None


def test_ctask_is_task():
    assert ctask is task


def test_static_and_class_methods_under_task():
    class Holder:
        @task
        @staticmethod
        def stat(c, x=1):
            return ("static", x)

        @task
        @classmethod
        def klass(cls, c, y=2):
            return (cls.__name__, y)

    ctx = Context()
    assert Holder.stat(ctx, x=3) == ("static", 3)
    assert Holder().stat(ctx) == ("static", 1)
    assert Holder.klass(ctx) == ("Holder", 2)
    assert [a.name for a in Holder.klass.get_arguments()] == ["y"]


# -- Call ------------------------------------------------------------------


def test_call_repr_and_clone_data():
    made = call(plain, 1, x=2)
    assert repr(made) == "<Call 'plain', args: (1,), kwargs: {'x': 2}>"
    assert repr(Call(plain, called_as="p")) == "<Call 'plain' (called as: 'p'), args: (), kwargs: {}>"
    assert made.clone_data() == {"task": plain, "called_as": None, "args": (1,), "kwargs": {"x": 2}}


def test_call_delegates_attributes_to_its_task():
    made = Call(plain)
    assert made.name == "plain" and made.pre == []
    assert getattr(made, "hosts", None) is None
    with pytest.raises(AttributeError):
        made.no_such_thing


def test_call_equality_ignores_default_kwargs():
    assert Call(plain) == Call(plain)
    assert Call(plain) == Call(plain, kwargs={"count": 1, "flag": False, "items": None})
    assert Call(plain) != Call(plain, kwargs={"count": 2})
    assert Call(plain, args=(1,)) != Call(plain)


def test_clone_into_subclass_with_overrides():
    class Special(Call):
        def __init__(self, *args, **kwargs):
            self.extra = kwargs.pop("extra")
            super().__init__(*args, **kwargs)

    original = Call(plain, kwargs={"count": 3})
    copied = original.clone(into=Special, with_={"extra": 9})
    assert isinstance(copied, Special) and copied.extra == 9 and copied.kwargs == {"count": 3}
    assert copied.kwargs is not original.kwargs
    assert type(original.clone()) is Call


def test_make_context_carries_remainder():
    from invoke.config import Config
    from invoke.parser import ParseResult

    result = ParseResult()
    result.remainder = "echo hi"
    context = Call(plain).make_context(Config(), core_parse_result=result)
    assert isinstance(context, Context) and context.remainder == "echo hi"
    assert Call(plain).make_context(Config()).remainder == ""


def test_repr_of_call_ends_with_bracket():
    assert repr(Call(plain)).endswith(">")


def test_required_keyword_only_parameters_are_positional_like_upstream():
    @task
    def deploy(c, *, target, verbose=False):
        return (target, verbose)

    assert deploy.positional == ["target"]
    assert [repr(a) for a in deploy.get_arguments()] == ["<Argument: target (t) *>", "<Argument: verbose (v) [bool]>"]
    assert deploy(Context(), target="prod") == ("prod", False)


def test_call_repr_mentions_called_as_only_when_it_differs():
    from invoke import Call, task

    @task
    def a(c):
        pass

    assert repr(Call(a, called_as="a")) == "<Call 'a', args: (), kwargs: {}>"
    assert repr(Call(a, called_as="b")) == "<Call 'a' (called as: 'b'), args: (), kwargs: {}>"


def test_equal_factory_tasks_hash_alike():
    from invoke import task

    def make(label):
        @task
        def build(c):
            return label

        return build

    one, same, other = make("a"), make("a"), make("b")
    assert one == same and hash(one) == hash(same)
    assert one != other
    assert len({one, same, other}) == 2
