"""Tests for invoke.parser.argument.Argument."""

import enum
import pathlib

import pytest

from invoke.parser import Argument


def test_name_and_names_are_exclusive():
    with pytest.raises(TypeError, match="Cannot give both 'name' and 'names' arguments! Pick one."):
        Argument(name="a", names=("b",))


def test_an_argument_needs_a_name():
    with pytest.raises(TypeError, match="An Argument must have at least one name."):
        Argument()


def test_name_prefers_attr_name_and_nicknames_are_the_rest():
    arg = Argument(names=("long-name", "l"), attr_name="long_name")
    assert arg.name == "long_name"
    assert arg.nicknames == ("l",)
    assert Argument(names=("x", "y", "z")).nicknames == ("y", "z")


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        (dict(name="x"), "<Argument: x>"),
        (dict(names=("x", "y", "z")), "<Argument: x (y, z)>"),
        (dict(names=("count", "c"), kind=int), "<Argument: count (c) [int]>"),
        (dict(name="x", optional=True), "<Argument: x ?>"),
        (dict(names=("a", "b"), kind=float, positional=True, optional=True), "<Argument: a (b) [float] *?>"),
        (dict(names=("abc",), kind=pathlib.Path), "<Argument: abc [Path]>"),
        (dict(name="lst", kind=list), "<Argument: lst [list]>"),
    ],
)
def test_repr_shows_names_kind_and_markers(kwargs, expected):
    assert repr(Argument(**kwargs)) == expected


def test_takes_value_is_false_for_bool_and_counters():
    assert Argument(name="x").takes_value is True
    assert Argument(name="x", kind=bool).takes_value is False
    assert Argument(name="x", kind=int, incrementable=True).takes_value is False
    assert Argument(name="x", kind=pathlib.Path).takes_value is True


def test_value_is_default_until_set():
    arg = Argument(name="x", default=5, kind=int)
    assert arg.value == 5
    assert arg.got_value is False
    arg.set_value("7")
    assert arg.value == 7
    assert arg.raw_value == "7"
    assert arg.got_value is True


def test_value_setter_casts():
    arg = Argument(name="x", kind=int)
    arg.value = "3"
    assert arg.value == 3


def test_set_value_without_cast_keeps_raw_value():
    arg = Argument(name="x", kind=int)
    arg.set_value("3", cast=False)
    assert arg.value == "3"


@pytest.mark.parametrize(
    "kind, raw, expected",
    [(int, "42", 42), (float, "1e3", 1000.0), (str, "s", "s"), (pathlib.Path, "a/b", pathlib.Path("a/b")), (bool, "", False)],
)
def test_set_value_casts_to_kind(kind, raw, expected):
    arg = Argument(name="x", kind=kind)
    arg.set_value(raw)
    assert arg.value == expected
    assert type(arg.value) is type(expected)


def test_bad_int_names_flag_value_and_type():
    arg = Argument(names=("stages", "s"), kind=int)
    with pytest.raises(ValueError) as info:
        arg.set_value("three")
    assert str(info.value) == "Invalid value for --stages: 'three' is not a valid integer"


def test_bad_float_on_short_only_flag():
    arg = Argument(names=("T",), kind=float)
    with pytest.raises(ValueError) as info:
        arg.set_value("x")
    assert str(info.value) == "Invalid value for -T: 'x' is not a valid number"


def test_list_kind_appends_cast_items():
    arg = Argument(names=("n",), kind=list, item_kind=int)
    assert arg.value == []
    arg.set_value("1")
    arg.set_value("2")
    assert arg.value == [1, 2]
    assert arg.raw_value == "2"


def test_list_kind_bad_item_is_a_clear_error():
    arg = Argument(names=("num",), kind=list, item_kind=int)
    with pytest.raises(ValueError, match=r"^Invalid value for --num: 'x' is not a valid integer$"):
        arg.set_value("x")


def test_list_default_is_replaced_not_appended_to():
    default = ["d"]
    arg = Argument(name="x", kind=list, default=default)
    assert arg.value == ["d"]
    arg.set_value("q")
    assert arg.value == ["q"]
    assert default == ["d"]


def test_incrementable_counts_up_from_default():
    arg = Argument(names=("v",), kind=int, incrementable=True, default=0)
    arg.set_value(True)
    arg.set_value(True)
    assert arg.value == 2
    other = Argument(names=("v",), kind=int, incrementable=True, default=3)
    other.set_value(True, cast=False)
    assert other.value == 4


def test_incrementable_without_default_starts_at_zero():
    arg = Argument(names=("v",), kind=int, incrementable=True)
    arg.set_value(True)
    assert arg.value == 1


def test_choices_are_checked_and_listed():
    arg = Argument(name="env", choices=("dev", "prod"))
    arg.set_value("prod")
    assert arg.value == "prod"
    with pytest.raises(ValueError) as info:
        arg.set_value("qa")
    assert str(info.value) == "Invalid value for --env: 'qa' must be one of: dev, prod"


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


def test_enum_kind_accepts_values_and_names():
    arg = Argument(name="color", kind=Color)
    arg.set_value("blue")
    assert arg.value is Color.BLUE
    arg.set_value("RED")
    assert arg.value is Color.RED
    with pytest.raises(ValueError) as info:
        arg.set_value("green")
    assert str(info.value) == "Invalid value for --color: 'green' must be one of: red, blue"


def test_arguments_compare_by_identity():
    assert Argument(name="x") != Argument(name="x")
