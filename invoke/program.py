"""`Program`: the ``inv`` command line, and the base for CLIs built on Invoke.

`Program.run` goes through overridable phases (Fabric overrides several):
create_config -> parse_core -> parse_collection -> parse_tasks ->
parse_cleanup -> update_config -> execute. It is also the one place that
turns exceptions into messages and exit codes.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Set, Type, Union

from ._cli import render as _listing
from ._config.check import FILE_LEVELS, SettingError, check_levels
from ._cli.core_flags import core_arguments, task_loading_arguments
from ._cli.errors import ErrorFunnel, silence_stdout, stdout_closed
from ._cli.listing import TaskListing
from ._cli.phases import (
    bytecode_wanted,
    config_overrides,
    keep_bytecode_out_of_the_project,
    late_core_flag_error,
    named_contexts,
    unknown_message,
)
from .exceptions import (
    AmbiguousEnvVar,
    CollectionNotFound,
    CommandTimedOut,
    Exit,
    ParseError,
    UncastableEnvVar,
    UnexpectedExit,
)
from .util import debug, enable_logging, helpline

if TYPE_CHECKING:
    from .collection import Collection
    from .config import Config
    from .executor import Executor
    from .loader import Loader
    from .parser import Argument, Parser, ParserContext

__all__ = ["Program"]

# Names upstream's module namespace re-exports; resolved lazily so that
# importing this module (every ``inv`` start-up) stays cheap.
_LAZY = {
    "Argument": "parser",
    "Collection": "collection",
    "Config": "config",
    "Executor": "executor",
    "FilesystemLoader": "loader",
    "Parser": "parser",
    "ParserContext": "parser",
    "complete": "completion.complete",
    "print_completion_script": "completion.complete",
    "pty_size": "terminals",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'invoke.program' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __package__), name)


class Program(ErrorFunnel, TaskListing):
    """A command-line program that loads or is given tasks and runs them.

    ``version`` is printed by ``--version``; ``namespace`` is a `Collection`
    (or a task template instance) to use instead of loading ``tasks.py`` (a
    "bundled" program); ``name`` is the display name (default: the
    capitalised binary name);
    ``binary`` is the usage-line name (default: how it was called);
    ``binary_names`` are the names completion scripts are set up for.
    ``loader_class``, ``executor_class`` and ``config_class`` replace the
    defaults (`FilesystemLoader`, `Executor`, `Config`).
    """

    leading_indent_width = 2
    leading_indent = "  "
    indent_width = 4
    indent = "    "
    col_padding = 3

    def __init__(
        self,
        version: Optional[str] = None,
        namespace: Optional["Collection"] = None,
        name: Optional[str] = None,
        binary: Optional[str] = None,
        loader_class: Optional[Type["Loader"]] = None,
        executor_class: Optional[Type["Executor"]] = None,
        config_class: Optional[Type["Config"]] = None,
        binary_names: Optional[List[str]] = None,
    ) -> None:
        self.version = "unknown" if version is None else version
        self.namespace = namespace
        self._name = name
        self._binary = binary
        self._binary_names = binary_names
        self._loader_class = loader_class
        self._executor_class = executor_class
        self._config_class = config_class
        self.argv: List[str] = []
        self.config: Any = None
        self.core: Any = None
        self.core_via_tasks: Any = None
        self.collection: Any = None
        self.parser: Any = None
        self.tasks: List[Any] = []
        self.list_root: Optional[str] = None
        self.list_depth: Optional[int] = None
        self.list_format = "flat"
        self.scoped_collection: Any = None
        self._initial_context: Any = None
        self._all_contexts = False

    # The classes are resolved on use so `import invoke.program` stays light.
    @property
    def loader_class(self) -> Type["Loader"]:
        if self._loader_class is None:
            from .loader import FilesystemLoader

            return FilesystemLoader
        return self._loader_class

    @loader_class.setter
    def loader_class(self, value: Type["Loader"]) -> None:
        self._loader_class = value

    @property
    def executor_class(self) -> Type["Executor"]:
        if self._executor_class is None:
            from .executor import Executor

            return Executor
        return self._executor_class

    @executor_class.setter
    def executor_class(self, value: Type["Executor"]) -> None:
        self._executor_class = value

    @property
    def config_class(self) -> Type["Config"]:
        if self._config_class is None:
            from .config import Config

            return Config
        return self._config_class

    @config_class.setter
    def config_class(self, value: Type["Config"]) -> None:
        self._config_class = value

    # --- flags ------------------------------------------------------------

    def core_args(self) -> List["Argument"]:
        """The core flags, always available before task names."""
        return core_arguments()

    def task_args(self) -> List["Argument"]:
        """Flags for finding and running tasks from files (absent in bundled programs)."""
        return task_loading_arguments()

    @property
    def initial_context(self) -> "ParserContext":
        """The parser context holding the core flags (built once per program)."""
        if self._initial_context is None:
            from .parser import ParserContext

            args = self.core_args()
            if self.namespace is None:
                args += self.task_args()
            self._initial_context = ParserContext(args=args)
        return self._initial_context

    @property
    def args(self) -> Any:
        """The core flags' parsed `Argument` objects, by name (``self.args.debug.value``)."""
        return self.core[0].args

    # --- names ------------------------------------------------------------

    @property
    def called_as(self) -> str:
        """The program's name as typed (basename of ``argv[0]``)."""
        return os.path.basename(self.argv[0]) if self.argv else ""

    @property
    def name(self) -> str:
        """The display name, e.g. for ``--version``."""
        return self._name or self.called_as.capitalize()

    @property
    def binary(self) -> str:
        """The name used in usage lines."""
        return self._binary or self.called_as

    @property
    def binary_names(self) -> List[str]:
        """The command names tab-completion scripts are written for."""
        return list(self._binary_names or [self.called_as])

    # --- the run ----------------------------------------------------------

    def run(self, argv: Optional[Union[List[str], str]] = None, exit: bool = True) -> None:
        """Run the program on ``argv`` (default ``sys.argv``; a string is split on spaces).

        Errors become a message on stderr and an exit code: 1 for parse and
        loading errors, `Exit`'s code, a failed command's own exit code,
        130 for Ctrl-C. With ``exit=False`` the code is not passed to
        `sys.exit` (the message is still printed).
        """
        try:
            self._config_phase(self.create_config)
            self.parse_core(argv)  # type: ignore[arg-type]
            self.parse_collection()
            self.parse_tasks()
            self.parse_cleanup()
            self._config_phase(self.update_config)
            self.execute()
        except (
            UnexpectedExit,
            CommandTimedOut,
            Exit,
            ParseError,
            CollectionNotFound,
            AmbiguousEnvVar,
            UncastableEnvVar,
            SettingError,
        ) as error:
            # The env errors surface when the executor loads the shell
            # environment before each task: still a configuration mistake.
            code = self._report(error)
            if exit:
                sys.exit(code)
            debug("run(exit=False): not exiting with %s", code)
        except KeyboardInterrupt:
            if exit:
                sys.exit(130)
        except BrokenPipeError:
            # stdout closed early (``inv big | head -1``): stop quietly with
            # the status a shell tool killed by SIGPIPE has. A broken pipe of
            # the task's own (a socket) still shows its traceback.
            if not stdout_closed():
                raise
            silence_stdout()
            if exit:
                sys.exit(128 + 13)

    def create_config(self) -> None:
        """Build ``self.config`` from ``config_class`` (system and user files included)."""
        self.config = self.config_class()

    def normalize_argv(self, argv: Optional[Union[List[str], str]]) -> None:
        """Set ``self.argv`` from ``argv``: ``sys.argv`` when None, split when a string."""
        if argv is None:
            argv = sys.argv
            debug("argv was None; using sys.argv: %r", argv)
        elif isinstance(argv, str):
            argv = argv.split()
            debug("argv was string-like; splitting: %r", argv)
        self.argv = list(argv)

    def parse_core(self, argv: Optional[List[str]]) -> None:
        """Parse the core flags; handle ``--debug``, ``--version`` and completion scripts."""
        debug("argv given to Program.run: %r", argv)
        self.normalize_argv(argv)
        self.parse_core_args()
        debug("Finished parsing core args")
        if self.args.debug.value:
            enable_logging()
        if self.args.version.value:
            debug("Saw --version, printing version & exiting")
            self.print_version()
            raise Exit
        shell = self.args["print-completion-script"].value
        if shell:
            from .completion.complete import print_completion_script

            print_completion_script(shell=shell, names=self.binary_names)
            raise Exit

    def parse_core_args(self) -> None:
        """Parse ``argv`` against the core flags only, keeping the rest for the tasks."""
        from .parser import Parser

        parser = Parser(initial=self.initial_context, ignore_unknown=True)
        self.core = parser.parse_argv(self.argv[1:])
        debug("After core-args pass, leftover argv: %r", self.core.unparsed)

    def parse_collection(self) -> None:
        """Load the task collection (unless bundled); reset the listing options to their defaults."""
        if self.namespace is not None:
            debug("Program was given a namespace; not loading tasks from disk")
            from .collection import Collection

            self.collection = self.namespace
            if not isinstance(self.namespace, Collection):
                # A task template instance (or a module) works as in a tasks file's ``ns``.
                self.collection = Collection.from_object(self.namespace)
        elif self.args.help.value is True:
            # Core help needs no tasks: `inv --help` works anywhere, even
            # next to a broken tasks file.
            self.print_help()
            raise Exit
        else:
            self.load_collection()
        self.list_root = None
        self.list_depth = None
        self.list_format = "flat"
        self.scoped_collection = self.collection

    def load_collection(self) -> None:
        """Find and import the tasks module; build ``self.collection`` from it."""
        from .collection import Collection

        runtime_path = self.args.config.value or os.environ.get("INVOKE_RUNTIME_CONFIG")
        if self.args["write-pyc"].value or bytecode_wanted(self.config, runtime_path):
            # As upstream's --write-pyc: bytecode next to the sources, even
            # when PYTHONDONTWRITEBYTECODE asked for none.
            sys.dont_write_bytecode = False
        else:
            keep_bytecode_out_of_the_project()
        start = self.args["search-root"].value
        loader = self.loader_class(config=self.config, start=start)  # type: ignore[call-arg]
        name = self.args.collection.value
        try:
            module, parent = loader.load(name)
        except CollectionNotFound as error:
            raise Exit(f"Can't find any collection named {error.name!r}!")
        except (Exit, ParseError):
            raise
        except Exception as error:  # the tasks file's own import-time failure
            self._loading_failed(error)
        self._config_phase(lambda: self._load_project(parent))
        try:
            self.collection = Collection.from_module(
                module,
                loaded_from=parent,
                auto_dash_names=self.config.tasks.auto_dash_names,
            )
        except (Exit, ParseError):
            raise
        except Exception as error:  # template misuse and the like
            self._loading_failed(error, getattr(module, "__file__", None))

    def _load_project(self, location: str) -> None:
        """Point the config at the tasks module's directory and read project files there."""
        self.config.set_project_location(location)
        self.config.load_project()

    def _make_parser(self, report_definition_errors: bool = True) -> "Parser":
        """The parser for the task part of the command line.

        Only the tasks whose names (or aliases) appear on the command line
        get a parser context: building one means inspecting the task's
        signature, and a tree of thousands of tasks would pay for all of
        them on every ``--list``. `parse_tasks` falls back to every task
        when a parse fails, so error messages can suggest any name.
        A task whose flags cannot be built becomes a one-line `Exit`, or
        with ``report_definition_errors=False`` its ``TypeError`` or
        ``ValueError`` propagates.
        """
        from .parser import Parser

        ignore = self._ignore_unknown_help()
        try:
            contexts = None
            if not self._all_contexts:
                contexts = named_contexts(self.collection, self._words_on_command_line(), ignore)
            if contexts is None:
                self._all_contexts = True
                contexts = self.collection.to_contexts(ignore_unknown_help=ignore)
        except (TypeError, ValueError) as error:
            # A task whose flags cannot be built is a mistake in the tasks
            # file, not in the command line: one line, traceback with -d.
            if not report_definition_errors:
                raise
            self._definition_failed(error, ignore)
        return Parser(initial=self.initial_context, contexts=contexts)

    def _words_on_command_line(self) -> Set[str]:
        """Every word that could name a task: task-part argv, --help's value, completion words."""
        words = set(self.core.unparsed)
        # A flag's joined value may name a task too (``build --help=hello``,
        # ``-hhello``): offer those spellings' values as candidate names.
        for token in self.core.unparsed:
            if token.startswith("--") and "=" in token:
                words.add(token.split("=", 1)[1])
            elif token.startswith("-") and not token.startswith("--") and len(token) > 2:
                words.add(token[2:].lstrip("="))
        help_value = self.args.help.value
        if isinstance(help_value, str):
            words.add(help_value)
        if self.args.complete.value:
            words.update((self.core.remainder or "").split())
        return words

    def _ignore_unknown_help(self) -> Optional[bool]:
        """``tasks.ignore_unknown_help``, including its environment variable."""
        # Env vars are normally merged just before tasks run, too late for
        # the parser; read them now so the setting behaves like a file value.
        try:
            self.config.load_shell_env()
        except Exception as error:  # a bad env value is reported when tasks run
            debug("Could not load env vars early: %r", error)
        try:
            return self.config.tasks.ignore_unknown_help
        except (AttributeError, KeyError):
            return None

    def parse_tasks(self) -> None:
        """Parse the task names and their flags; core flags seen after them are merged in."""
        self._all_contexts = False
        self.parser = self._make_parser()
        debug("Parsing tasks against %r", self.collection)
        try:
            result = self.parser.parse_argv(self.core.unparsed)
        except ParseError as error:
            if self._all_contexts:
                raise
            # Re-parse knowing every task, for the full message and suggestions.
            self._all_contexts = True
            try:
                self.parser = self._make_parser(report_definition_errors=False)
            except (TypeError, ValueError):
                # Some other task's flags cannot be built; the command line
                # mistake is still the one to report.
                raise error from None
            result = self.parser.parse_argv(self.core.unparsed)
        self.core_via_tasks = result.pop(0)
        late = late_core_flag_error(result, self.binary)
        if late is not None:
            raise ParseError(late)
        self._update_core_context(context=self.core[0], new_args=self.core_via_tasks.args)
        late_debug = self.core_via_tasks.args.get("debug")
        if late_debug is not None and late_debug.got_value and late_debug.value:
            enable_logging()  # `inv build -d`: too late for loading, not for running
        self.tasks = result
        debug("Resulting task contexts: %r", self.tasks)

    def _update_core_context(self, context: "ParserContext", new_args: Dict[str, Any]) -> None:
        """Copy into ``context`` the core flags given values after task names."""
        given = {key: arg for key, arg in dict.items(new_args) if arg.got_value}
        context.args.update(given)

    def parse_cleanup(self) -> None:
        """Act on help, listing and completion flags, or on the lack of any task."""
        help_value = self.args.help.value
        # ``--help=`` (an empty name) is plain core help, as upstream has it.
        if help_value is True or help_value == "":
            self.print_help()
            raise Exit
        if isinstance(help_value, str):
            if help_value in self.parser.contexts:
                self.print_task_help(help_value)
                raise Exit
            known = [
                word
                for name, aliases in self.collection.task_names.items()
                for word in [name, *aliases]
            ]
            raise ParseError(unknown_message(help_value, known))
        # Set only now, as upstream does: help printed above (a bundled
        # program's includes its task list) always lists flat and whole.
        self._set_up_listing()
        if self.args.list.value:
            self.list_tasks()
            raise Exit
        if self.args.complete.value:
            from .completion.complete import complete

            complete(
                names=self.binary_names,
                core=self.core,
                initial_context=self.initial_context,
                collection=self.collection,
                parser=self.parser,
            )
        if not self.tasks and not self.collection.default:
            self.no_tasks_given()
        elif not self.tasks:
            self._check_bare_default_task()

    def _check_bare_default_task(self) -> None:
        """Parse the default task's name alone, so missing positionals read as for ``inv NAME``."""
        from .parser import Parser

        name = self.collection.default
        try:
            contexts = named_contexts(self.collection, {name}, self._ignore_unknown_help())
        except (TypeError, ValueError):
            return  # a broken definition is reported when the task is used
        if contexts:
            Parser(initial=self.initial_context, contexts=contexts).parse_argv([name])

    def no_tasks_given(self) -> None:
        """What happens when no task is named and there is no default: core help."""
        debug("No tasks specified for execution and no default task; printing help")
        self.print_help()
        raise Exit

    def update_config(self, merge: bool = True) -> None:
        """Apply the core flags, the runtime config file and env vars to ``self.config``.

        With ``merge=False`` the caller merges later (Fabric edits overrides first).
        """
        self.config.load_overrides(config_overrides(self.args), merge=False)
        runtime_path = self.args.config.value
        if runtime_path is not None and not os.path.isfile(runtime_path):
            raise Exit(f"Config file given with -f/--config not found: {runtime_path}", code=1)
        if runtime_path is None:
            runtime_path = os.environ.get("INVOKE_RUNTIME_CONFIG", None)
        self.config.set_runtime_path(runtime_path)
        self.config.load_runtime(merge=False)
        # Every file is read by now (the project's came with the tasks file):
        # a bad value in one is an error before any task runs.
        check_levels(self.config, FILE_LEVELS)
        if merge:
            self.config.merge()

    def execute(self) -> None:
        """Hand the parsed tasks to the executor (``tasks.executor_class`` may name another)."""
        klass = self.executor_class
        path = self.config.tasks.executor_class
        if path:  # an empty value means the default, like None
            from importlib import import_module

            module_path, _, class_name = path.rpartition(".")
            if not module_path:
                raise Exit(
                    f"Can't import tasks.executor_class {path!r}: "
                    "expected a dotted path such as 'my_module.MyExecutor'",
                    code=1,
                )
            try:
                klass = getattr(import_module(module_path), class_name)
            except (ImportError, AttributeError, ValueError) as error:
                raise Exit(f"Can't import tasks.executor_class {path!r}: {error}", code=1)
        executor = klass(self.collection, self.config, self.core)
        from .executor import _NotATaskError

        try:
            executor.execute(*self.tasks)
        except _NotATaskError as error:
            raise Exit(str(error), code=1)

    # --- output -----------------------------------------------------------

    def print_version(self) -> None:
        """Print ``{name} {version}``."""
        print(f"{self.name} {self.version}")

    def print_help(self) -> None:
        """Print the core help (and, for bundled programs, the task list)."""
        if self.namespace is not None:
            usage = f"{self.binary} [--core-opts] <subcommand> [--subcommand-opts] ..."
        else:
            usage = f"{self.binary} [--core-opts] task1 [--task1-opts] ... taskN [--taskN-opts]"
        sys.stdout.write(
            _listing.core_help(usage, self.initial_context.help_tuples(), self._width())
        )
        if self.namespace is not None:
            self.list_tasks()

    def print_task_help(self, name: str) -> None:
        """Print ``--help`` for the task called (or aliased) ``name``."""
        context = self.parser.contexts[name]
        sys.stdout.write(
            _listing.task_help(
                self.binary, name, self.collection[name], context.help_tuples(), self._width()
            )
        )
