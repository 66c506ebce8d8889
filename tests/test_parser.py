"""Parser: the command-line grammar, its errors, and ParseResult."""

from __future__ import annotations

import shlex
import time
from typing import Any, Dict, List, Optional, Tuple

import pytest

from invoke.exceptions import ParseError
from invoke.parser import (
    Argument,
    ParseMachine,
    Parser,
    ParseResult,
    ParserContext,
    is_flag,
    is_long_flag,
)


def _core() -> ParserContext:
    return ParserContext(
        args=[
            Argument(names=("help", "h"), optional=True),
            Argument(names=("echo", "e"), kind=bool),
            Argument(names=("debug", "d"), kind=bool),
            Argument(names=("collection", "c")),
            Argument(names=("list", "l"), optional=True),
            Argument(names=("hosts", "H"), kind=list),
        ]
    )


def _tasks() -> List[ParserContext]:
    deploy = ParserContext(
        name="deploy",
        aliases=("dep",),
        args=[
            Argument(names=("name", "n")),
            Argument(names=("flag", "f"), kind=bool),
            Argument(names=("other", "o"), kind=bool, default=True),
            Argument(names=("count", "c"), kind=int),
            Argument(names=("tags", "t"), kind=list),
            Argument(names=("verbose", "v"), kind=int, incrementable=True, default=0),
            Argument(names=("opt", "p"), optional=True),
            Argument(name="ratio", kind=float),
        ],
    )
    pos = ParserContext(
        name="pos",
        args=[
            Argument(name="first", positional=True),
            Argument(name="second", positional=True),
            Argument(names=("x",), kind=bool),
        ],
    )
    defaulted = ParserContext(
        name="pd",
        args=[Argument(name="where", positional=True, default="here"), Argument(name="b")],
    )
    optpos = ParserContext(
        name="ow",
        args=[Argument(name="target", positional=True), Argument(name="opt", optional=True)],
    )
    own_help = ParserContext(name="hh", args=[Argument(names=("help", "h"), kind=bool)])
    return [deploy, pos, defaulted, optpos, own_help, ParserContext(name="other")]


def _parse(argv: str, ignore_unknown: bool = False, initial: bool = True) -> ParseResult:
    parser = Parser(
        contexts=_tasks(), initial=_core() if initial else None, ignore_unknown=ignore_unknown
    )
    return parser.parse_argv(shlex.split(argv))


Summary = List[Tuple[Optional[str], Dict[str, Any]]]


def _given(result: ParseResult) -> Summary:
    """Each context's name and the values given to it on the command line."""
    return [
        (context.name, {arg.name: arg.value for arg in context.args.values() if arg.got_value})
        for context in result
    ]


def _error(argv: str, ignore_unknown: bool = False) -> str:
    with pytest.raises(ParseError) as info:
        _parse(argv, ignore_unknown=ignore_unknown)
    return str(info.value)


# argv -> given values per context (core first)
GRAMMAR = [
    ("", [(None, {})]),
    ("deploy", [(None, {}), ("deploy", {})]),
    ("dep", [(None, {}), ("deploy", {})]),
    ("deploy --name foo", [(None, {}), ("deploy", {"name": "foo"})]),
    ("deploy --name=foo", [(None, {}), ("deploy", {"name": "foo"})]),
    ("deploy --name=", [(None, {}), ("deploy", {"name": ""})]),
    ("deploy --name ''", [(None, {}), ("deploy", {"name": ""})]),
    ("deploy --name=a=b", [(None, {}), ("deploy", {"name": "a=b"})]),
    ("deploy -n foo", [(None, {}), ("deploy", {"name": "foo"})]),
    ("deploy -nfoo", [(None, {}), ("deploy", {"name": "foo"})]),
    ("deploy -n=foo", [(None, {}), ("deploy", {"name": "foo"})]),
    ("deploy '-n foo'", [(None, {}), ("deploy", {"name": " foo"})]),
    ("deploy --name foo --name bar", [(None, {}), ("deploy", {"name": "bar"})]),
    ("deploy --opt val --opt", [(None, {}), ("deploy", {"opt": True})]),
    ("-l ns -l", [(None, {"list": True})]),
    # a value may look like a flag, as long as no flag of that name exists
    ("deploy --name -x", [(None, {}), ("deploy", {"name": "-x"})]),
    # Only a word that is exactly a flag stops a required value, as upstream.
    ("deploy --name -fv", [(None, {}), ("deploy", {"name": "-fv"})]),
    ("deploy --name --count=3", [(None, {}), ("deploy", {"name": "--count=3"})]),
    ("deploy --name -ex", [(None, {}), ("deploy", {"name": "-ex"})]),
    ("-c -ed", [(None, {"collection": "-ed"})]),
    ("deploy --name -", [(None, {}), ("deploy", {"name": "-"})]),
    ("deploy --count -5", [(None, {}), ("deploy", {"count": -5})]),
    ("deploy --name other", [(None, {}), ("deploy", {"name": "other"})]),
    # casting
    ("deploy --count 3 --ratio 2.5", [(None, {}), ("deploy", {"count": 3, "ratio": 2.5})]),
    # booleans, combined short flags, a value at the end of a cluster
    ("deploy --flag", [(None, {}), ("deploy", {"flag": True})]),
    ("deploy -f", [(None, {}), ("deploy", {"flag": True})]),
    ("deploy -ffn foo", [(None, {}), ("deploy", {"flag": True, "name": "foo"})]),
    ("deploy -fnfoo", [(None, {}), ("deploy", {"flag": True, "name": "foo"})]),
    ("deploy -fc3", [(None, {}), ("deploy", {"flag": True, "count": 3})]),
    ("deploy -fc 3", [(None, {}), ("deploy", {"flag": True, "count": 3})]),
    ("deploy -nf", [(None, {}), ("deploy", {"name": "f"})]),
    # inverse flags
    ("deploy --no-other", [(None, {}), ("deploy", {"other": False})]),
    ("deploy --other", [(None, {}), ("deploy", {"other": True})]),
    ("deploy -o", [(None, {}), ("deploy", {"other": True})]),
    # incrementables
    ("deploy -vvv", [(None, {}), ("deploy", {"verbose": 3})]),
    ("deploy -v -v", [(None, {}), ("deploy", {"verbose": 2})]),
    ("deploy -vvv --verbose", [(None, {}), ("deploy", {"verbose": 4})]),
    ("deploy -fvv", [(None, {}), ("deploy", {"flag": True, "verbose": 2})]),
    # iterables
    ("deploy --tags a --tags b -t c", [(None, {}), ("deploy", {"tags": ["a", "b", "c"]})]),
    ("deploy --tags=a -tb", [(None, {}), ("deploy", {"tags": ["a", "b"]})]),
    # optional values
    ("deploy --opt", [(None, {}), ("deploy", {"opt": True})]),
    ("deploy --opt val", [(None, {}), ("deploy", {"opt": "val"})]),
    ("deploy --opt=", [(None, {}), ("deploy", {"opt": ""})]),
    ("deploy --opt -x", [(None, {}), ("deploy", {"opt": "-x"})]),
    ("deploy --opt --flag", [(None, {}), ("deploy", {"opt": True, "flag": True})]),
    ("deploy -p", [(None, {}), ("deploy", {"opt": True})]),
    ("deploy -px", [(None, {}), ("deploy", {"opt": "x"})]),
    ("deploy -fp", [(None, {}), ("deploy", {"flag": True, "opt": True})]),
    ("deploy -fpx", [(None, {}), ("deploy", {"flag": True, "opt": "x"})]),
    ("deploy --opt -- a", [(None, {}), ("deploy", {"opt": True})]),
    # positionals
    ("pos 1 2", [(None, {}), ("pos", {"first": "1", "second": "2"})]),
    ("pos -x 1 2", [(None, {}), ("pos", {"first": "1", "second": "2", "x": True})]),
    ("pos 1 -x 2", [(None, {}), ("pos", {"first": "1", "second": "2", "x": True})]),
    ("pos deploy 2", [(None, {}), ("pos", {"first": "deploy", "second": "2"})]),
    ("pos -5 -6", [(None, {}), ("pos", {"first": "-5", "second": "-6"})]),
    ("pos --second 2 1", [(None, {}), ("pos", {"first": "1", "second": "2"})]),
    ("pos 1 2 deploy", [(None, {}), ("pos", {"first": "1", "second": "2"}), ("deploy", {})]),
    ("pos 1 -e 2", [(None, {"echo": True}), ("pos", {"first": "1", "second": "2"})]),
    # a positional with a default: optional, but can be given (upstream-bugs row 7)
    ("pd", [(None, {}), ("pd", {})]),
    ("pd there", [(None, {}), ("pd", {"where": "there"})]),
    ("pd --where there", [(None, {}), ("pd", {"where": "there"})]),
    ("pd -b x", [(None, {}), ("pd", {"b": "x"})]),
    ("pd deploy", [(None, {}), ("pd", {}), ("deploy", {})]),
    # multiple tasks, repeated tasks get separate values
    (
        "deploy --flag deploy -n x",
        [(None, {}), ("deploy", {"flag": True}), ("deploy", {"name": "x"})],
    ),
    ("other deploy other", [(None, {}), ("other", {}), ("deploy", {}), ("other", {})]),
    # core flags, before and after task names
    ("--echo deploy", [(None, {"echo": True}), ("deploy", {})]),
    ("-ed deploy", [(None, {"echo": True, "debug": True}), ("deploy", {})]),
    ("-ec foo", [(None, {"echo": True, "collection": "foo"})]),
    ("-H a -H b", [(None, {"hosts": ["a", "b"]})]),
    ("deploy --echo", [(None, {"echo": True}), ("deploy", {})]),
    ("deploy -e", [(None, {"echo": True}), ("deploy", {})]),
    ("deploy -fe", [(None, {"echo": True}), ("deploy", {"flag": True})]),
    ("deploy --list x", [(None, {"list": "x"}), ("deploy", {})]),
    ("deploy --list", [(None, {"list": True}), ("deploy", {})]),
    # the task's own flag wins over the core flag of the same name
    ("deploy -c 5", [(None, {}), ("deploy", {"count": 5})]),
    ("-c foo deploy -c 5", [(None, {"collection": "foo"}), ("deploy", {"count": 5})]),
    ("hh --help", [(None, {}), ("hh", {"help": True})]),
    # --help after a task asks for that task's help
    ("deploy --help", [(None, {"help": "deploy"}), ("deploy", {})]),
    ("dep -h", [(None, {"help": "deploy"}), ("deploy", {})]),
    ("deploy --help --name x", [(None, {"help": "deploy"}), ("deploy", {"name": "x"})]),
    ("deploy --help=pos", [(None, {"help": "pos"}), ("deploy", {})]),
    ("--help", [(None, {"help": True})]),
    # ... and a required positional does not swallow it (upstream-bugs row 8)
    ("pos --help", [(None, {"help": "pos"}), ("pos", {})]),
    ("pos 1 --help", [(None, {"help": "pos"}), ("pos", {"first": "1"})]),
    ("pos 1 2 -h", [(None, {"help": "pos"}), ("pos", {"first": "1", "second": "2"})]),
    # text after = on a flag that takes no value is read as the next token
    ("pos -x=1 2", [(None, {}), ("pos", {"first": "1", "second": "2", "x": True})]),
]


@pytest.mark.parametrize("argv, expected", GRAMMAR, ids=[case[0] or "<empty>" for case in GRAMMAR])
def test_grammar(argv: str, expected: Summary) -> None:
    assert _given(_parse(argv)) == expected


@pytest.mark.parametrize(
    "argv, remainder, contexts",
    [
        ("deploy -- a b 'c d'", "a b c d", ["deploy"]),
        ("deploy -- \"it's\" '$x'", "it's $x", ["deploy"]),
        ("-- foo", "foo", []),
        ("deploy --", "", ["deploy"]),
        ("deploy -- deploy --name", "deploy --name", ["deploy"]),
    ],
)
def test_double_dash_ends_parsing_and_joins_the_rest(
    argv: str, remainder: str, contexts: List[str]
) -> None:
    result = _parse(argv)
    assert result.remainder == remainder
    assert [context.name for context in result[1:]] == contexts


@pytest.mark.parametrize(
    "argv, given, unparsed",
    [
        ("deploy --nope x", [(None, {}), ("deploy", {})], ["--nope", "x"]),
        ("--nope deploy", [(None, {})], ["--nope", "deploy"]),
        ("-e --nope deploy", [(None, {"echo": True})], ["--nope", "deploy"]),
        ("-ex", [(None, {"echo": True})], ["-x"]),
        ("-eZ deploy", [(None, {"echo": True})], ["-Z", "deploy"]),
        ("-x", [(None, {})], ["-x"]),
        ("pos 1 2 3", [(None, {}), ("pos", {"first": "1", "second": "2"})], ["3"]),
        ("deploy -n x other", [(None, {}), ("deploy", {"name": "x"}), ("other", {})], []),
    ],
)
def test_ignore_unknown_stops_at_the_first_unknown_token(
    argv: str, given: Summary, unparsed: List[str]
) -> None:
    result = _parse(argv, ignore_unknown=True)
    assert _given(result) == given
    assert result.unparsed == unparsed


def test_ignore_unknown_without_task_contexts_leaves_tasks_unparsed() -> None:
    # How the CLI parses core flags first.
    result = Parser(initial=_core(), ignore_unknown=True).parse_argv(
        ["-e", "deploy", "--name", "x", "-e"]
    )
    assert _given(result) == [(None, {"echo": True})]
    assert result.unparsed == ["deploy", "--name", "x", "-e"]


def test_ignore_unknown_with_double_dash_keeps_the_remainder() -> None:
    result = _parse("-e -- a b", ignore_unknown=True)
    assert result.remainder == "a b"
    assert result.unparsed == []


@pytest.mark.parametrize(
    "argv, unparsed, remainder",
    [
        ("-e deploy x -- a b", ["deploy", "x"], "a b"),
        ("deploy --name -- --nope", ["deploy", "--name"], "--nope"),
        ("-ex -- y", ["-x"], "y"),
        ("deploy x --", ["deploy", "x"], ""),
    ],
)
def test_ignore_unknown_still_finds_the_remainder_after_an_unknown_token(
    argv: str, unparsed: List[str], remainder: str
) -> None:
    # The CLI's core parse: Program.core.unparsed holds the task part and
    # Program.core.remainder what follows "--" (Fabric reads both).
    result = Parser(initial=_core(), ignore_unknown=True).parse_argv(shlex.split(argv))
    assert (result.unparsed, result.remainder) == (unparsed, remainder)


@pytest.mark.parametrize(
    "argv, message",
    [
        ("nope", "No idea what 'nope' is!"),
        ("deploy nope", "No idea what 'nope' is!"),
        ("--nope", "No idea what '--nope' is!"),
        ("-x", "No idea what '-x' is!"),
        ("deploy -Zf", "No idea what '-Z' is!"),
        ("deploy -fZ", "No idea what '-Z' is!"),
        ("deploy -", "No idea what '-' is!"),
        ("deploy ''", "No idea what '' is!"),
        ("deploy ---x", "No idea what '---x' is!"),
        ("deploy --no-name", "No idea what '--no-name' is!"),
        ("deploy --flag=yes", "No idea what 'yes' is!"),
        ("deploy -v3", "No idea what '-3' is!"),
        ("pos 1 2 3", "No idea what '3' is!"),
        # --no-x for a boolean that has no inverse: "--x" is not suggested
        ("deploy --no-flag", "No idea what '--no-flag' is!"),
    ],
)
def test_unknown_tokens_are_errors(argv: str, message: str) -> None:
    assert _error(argv) == message


@pytest.mark.parametrize(
    "argv, message",
    [
        ("deplyo", "No idea what 'deplyo' is!\nDid you mean 'deploy'?"),
        ("deploy --nmae x", "No idea what '--nmae' is!\nDid you mean '--name'?"),
        ("deploy --no-othre", "No idea what '--no-othre' is!\nDid you mean '--no-other'?"),
        ("deploy --ecko", "No idea what '--ecko' is!\nDid you mean '--echo'?"),
        ("--debgu", "No idea what '--debgu' is!\nDid you mean '--debug'?"),
    ],
)
def test_unknown_names_close_to_a_known_one_get_a_suggestion(argv: str, message: str) -> None:
    assert _error(argv) == message


@pytest.mark.parametrize(
    "argv, message",
    [
        ("deploy --name", "Flag <Argument: name (n)> needed value and was not given one!"),
        ("deploy -n", "Flag <Argument: name (n)> needed value and was not given one!"),
        ("deploy -fn", "Flag <Argument: name (n)> needed value and was not given one!"),
        ("deploy --name --flag", "Flag <Argument: name (n)> needed value and was not given one!"),
        ("deploy --name -f", "Flag <Argument: name (n)> needed value and was not given one!"),
        ("deploy --name -e", "Flag <Argument: name (n)> needed value and was not given one!"),
        ("deploy -n -- x", "Flag <Argument: name (n)> needed value and was not given one!"),
        ("deploy -n a -n", "Flag <Argument: name (n)> needed value and was not given one!"),
        ("deploy --nope=1", "No idea what '--nope' is!"),
        ("--nope=--x deploy", "No idea what '--nope' is!"),
        ("deploy --count", "Flag <Argument: count (c) [int]> needed value and was not given one!"),
        ("-c", "Flag <Argument: collection (c)> needed value and was not given one!"),
        # a list flag needs a value like any other (upstream-bugs row 9)
        ("deploy --tags", "Flag <Argument: tags (t) [list]> needed value and was not given one!"),
        (
            "deploy --tags --flag",
            "Flag <Argument: tags (t) [list]> needed value and was not given one!",
        ),
    ],
)
def test_a_flag_without_its_value_is_an_error(argv: str, message: str) -> None:
    assert _error(argv) == message


@pytest.mark.parametrize(
    "argv, message",
    [
        ("deploy --count x", "Invalid value for --count: 'x' is not a valid integer"),
        ("deploy -c x", "Invalid value for --count: 'x' is not a valid integer"),
        ("deploy -cx", "Invalid value for --count: 'x' is not a valid integer"),
        ("deploy --ratio fast", "Invalid value for --ratio: 'fast' is not a valid number"),
    ],
)
def test_a_bad_value_is_a_parse_error_naming_flag_value_and_type(argv: str, message: str) -> None:
    # Argument's message is passed on verbatim (upstream-bugs row 5).
    assert _error(argv) == message


def test_a_bad_choice_is_a_parse_error() -> None:
    context = ParserContext(name="paint", args=[Argument(name="color", choices=("red", "blue"))])
    with pytest.raises(ParseError) as info:
        Parser([context]).parse_argv(["paint", "--color", "green"])
    assert str(info.value) == "Invalid value for --color: 'green' must be one of: red, blue"
    assert info.value.context is not None and info.value.context.name == "paint"


@pytest.mark.parametrize(
    "argv, message",
    [
        ("pos", "'pos' did not receive required positional arguments: 'first', 'second'"),
        ("pos 1", "'pos' did not receive required positional arguments: 'second'"),
        ("pos 1 -x", "'pos' did not receive required positional arguments: 'second'"),
        ("ow --opt", "'ow' did not receive required positional arguments: 'target'"),
    ],
)
def test_missing_positionals_are_an_error(argv: str, message: str) -> None:
    assert _error(argv) == message


def test_missing_positionals_are_an_error_with_ignore_unknown_too() -> None:
    assert _error("pos 1", ignore_unknown=True) == (
        "'pos' did not receive required positional arguments: 'second'"
    )


@pytest.mark.parametrize(
    "argv, token",
    [
        ("deploy --opt deploy", "deploy"),
        ("deploy -p other", "other"),
        ("--help deploy", "deploy"),
        ("--list dep", "dep"),
        ("ow --opt 1", "1"),
    ],
)
def test_a_task_name_after_an_optional_value_flag_is_ambiguous(argv: str, token: str) -> None:
    assert _error(argv) == f"{token!r} is ambiguous when given after an optional-value flag"


@pytest.mark.parametrize(
    "argv",
    [
        "deploy --opt=deploy",
        "deploy -p=other",
        "ow x --opt=1",
        "deploy --opt=--flag",
        "deploy --name=-f",
        "deploy -n=--flag",
        "deploy --name=--",
    ],
)
def test_a_value_joined_with_equals_is_always_the_flags_value(argv: str) -> None:
    # Upstream 3.0.3 re-reads the text after "=" as a word of its own (then
    # calling it ambiguous, or a missing value); "=" leaves no doubt.
    flag, _, value = argv.partition("=")
    name = {"--opt": "opt", "-p": "opt", "--name": "name", "-n": "name"}[flag.split()[-1]]
    result = _parse(argv)
    assert result[1].args[name].value == value
    other_flag = result[1].args.get("flag")
    assert other_flag is None or not other_flag.value


def test_text_after_equals_on_a_switch_never_fills_a_defaulted_positional() -> None:
    # ``--verbose=false`` must not quietly turn verbose on and hand "false"
    # to the next positional that has a default: upstream cannot fill that
    # positional, and rejects the text, so we do too. A required positional
    # still takes it, as upstream.
    def parser() -> Parser:
        task = ParserContext(
            name="two",
            args=[
                Argument(name="a", positional=True),
                Argument(name="b", positional=True, default="bee"),
                Argument(names=("verbose", "v"), kind=bool),
            ],
        )
        return Parser(contexts=[task], initial=_core())

    with pytest.raises(ParseError) as info:
        parser().parse_argv(["two", "x", "--verbose=false"])
    assert str(info.value) == "No idea what 'false' is!"
    result = parser().parse_argv(["two", "--verbose=1", "x"])
    assert (result[1].args["a"].value, result[1].args["b"].value) == ("1", "x")
    assert result[1].args["verbose"].value is True


def test_parse_errors_carry_the_context_they_happened_in() -> None:
    with pytest.raises(ParseError) as info:
        _parse("deploy --nope")
    assert info.value.context is not None and info.value.context.name == "deploy"


def test_core_flags_after_a_task_are_recorded_on_the_result() -> None:
    result = _parse("-d deploy -e --flag -c 3 other --list x -e --echo")
    core = result[0].args
    assert result.core_flags_after_tasks == ["-e", "--list", "--echo"]
    assert result.core_after_tasks == [core["echo"], core["list"], core["echo"]]


def test_core_flags_before_tasks_are_not_recorded_as_after() -> None:
    result = _parse("-e -c x deploy")
    assert result.core_after_tasks == []
    assert result.core_flags_after_tasks == []


def test_help_after_a_task_is_recorded_as_a_core_flag_after_tasks() -> None:
    result = _parse("deploy -h")
    assert result.core_flags_after_tasks == ["-h"]


def test_without_an_initial_context_the_result_has_only_tasks() -> None:
    assert [context.name for context in _parse("deploy other", initial=False)] == [
        "deploy",
        "other",
    ]
    assert list(_parse("", initial=False)) == []
    assert _parse("-- x", initial=False).remainder == "x"


def test_without_an_initial_context_core_flags_are_unknown() -> None:
    with pytest.raises(ParseError) as info:
        _parse("deploy --echo", initial=False)
    assert str(info.value) == "No idea what '--echo' is!"


def test_parsing_never_modifies_the_given_contexts() -> None:
    initial = _core()
    tasks = _tasks()
    parser = Parser(contexts=tasks, initial=initial)
    result = parser.parse_argv(["-e", "deploy", "-t", "a", "--name", "x", "deploy", "-t", "b"])
    assert result[0] is not initial
    assert result[1] is not tasks[0]
    assert initial.args["echo"].value is None
    assert tasks[0].args["name"].value is None
    assert tasks[0].args["tags"].value == []
    assert result[1].args["tags"].value == ["a"]
    assert result[2].args["tags"].value == ["b"]
    again = parser.parse_argv(["deploy"])
    assert again[1].args["name"].value is None


def test_cloned_contexts_keep_their_lookups() -> None:
    result = _parse("dep -n x")
    context = result[1]
    assert context.args["n"] is context.args["name"]
    assert context.flags["-n"] is context.args["name"]
    assert context.as_kwargs["name"] == "x"
    assert context.inverse_flags == {"--no-other": "--other"}
    assert context.aliases == ("dep",)


def test_parser_keys_contexts_by_name_and_alias() -> None:
    parser = Parser(contexts=_tasks())
    assert parser.contexts["dep"] is parser.contexts["deploy"]
    assert parser.initial is None
    assert parser.ignore_unknown is False


@pytest.mark.parametrize(
    "contexts, message",
    [
        (
            [ParserContext(name="a"), ParserContext(name="a")],
            "A context named/aliased 'a' is already in this parser!",
        ),
        (
            [ParserContext(name="a"), ParserContext(name="b", aliases=("a",))],
            "A context named/aliased 'a' is already in this parser!",
        ),
        (
            [ParserContext(name="a", aliases=("z",)), ParserContext(name="b", aliases=("z",))],
            "A context named/aliased 'z' is already in this parser!",
        ),
        ([ParserContext(name="a"), ParserContext()], "Non-initial contexts must have names."),
    ],
)
def test_parser_rejects_bad_contexts(contexts: List[ParserContext], message: str) -> None:
    with pytest.raises(ValueError) as info:
        Parser(contexts=contexts)
    assert str(info.value) == message


def test_parse_result_is_a_list_with_per_instance_defaults() -> None:
    # Fabric builds one by hand and sets remainder and values itself.
    result = ParseResult([ParserContext(args=[Argument(name="hosts")])])
    other = ParseResult()
    assert isinstance(result, list) and len(result) == 1
    assert result.remainder == "" and result.unparsed == []
    assert result.unparsed is not other.unparsed
    result.remainder = "uname -a"
    result[0].args.hosts.value = "web1"
    assert result[0].args["hosts"].value == "web1"
    assert other.remainder == ""


def test_flag_predicates() -> None:
    assert is_flag("-x") and is_flag("--x") and not is_flag("x")
    assert is_long_flag("--x") and not is_long_flag("-x")


def test_parse_machine_is_public_and_waits_for_values() -> None:
    contexts = Parser(_tasks()).contexts
    machine = ParseMachine(initial=_core(), contexts=contexts, ignore_unknown=False)
    machine.handle("deploy")
    machine.handle("--name")
    assert machine.waiting_for_flag_value
    machine.handle("x")
    assert not machine.waiting_for_flag_value


def _machine() -> ParseMachine:
    return ParseMachine(initial=_core(), contexts=Parser(_tasks()).contexts, ignore_unknown=False)


def test_parse_machine_methods_take_upstreams_arguments() -> None:
    # switch_to_flag(flag, inverse=False), check_ambiguity(value) -> bool.
    machine = _machine()
    machine.handle("deploy")
    machine.switch_to_flag("--flag")
    machine.switch_to_flag("--no-other", inverse=True)
    machine.switch_to_flag("-e")
    machine.switch_to_flag("--name")
    assert machine.waiting_for_flag_value
    assert machine.check_ambiguity("plain") is False
    machine.see_value("x")
    deploy = machine.result[1].args
    assert (deploy.flag.value, deploy.other.value, deploy.name.value) == (True, False, "x")
    assert machine.result[0].args.echo.value is True
    with pytest.raises(ParseError, match="^No idea what '--nope' is!$"):
        machine.switch_to_flag("--nope")


def test_parse_machine_reports_its_state_changes() -> None:
    seen: List[Tuple[str, str]] = []

    class Tracing(ParseMachine):
        def changing_state(self, from_: str, to: str) -> None:
            seen.append((from_, to))

    machine = Tracing(initial=_core(), contexts=Parser(_tasks()).contexts, ignore_unknown=False)
    machine.run(["deploy", "other"])
    assert seen == [("context", "context"), ("context", "context"), ("context", "end")]


def test_setting_up_and_parsing_with_thousands_of_tasks_is_fast() -> None:
    contexts = [
        ParserContext(
            name=f"task-{index}",
            args=[Argument(names=("name", "n")), Argument(name="flag", kind=bool)],
        )
        for index in range(2000)
    ]
    start = time.perf_counter()
    parser = Parser(contexts=contexts, initial=_core())
    argv = []
    for index in range(0, 2000, 10):
        argv += [f"task-{index}", "-n", "x", "--flag"]
    result = parser.parse_argv(argv)
    elapsed = time.perf_counter() - start
    assert len(result) == 201
    # Generous bound: linear work is a few milliseconds; per-token scans of
    # every context would take seconds.
    assert elapsed < 0.5


def test_parse_argv_does_not_modify_its_argument() -> None:
    argv = ["pos", "-x=1", "2"]
    Parser(contexts=_tasks()).parse_argv(argv)
    assert argv == ["pos", "-x=1", "2"]


def test_subclassed_contexts_are_cloned_with_their_extra_state() -> None:
    class TaskContext(ParserContext):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.origin = "templates"

    context = TaskContext(name="svc", args=[Argument(name="port", kind=int)])
    result = Parser(contexts=[context]).parse_argv(["svc", "--port", "80"])
    assert type(result[0]) is TaskContext
    assert result[0].origin == "templates"
    assert result[0].args.port.value == 80
    assert context.args.port.value is None
