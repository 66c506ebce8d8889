"""ParserContext: argument bookkeeping, flags, --help rendering and ordering."""

from __future__ import annotations

import enum
import pathlib

import pytest

from invoke.parser import Argument, Context, ParserContext, to_flag, translate_underscores
from invoke.parser.context import flag_key, sort_candidate


def _context(*args: Argument, **kwargs: object) -> ParserContext:
    return ParserContext(args=args, **kwargs)  # type: ignore[arg-type]


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("name", "--name"),
        ("n", "-n"),
        ("dry_run", "--dry-run"),
        ("_private_", "--private"),
        ("x_", "-x"),
        ("already-dashed", "--already-dashed"),
    ],
)
def test_to_flag_spells_names_as_flags(name: str, expected: str) -> None:
    assert to_flag(name) == expected


def test_translate_underscores_strips_edges_and_dashes_the_middle() -> None:
    assert translate_underscores("__a_b_c__") == "a-b-c"


def test_context_is_the_parsercontext_alias() -> None:
    assert Context is ParserContext


def test_args_are_keyed_by_every_name() -> None:
    arg = Argument(names=("name", "n"))
    context = _context(arg)
    assert context.args["name"] is arg
    assert context.args["n"] is arg
    assert context.args.name is arg
    assert list(context.args.keys()) == ["name"]


def test_args_are_also_found_by_their_dashed_spelling() -> None:
    arg = Argument(name="dry_run", kind=bool)
    context = _context(arg)
    assert context.args["dry-run"] is arg
    assert context.flags["--dry-run"] is arg


def test_flags_are_keyed_by_every_flag_spelling() -> None:
    arg = Argument(names=("name", "n", "nom"))
    context = _context(arg)
    assert list(context.flags.keys()) == ["--name"]
    assert context.flags["-n"] is arg
    assert context.flags["--nom"] is arg


def test_add_arg_accepts_argument_constructor_arguments() -> None:
    context = ParserContext()
    context.add_arg("name", kind=int)
    context.add_arg(names=("verbose", "v"), kind=bool)
    assert context.args["name"].kind is int
    assert context.flags["-v"].name == "verbose"


def test_add_arg_rejects_a_duplicate_name() -> None:
    context = _context(Argument(names=("name", "n")))
    with pytest.raises(ValueError) as info:
        context.add_arg(Argument(names=("nickname", "n")))
    assert str(info.value) == "Tried to add an argument named 'n' but one already exists!"


def test_add_arg_rejects_names_that_share_a_flag() -> None:
    context = _context(Argument(name="dry_run"))
    with pytest.raises(ValueError) as info:
        context.add_arg(Argument(name="dry-run"))
    assert str(info.value) == "Tried to add an argument named 'dry-run' but one already exists!"


def test_positional_args_keep_their_order() -> None:
    first = Argument(name="first", positional=True)
    second = Argument(name="second", positional=True)
    context = _context(first, Argument(name="flag"), second)
    assert context.positional_args == [first, second]


def test_inverse_flags_exist_only_for_booleans_defaulting_to_true() -> None:
    context = _context(
        Argument(names=("color", "c"), kind=bool, default=True),
        Argument(name="quiet", kind=bool, default=False),
        Argument(name="name", default=True),
    )
    assert context.inverse_flags == {"--no-color": "--color"}


def test_inverse_flag_of_a_short_only_boolean() -> None:
    context = _context(Argument(name="o", kind=bool, default=True))
    assert context.inverse_flags == {"--no-o": "-o"}


def test_missing_positional_args_skip_those_with_values_or_defaults() -> None:
    given = Argument(name="given", positional=True)
    given.set_value("x")
    defaulted = Argument(name="defaulted", positional=True, default="d")
    missing = Argument(name="missing", positional=True)
    context = _context(given, defaulted, missing)
    assert context.missing_positional_args == [missing]


def test_as_kwargs_maps_python_names_to_values() -> None:
    named = Argument(names=("dry-run",), attr_name="dry_run", kind=bool)
    named.set_value(True, cast=False)
    context = _context(named, Argument(name="count", kind=int, default=3), Argument(name="x"))
    assert context.as_kwargs == {"dry_run": True, "count": 3, "x": None}


def test_names_for_lists_short_flags_first() -> None:
    context = _context(Argument(names=("name", "n", "nm")))
    assert context.names_for("--nm") == ["-n", "--nm", "--name"]


def test_names_for_an_unknown_flag_is_that_flag_alone() -> None:
    context = _context(Argument(names=("name", "n")))
    assert context.names_for("--nope") == ["--nope"]


@pytest.mark.parametrize(
    "arg, expected",
    [
        (Argument(names=("name", "n")), "-n STRING, --name=STRING"),
        (Argument(name="path", kind=pathlib.Path), "--path"),
        (Argument(names=("count", "c"), kind=int), "-c INT, --count=INT"),
        (Argument(name="ratio", kind=float), "--ratio"),
        (Argument(names=("tag", "t"), kind=list), "-t, --tag"),
        (Argument(names=("flag", "f"), kind=bool), "-f, --flag"),
        (
            Argument(names=("verbose", "v"), kind=int, incrementable=True, default=0),
            "-v, --verbose",
        ),
        (Argument(names=("other", "o"), kind=bool, default=True), "-o, --[no-]other"),
        (Argument(name="o", kind=bool, default=True), "-o, --no-o"),
        (Argument(names=("opt", "p"), optional=True), "-p [STRING], --opt[=STRING]"),
        (Argument(names=("color",), choices=("red", "blue")), "--color={red,blue}"),
        (Argument(names=("color", "c"), kind=Color), "-c, --color"),
        (Argument(name="dry_run", kind=bool), "--dry-run"),
    ],
    ids=lambda value: repr(value) if isinstance(value, Argument) else None,
)
def test_help_for_shows_value_placeholders(arg: Argument, expected: str) -> None:
    context = _context(arg)
    assert context.help_for(to_flag(arg.name)) == (expected, "")


def test_help_for_returns_the_help_text() -> None:
    context = _context(Argument(names=("name", "n"), help="Who to greet."))
    assert context.help_for("-n") == ("-n STRING, --name=STRING", "Who to greet.")


def test_help_for_an_unknown_flag_is_a_value_error() -> None:
    context = _context(Argument(name="name"))
    with pytest.raises(ValueError) as info:
        context.help_for("--nope")
    assert str(info.value) == (
        "'--nope' is not a valid flag for this context! Valid flags are: dict_keys(['--name'])"
    )


def test_help_tuples_put_long_only_flags_first_then_alphabetical() -> None:
    context = _context(
        Argument(names=("zeta", "z")),
        Argument(name="alpha"),
        Argument(names=("Beta", "b")),
        Argument(names=("a", "apple")),
        Argument(name="B"),
        Argument(name="_under"),
        Argument(name="Cap"),
    )
    assert [flags for flags, _ in context.help_tuples()] == [
        "--under=STRING",
        "--alpha=STRING",
        "--Cap=STRING",
        "-a STRING, --apple=STRING",
        "-b STRING, --Beta=STRING",
        "-B STRING",
        "-z STRING, --zeta=STRING",
    ]


def test_help_tuples_sort_lowercase_before_uppercase() -> None:
    context = _context(*(Argument(name=name) for name in ("B", "ab", "b", "AB", "A", "a")))
    assert [flags for flags, _ in context.help_tuples()] == [
        "--ab=STRING",
        "--AB=STRING",
        "-a STRING",
        "-A STRING",
        "-b STRING",
        "-B STRING",
    ]


def test_flag_names_lists_every_flag_then_inverse_flags() -> None:
    context = _context(
        Argument(names=("name", "n")),
        Argument(name="all", kind=bool, default=True),
    )
    assert context.flag_names() == ("--all", "-n", "--name", "--no-all")


def test_sort_helpers_pick_the_first_short_name() -> None:
    arg = Argument(names=("mid", "y", "x"))
    assert sort_candidate(arg) == "x"
    assert flag_key(arg) < flag_key(Argument(name="z"))
    assert flag_key(Argument(name="zzz")) < flag_key(arg)


@pytest.mark.parametrize(
    "context, expected",
    [
        (ParserContext(), "<parser/Context>"),
        (ParserContext(name="deploy"), "<parser/Context 'deploy'>"),
        (ParserContext(name="deploy", aliases=("d", "dep")), "<parser/Context 'deploy' (d, dep)>"),
        (
            ParserContext(name="deploy", args=[Argument(names=("name", "n"))]),
            "<parser/Context 'deploy': {'name': <Argument: name (n)>}>",
        ),
    ],
)
def test_repr_names_the_context_and_its_args(context: ParserContext, expected: str) -> None:
    assert repr(context) == expected


def test_a_hand_built_context_holds_values_set_directly() -> None:
    # Fabric builds contexts by hand and sets Argument.value itself.
    context = ParserContext(args=[Argument(name="hosts")])
    context.args.hosts.value = "web1"
    assert context.args["hosts"].value == "web1"
    assert context.as_kwargs == {"hosts": "web1"}
