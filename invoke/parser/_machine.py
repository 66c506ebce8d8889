"""`ParseMachine`: the explicit state machine behind `Parser.parse_argv`.

States, per token:

- *waiting for a value*: a value-taking flag was just seen. The token is
  its value unless it is exactly a known flag (or ``--``); then a required
  value is missing (error). An optional value also gives way to a token
  that merely starts with a known flag (``--x=1``, ``-xy``) and becomes
  ``True``.
- *in a context*: the token is ``--`` (the rest becomes the remainder), a
  flag of the current context or of the initial (core) context, a
  positional value, a task name (switching context), or unknown.

Core flags may follow task names; a task's own flag of the same name wins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Set, Tuple

from ..exceptions import ParseError
from ._result import ParseResult, is_flag, is_long_flag
from .context import ParserContext

if TYPE_CHECKING:
    from .._data.lexicon import Lexicon
    from .argument import Argument

# (context owning the flag, its argument, whether it was the --no- spelling)
_Found = Tuple[ParserContext, "Argument", bool]


def _takes_value(arg: "Argument") -> bool:
    return arg.kind is not bool and not arg.incrementable


class ParseMachine:
    """Consume argv tokens one at a time into a `ParseResult`.

    Build one per parse; `run` does the whole job. The initial context and
    every task context named on the command line are cloned, so the
    contexts handed to `Parser` are never modified.
    """

    initial_state = "context"

    def __init__(
        self,
        initial: Optional[ParserContext],
        contexts: "Lexicon",
        ignore_unknown: bool,
    ) -> None:
        self.contexts = contexts
        self.ignore_unknown = ignore_unknown
        self.result = ParseResult()
        if initial is not None:
            self.initial = initial._clone()
            self.result.append(self.initial)
        else:
            # A scratch initial context that is not part of the result.
            self.initial = ParserContext()
        # Errors raised while only the scratch context is current belong to
        # no parser context, so they carry ``context=None``.
        self._scratch = initial is None
        self.help_arg: Optional["Argument"] = self.initial.args.get("help")
        self.context: ParserContext = self.initial
        self.in_task = False
        self.help_requested = False
        # Arguments of the current context given a value in this parse.
        self.given: Set[int] = set()
        # The value-taking flag waiting for its value, and its context.
        self.flag: Optional["Argument"] = None
        self.flag_context: Optional[ParserContext] = None
        self.tokens: List[str] = []
        self.index = 0
        # The next token is text re-queued from ``--switch=text``.
        self._requeued = False

    @property
    def waiting_for_flag_value(self) -> bool:
        """True when the last flag seen still needs its value."""
        return self.flag is not None

    def run(self, argv: List[str]) -> ParseResult:
        """Parse every token of ``argv`` and return the result."""
        # A copy: `--flag=text` on a switch re-queues `text` as a token.
        self.tokens = list(argv)
        self.index = 0
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            self.index += 1
            self.handle(token)
        self.finish()
        return self.result

    def handle(self, token: str) -> None:
        """Consume one token in the current state."""
        requeued, self._requeued = self._requeued, False
        if self.flag is not None and self._take_value(token):
            return
        if token == "--":
            self.result.remainder = " ".join(self.tokens[self.index :])
            self.index = len(self.tokens)
            return
        if is_flag(token) and token != "-":
            if self._handle_flag(token):
                return
            open_arg = self._open_positional()
            if open_arg is not None and open_arg.value is None:
                # A required positional takes flag-looking values like -5.
                self.see_positional_arg(token)
            elif is_long_flag(token):
                # Named without any "=value", as upstream.
                self.see_unknown(token.partition("=")[0], unparsed=token)
            else:
                # As upstream, name just the first letter of a short cluster.
                self.see_unknown(token[:2], unparsed=token)
            return
        open_arg = self._open_positional()
        # Text from ``--switch=text`` fills only a required positional, as
        # upstream: a defaulted one would quietly take ``--verbose=false``'s
        # "false" (row 7 lets ordinary words fill it).
        fills = open_arg is not None and (
            open_arg.value is None or (token not in self.contexts and not requeued)
        )
        if fills:
            self.see_positional_arg(token)
        elif token in self.contexts:
            self.switch_to_context(token)
        else:
            self.see_unknown(token)

    def finish(self) -> None:
        """Settle a pending flag and check the last context's positionals."""
        self.complete_flag()
        self.complete_context()
        self.changing_state("context", "end")

    # -- flags -------------------------------------------------------------

    def _lookup(self, flag: str) -> Optional[_Found]:
        # The current context first, then the core one: a task's own flag
        # shadows a core flag of the same name.
        for context in (self.context, self.initial):
            if flag in context.flags:
                return context, context.flags[flag], False
            if flag in context.inverse_flags:
                return context, context.flags[context.inverse_flags[flag]], True
            if context is self.initial:
                break
        return None

    def _is_known_flag(self, token: str, exactly: bool = False) -> bool:
        """Whether ``token`` is a flag here: exactly one, or (by default) starting with one.

        ``--x=1`` and clusters such as ``-ab`` count only when not ``exactly``.
        """
        if token == "--":
            return True
        if not is_flag(token) or token == "-":
            return False
        if exactly:
            return self._lookup(token) is not None
        if is_long_flag(token):
            return self._lookup(token.partition("=")[0]) is not None
        return self._lookup(token[:2]) is not None

    def _handle_flag(self, token: str) -> bool:
        """Handle a flag-looking token; False when its (first) flag is unknown."""
        if is_long_flag(token):
            name, eq, value = token.partition("=")
            found = self._lookup(name)
            if found is None:
                return False
            self._switch_to_flag(name, found, value if eq else None)
            return True
        if len(token) > 2 and token[2] == "=":
            found = self._lookup(token[:2])
            if found is None:
                return False
            self._switch_to_flag(token[:2], found, token[3:])
            return True
        first = self._lookup(token[:2])
        if first is None:
            return False
        # A cluster: -abc is -a -b -c; the first value-taking flag in it
        # takes the rest of the cluster (or the next token) as its value.
        for position in range(1, len(token)):
            name = "-" + token[position]
            found = first if position == 1 else self._lookup(name)
            if found is None:
                self.see_unknown(name, unparsed="-" + token[position:])
                return True
            if _takes_value(found[1]):
                rest = token[position + 1 :]
                self._switch_to_flag(name, found, rest if rest else None)
                return True
            self._switch_to_flag(name, found, None)
        return True

    def switch_to_flag(self, flag: str, inverse: bool = False) -> None:
        """Act on ``flag`` (``--name``/``-n``, or ``--no-name`` with ``inverse``) as if just typed.

        Raises `ParseError` when neither the current nor the core context has it.
        """
        found = self._lookup(flag)
        if found is None and inverse:
            found = self._lookup(flag.replace("--no-", "--", 1))
        if found is None:
            self.error("No idea what {!r} is!".format(flag))
        assert found is not None
        context, arg, was_inverse = found
        self._switch_to_flag(flag, (context, arg, was_inverse or inverse), None)

    def changing_state(self, from_: str, to: str) -> None:
        """Hook called when a task name starts a context and when parsing ends (``to="end"``).

        Does nothing here; a subclass may log or trace.
        """

    def _switch_to_flag(self, flag: str, found: _Found, value: Optional[str]) -> None:
        """Act on a known flag; ``value`` is text given with it (``--x=v``, ``-xv``)."""
        context, arg, inverse = found
        if context is self.initial and self.in_task:
            self._record_core_after_task(flag, arg)
            if arg is self.help_arg and value is None:
                # `inv task --help` asks for that task's help (and a required
                # positional must not swallow the flag: upstream-bugs row 8).
                self.help_requested = True
                self._set(arg, self.context.name, cast=False, context=context)
                return
        if not _takes_value(arg):
            if arg.incrementable:
                self._set(arg, (arg.value or 0) + 1, cast=False, context=context)
            else:
                self._set(arg, not inverse, cast=False, context=context)
            if value is not None:
                # As upstream: text after `=` on a flag that takes no value
                # is read as the next token.
                self.tokens.insert(self.index, value)
                self._requeued = True
            return
        if value is not None:
            self._set(arg, value, cast=True, context=context)
            return
        self.flag = arg
        self.flag_context = context

    def _take_value(self, token: str) -> bool:
        """Use ``token`` as the pending flag's value; False to handle it anew."""
        flag = self.flag
        assert flag is not None and self.flag_context is not None
        # A required value is the next word unless that word is exactly a
        # flag (``--mode -vc`` gives "-vc", as upstream); an optional one
        # gives way to anything that starts with a flag.
        if self._is_known_flag(token, exactly=not flag.optional):
            self.complete_flag()
            return False
        if flag.optional:
            self.check_ambiguity(token)
        self.see_value(token)
        return True

    def check_ambiguity(self, value: str) -> bool:
        """Refuse a value after an optional-value flag that could be something else.

        Returns False when ``value`` is plainly the flag's value; raises
        `ParseError` when it could also be a task name or positional value.
        """
        if value in self.contexts or self._open_positional() is not None:
            self.error(
                "{!r} is ambiguous when given after an optional-value flag".format(value)
            )
        return False

    def see_value(self, value: str) -> None:
        """Give the pending flag its value."""
        assert self.flag is not None and self.flag_context is not None
        arg, context = self.flag, self.flag_context
        self._clear_flag()
        self._set(arg, value, cast=True, context=context)

    def complete_flag(self) -> None:
        """Settle a pending flag that got no value: True if optional, else an error."""
        arg, context = self.flag, self.flag_context
        if arg is None or context is None:
            return
        if not arg.optional:
            self.error("Flag {!r} needed value and was not given one!".format(arg))
        self._clear_flag()
        self._set(arg, True, cast=False, context=context)

    def _clear_flag(self) -> None:
        self.flag = None
        self.flag_context = None

    def _set(self, arg: "Argument", value: Any, cast: bool, context: ParserContext) -> None:
        try:
            arg.set_value(value, cast=cast)
        except ValueError as exc:
            # Argument's message already names the flag, value and type.
            raise ParseError(str(exc), context) from None
        if context is self.context:
            self.given.add(id(arg))

    def _record_core_after_task(self, flag: str, arg: "Argument") -> None:
        # Two parallel lists, one entry per distinct spelling.
        if flag not in self.result.core_flags_after_tasks:
            self.result.core_flags_after_tasks.append(flag)
            self.result.core_after_tasks.append(arg)

    # -- positionals and contexts -----------------------------------------

    def _open_positional(self) -> Optional["Argument"]:
        # The next positional argument not yet given in this parse; one with
        # a default can still be given positionally (upstream-bugs row 7).
        for arg in self.context.positional_args:
            if id(arg) not in self.given:
                return arg
        return None

    def see_positional_arg(self, value: str) -> None:
        """Fill the next open positional argument of the current context."""
        arg = self._open_positional()
        assert arg is not None
        self._set(arg, value, cast=True, context=self.context)

    def see_context(self, name: str) -> None:
        """Handle a task name: start its context."""
        self.switch_to_context(name)

    def switch_to_context(self, name: str) -> None:
        """Finish the current context and start a fresh copy of task ``name``."""
        self.changing_state("context", "context")
        self.complete_context()
        context = self.contexts[name]._clone()
        self.result.append(context)
        self.context = context
        self.given = set()
        self.in_task = True

    def complete_context(self) -> None:
        """Check that the current context got all its required positionals."""
        if self.help_requested:
            return
        missing = self.context.missing_positional_args
        if missing:
            self.error(
                "{!r} did not receive required positional arguments: {}".format(
                    self.context.name, ", ".join(repr(arg.name) for arg in missing)
                )
            )

    # -- unknown tokens and errors ------------------------------------------

    def see_unknown(self, token: str, unparsed: Optional[str] = None) -> None:
        """Stop (``ignore_unknown``) or fail on a token nothing here knows."""
        if self.ignore_unknown:
            # The rest is kept unread, up to a "--": what follows that is
            # still the remainder (the program's core parse relies on it).
            self.store_only(token if unparsed is None else unparsed)
            rest = self.tokens[self.index :]
            if "--" in rest:
                cut = rest.index("--")
                self.result.remainder = " ".join(rest[cut + 1 :])
                rest = rest[:cut]
            self.result.unparsed.extend(rest)
            self.index = len(self.tokens)
            return
        message = "No idea what {!r} is!".format(token)
        suggestion = self._suggest(token)
        if suggestion is not None:
            message += "\nDid you mean {!r}?".format(suggestion)
        self.error(message)

    def store_only(self, token: str) -> None:
        """Keep ``token`` unparsed (``ignore_unknown`` mode) without reading it."""
        self.result.unparsed.append(token)

    def _suggest(self, token: str) -> Optional[str]:
        # Only on the error path, so difflib's cost never hits a good parse.
        import difflib

        if is_long_flag(token):
            # Compare names without dashes: "--b" is not close to "--debug".
            spellings: Dict[str, str] = {}
            contexts = [self.context]
            if self.context is not self.initial:
                contexts.append(self.initial)
            for context in contexts:
                names = list(dict.keys(context.flags)) + list(context.flags.aliases)
                names.extend(context.inverse_flags)
                for name in names:
                    if is_long_flag(name):
                        spellings.setdefault(name[2:], name)
            matches = difflib.get_close_matches(token[2:], list(spellings), n=1, cutoff=0.7)
            if not matches or token == "--no-" + matches[0]:
                # "--no-x" for a flag without an inverse: "--x" means the opposite.
                return None
            return spellings[matches[0]]
        if is_flag(token):
            return None
        candidates = list(dict.keys(self.contexts)) + list(self.contexts.aliases)
        matches = difflib.get_close_matches(token, candidates, n=1, cutoff=0.7)
        return matches[0] if matches else None

    def error(self, msg: str) -> None:
        """Raise a `ParseError` about the current context."""
        context = self.context
        if self._scratch and context is self.initial:
            raise ParseError(msg, None)
        raise ParseError(msg, context)
