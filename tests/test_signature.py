"""Tests for invoke._tasks.signature: argument specs and annotation-driven kinds."""

from __future__ import annotations

import enum
import functools
import pathlib
import sys
from typing import List, Literal, Optional

import pytest

from invoke._tasks.signature import body_identity, body_signature, kind_for, type_hints
from invoke.tasks import task


class Stage(enum.Enum):
    DEV = "dev"
    PROD = "prod"


def annotated(
    c,
    count: int = 1,
    ratio: float = 0.5,
    name: str = "x",
    flag: bool = False,
    where: pathlib.Path = pathlib.Path("."),
    tags: List[str] = None,
    nums: list[int] = None,
    maybe: Optional[int] = None,
    env: Literal["dev", "prod"] = "dev",
    stage: Stage = Stage.DEV,
):
    """Annotated body."""


def _kinds(body):
    return {arg.name: (arg.kind, arg.choices) for arg in task(body).get_arguments()}


def test_string_annotations_resolve_under_future_import():
    hints = type_hints(annotated)
    assert hints["count"] is int
    assert hints["maybe"] == Optional[int]


@pytest.mark.parametrize(
    "name, kind, choices",
    [
        ("count", int, None),
        ("ratio", float, None),
        ("name", str, None),
        ("flag", bool, None),
        ("where", pathlib.Path, None),
        ("tags", list, None),
        ("nums", list, None),
        ("maybe", int, None),
        ("env", str, ("dev", "prod")),
        ("stage", Stage, None),
    ],
)
def test_annotation_decides_kind(name, kind, choices):
    assert _kinds(annotated)[name] == (kind, choices)


def test_list_annotation_item_kind_is_cast():
    args = {arg.name: arg for arg in task(annotated).get_arguments()}
    args["nums"].set_value("3")
    assert args["nums"].value == [3]
    assert args["tags"].item_kind is str


def test_literal_choices_are_enforced():
    env = {arg.name: arg for arg in task(annotated).get_arguments()}["env"]
    with pytest.raises(ValueError, match="^Invalid value for --env: 'qa' must be one of: dev, prod$"):
        env.set_value("qa")


def test_without_annotation_default_type_decides():
    def body(c, a=1, b=2.5, d=True, e="s", f=None, g=[1]):
        pass

    kinds = _kinds(body)
    assert [kinds[n][0] for n in "abdefg"] == [int, float, bool, str, str, list]


def test_unresolvable_string_annotation_falls_back_to_default():
    def body(c, a: "NoSuchType" = 3):  # noqa: F821
        pass

    assert _kinds(body)["a"] == (int, None)


def test_required_bool_annotation_is_a_flag_defaulting_false():
    def body(c, force: bool):
        pass

    made = task(body)
    assert made.positional == []
    (arg,) = made.get_arguments()
    assert (arg.kind, arg.default, arg.positional) == (bool, False, False)


@pytest.mark.skipif(sys.version_info < (3, 10), reason="X | None needs 3.10")
def test_pep604_optional_is_understood():
    namespace = {}
    exec("def body(c, n: int | None = None): pass", namespace)
    assert _kinds(namespace["body"])["n"] == (int, None)


def test_kind_for_unknown_annotation_uses_default():
    assert kind_for(dict, 3).kind is int
    assert kind_for(dict, None).kind is str


def test_signature_drops_context():
    def body(c, a, b=1):
        pass

    assert list(body_signature(body).parameters) == ["a", "b"]


def test_signature_of_method_drops_self_and_context():
    def method(self, c, a):
        pass

    assert list(body_signature(method, method=True).parameters) == ["a"]


def test_var_args_are_not_flags():
    def body(c, a, *args, **kwargs):
        pass

    assert list(body_signature(body).parameters) == ["a"]


def test_missing_context_names_the_function():
    def lonely():
        pass

    with pytest.raises(TypeError) as info:
        body_signature(lonely)
    assert str(info.value) == (
        "Tasks must have an initial Context argument! "
        "lonely takes no context "
        "parameter; write: def lonely(c, ...)"
    )


def test_partial_identity_comes_from_wrapped_function():
    def deploy(c, env, verbose=False):
        """Deploy somewhere."""

    part = functools.partial(deploy, env="prod")
    name, doc, module = body_identity(part)
    assert (name, doc, module) == ("deploy", "Deploy somewhere.", __name__)
    assert list(body_signature(part).parameters) == ["env", "verbose"]


def test_wraps_chain_is_followed_for_signature_and_hints():
    def inner(c, count: int = 1):
        """Inner doc."""

    @functools.wraps(inner)
    def outer(*args, **kwargs):
        return inner(*args, **kwargs)

    assert list(body_signature(outer).parameters) == ["count"]
    assert _kinds(outer)["count"] == (int, None)
    assert body_identity(outer)[:2] == ("inner", "Inner doc.")


def test_one_unresolvable_annotation_keeps_the_others():
    # Typical with `from __future__ import annotations` and imports made
    # only under TYPE_CHECKING: the context's annotation cannot be resolved.
    namespace = {"List": List}
    source = "from __future__ import annotations\ndef body(c: Context, count: int = None, tags: List[str] = None): pass"
    exec(compile(source, "<tasks>", "exec", dont_inherit=True), namespace)
    kinds = _kinds(namespace["body"])
    assert kinds["count"] == (int, None)
    assert kinds["tags"] == (list, None)
