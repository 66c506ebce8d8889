"""Running parsed tasks in order: `Executor`.

The pipeline is a handful of overridable steps (Fabric overrides some):
normalize -> expand pre/post -> dedupe -> per call: configure, make context,
call the task.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, NoReturn, Optional, Tuple, Union

from ._config.check import TASK_LEVELS, check_levels
from .util import debug

if TYPE_CHECKING:
    from .collection import Collection
    from .config import Config
    from .parser import ParserContext, ParseResult
    from .runners import Result
    from .tasks import Call, Task

__all__ = ["Executor"]

TaskSpec = Union[str, Tuple[str, Dict[str, Any]], "ParserContext"]

# make_context signatures already inspected: class -> accepts core_parse_result?
_MAKE_CONTEXT_TAKES_CORE: Dict[type, bool] = {}


def __getattr__(name: str) -> Any:
    # Upstream re-exports these here; resolve them lazily to keep start-up light.
    if name in ("Call", "Task"):
        from . import tasks

        return getattr(tasks, name)
    if name == "Config":
        from .config import Config

        return Config
    if name in ("ParserContext", "ParseResult"):
        from . import parser

        return getattr(parser, name)
    raise AttributeError(f"module 'invoke.executor' has no attribute {name!r}")


class Executor:
    """Run tasks of ``collection`` with ``config``, honouring pre/post tasks and dedupe.

    ``core`` is the `ParseResult` of the core (program-level) flags, handed
    to each call's ``make_context`` when it accepts it (empty by default).
    """

    def __init__(
        self,
        collection: "Collection",
        config: Optional["Config"] = None,
        core: Optional["ParseResult"] = None,
    ) -> None:
        if config is None:
            from .config import Config

            config = Config()
        if core is None:
            from .parser import ParseResult

            core = ParseResult()
        self.collection = collection
        self.config = config
        self.core = core

    def execute(self, *tasks: TaskSpec) -> Dict["Task", "Result"]:
        """Run ``tasks`` (names, ``(name, kwargs)`` pairs or parser contexts).

        With no tasks, the collection's default task runs. Returns each
        task's return value keyed by the `Task` (the last run wins when a
        task runs more than once).
        """
        calls = self.normalize(tasks)
        direct = list(calls)
        # What this run has run so far (``run_task`` inside a task adds to it).
        self.__dict__["_done"] = []
        self.__dict__["_nested"] = []
        expanded = self.expand_calls(calls)
        jobs = self._jobs()
        if jobs > 1 and len(self.dedupe(expanded) if self.config.tasks.dedupe else expanded) > 1:
            # (One task alone runs in this thread as usual: nothing to overlap.)
            return self._execute_in_parallel(direct, jobs)
        if self.config.tasks.dedupe:
            deduped = self.dedupe(expanded)
        else:
            debug("Dedupe disabled; running every call")
            deduped = expanded
        printable = _autoprint_targets(direct, expanded, deduped)
        results: Dict["Task", Any] = {}
        for call in deduped:
            autoprint = any(call is target for target in printable) and getattr(
                call, "autoprint", False
            )
            if self.config.tasks.dedupe and call in self.__dict__.get("_nested", ()):
                debug("%r already ran (through run_task); skipping", call)
                continue
            debug("Executing %r", call)
            result = self._run_call(call)
            if autoprint:
                print(result)
            results[call.task] = result
        return results

    def run_task(self, task: Union[str, "Task"], *args: Any, **kwargs: Any) -> Any:
        """Run one task the way ``inv`` does, with its pre and post tasks; return its result.

        ``task`` is a name in this executor's collection (``"web.start"``)
        or a `Task`; ``args``/``kwargs`` are its arguments. With dedupe on,
        pre/post tasks (and the task) that this executor already ran are
        not run again. The task's own exception propagates. Inside a task,
        use ``c.run_task(...)``, which reaches the executor running it.
        """
        from .tasks import Call

        if isinstance(task, str):
            call = Call(self.collection[task], args=args, kwargs=kwargs, called_as=task)
        else:
            call = Call(task, args=args, kwargs=kwargs, called_as=self._name_of_task(task))
        dedupe = self.config.tasks.dedupe
        if self.__dict__.get("_record") is not None:
            return self._run_task_in_parallel_run(call, bool(dedupe))
        result: Any = None
        for each in self.expand_calls([call]):
            if dedupe and each is not call and each in self._done_calls():
                debug("%r already ran; skipping", each)
                continue
            value = self._run_call(each)
            self.__dict__.setdefault("_nested", []).append(each)
            if each is call:
                result = value
        return result

    def _run_task_in_parallel_run(self, call: "Call", dedupe: bool) -> Any:
        """``run_task`` from a task of a ``-j`` run: dedupe against the whole run, contexts of its own.

        What the graph or another ``run_task`` already ran (or is running:
        it waits for it) is skipped; the config is read and copied under
        the run's lock, since other tasks' threads use it too.
        """
        from ._jobs.run import own_context_config

        record = self.__dict__["_record"]
        result: Any = None
        for each in self.expand_calls([call]):
            if each is call:
                record.start(each)
            elif dedupe and not record.claim(each):
                debug("%r already ran in this run; skipping", each)
                continue
            with self._config_lock():
                self._load_call_config(each)
                context = self._make_context(each, own_context_config(self.config))
            try:
                value = each.task(context, *(getattr(each, "args", ()) or ()), **(getattr(each, "kwargs", {}) or {}))
            except BaseException as error:
                record.finish(each, error)
                raise
            record.finish(each)
            if each is call:
                result = value
        return result

    def run_tasks(self, *tasks: Any, config: Any = None) -> List[Any]:
        """Run several tasks as ``inv -j`` would; return their results in the order given.

        Each of ``tasks`` is a name, a `Task` or a `Call` (``call(task,
        **kwargs)`` for arguments). With ``tasks.jobs`` above 1 they run at
        the same time, with their pre/post tasks ordered as on the command
        line, each with its own copy of ``config`` (default: this run's);
        otherwise one after another, like `run_task`. What already ran in
        this run is not run again (with dedupe on). The first failure's own
        exception propagates after the others have stopped.
        """
        calls = [self._call_for(task) for task in tasks]
        config = self.config if config is None else config
        jobs = config.tasks.get("jobs", 1)
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs <= 1 or len(calls) < 2:
            return [self.run_task(call.task, *call.args, **call.kwargs) for call in calls]
        from ._jobs.run import own_context_config

        done = self._done_calls()

        def context_for(call: "Call") -> Any:
            return self._make_context(call, own_context_config(config))

        results = self._parallel(calls, jobs, config, context_for, skip=lambda call: call in done)
        for call in calls:
            self.__dict__.setdefault("_nested", []).append(call)
        return [results.get(call.task) for call in calls]

    def _call_for(self, task: Any) -> "Call":
        from .tasks import Call

        if isinstance(task, str):
            return Call(self.collection[task], called_as=task)
        if isinstance(task, Call):
            return task
        # Named as in the collection (``web.ready``), for its config and its output.
        return Call(task, called_as=self._name_of_task(task))

    def _name_of_task(self, task: Any) -> Optional[str]:
        names = self.__dict__.get("_task_names")
        if names is None:
            names = {}
            for name in self.collection.task_names:
                try:
                    names.setdefault(self.collection[name], name)
                except (KeyError, TypeError, ValueError):
                    continue
            self.__dict__["_task_names"] = names
        try:
            return names.get(task)  # type: ignore[no-any-return]
        except TypeError:
            return None

    def _done_calls(self) -> List["Call"]:
        done = self.__dict__.get("_done")
        if done is None:
            done = self.__dict__.setdefault("_done", [])
        return done

    def _run_call(self, call: "Call") -> Any:
        """Run one call in this thread: its config, its context, its body; record that it ran."""
        self._load_call_config(call)
        context = self._make_context(call)
        result = call.task(context, *(getattr(call, "args", ()) or ()), **(getattr(call, "kwargs", {}) or {}))
        self._done_calls().append(call)
        return result

    def _load_call_config(self, call: "Call") -> None:
        """Bring the config up to date for ``call``: its collection's settings, env vars, checks."""
        self.config.load_collection(self.collection.configuration(call.called_as))
        self.config.load_shell_env()
        # The levels only known now (this call's collection, env vars).
        check_levels(self.config, TASK_LEVELS)

    def _jobs(self) -> int:
        """How many tasks may run at once (``-j``/``tasks.jobs``), 1 when unsure."""
        tasks = self.config.get("tasks", None)
        jobs = tasks.get("jobs", 1) if tasks is not None and hasattr(tasks, "get") else 1
        if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs <= 1:
            return 1
        if type(self).expand_calls is not Executor.expand_calls:
            # Fabric clones calls per host in its own expand_calls; the
            # graph cannot see those, so say so rather than ignore -j.
            import sys

            print(
                f"-j {jobs}: {type(self).__name__} expands calls itself; running them one at a time",
                file=sys.stderr,
            )
            return 1
        return jobs

    def _execute_in_parallel(self, calls: List["Call"], jobs: int) -> Dict["Task", Any]:
        from ._jobs.run import own_context_config

        def context_for(call: "Call") -> Any:
            with self._config_lock():
                self._load_call_config(call)
                return self._make_context(call, own_context_config(self.config))

        return self._parallel(calls, jobs, self.config, context_for)

    def _config_lock(self) -> Any:
        """The lock under which a parallel run's threads read and copy the shared config."""
        import threading

        lock = self.__dict__.get("_config_mutex")
        if lock is None:
            lock = self.__dict__.setdefault("_config_mutex", threading.RLock())
        return lock

    def _parallel(
        self, calls: List["Call"], jobs: int, config: Any, context_for: Any, skip: Any = None
    ) -> Dict["Task", Any]:
        from ._jobs.record import RunRecord
        from ._jobs.run import Hooks, execute_in_parallel

        def on_cycle(names: List[str]) -> None:
            raise _CycleError("Cycle in pre/post tasks: " + ", ".join(names) + " wait for each other")

        hooks = Hooks(
            pre_of=lambda call: _as_calls(call.pre, call, "pre"),
            post_of=lambda call: _as_calls(call.post, call, "post"),
            # Pre/post calls carry no name; find theirs (``hello.prepare``) in the collection.
            name_of=lambda call: getattr(call, "called_as", None) or self._name_of_task(call.task) or _call_name(call),
            context_for=context_for,
            on_cycle=on_cycle,
            on_done=self._done_calls().append,
            skip=skip,
        )
        # ``run_task`` inside the run's tasks dedupes against the graph through
        # this record (a nested ``run_tasks`` shares its caller's).
        outer = self.__dict__.get("_record")
        record = outer if outer is not None else RunRecord()
        self.__dict__["_record"] = record
        try:
            return execute_in_parallel(calls, config, jobs, hooks, record)
        finally:
            self.__dict__["_record"] = outer

    def _make_context(self, call: "Call", config: Any = None) -> Any:
        """Build the call's context, passing the core parse result only where accepted.

        Fabric 3.2.3's ``ConnectionCall.make_context(self, config)`` has no
        ``core_parse_result`` parameter; upstream 3.0.3 passes it anyway.
        """
        klass = type(call)
        takes_core = _MAKE_CONTEXT_TAKES_CORE.get(klass)
        if takes_core is None:
            takes_core = _accepts_keyword(call.make_context, "core_parse_result")
            _MAKE_CONTEXT_TAKES_CORE[klass] = takes_core
        if config is None:
            config = self.config
        if takes_core:
            context = call.make_context(config, core_parse_result=self.core)
        else:
            context = call.make_context(config)
        # So ``c.run_task(...)`` inside the task reaches this run.
        try:
            object.__setattr__(context, "_executor", self)
        except (AttributeError, TypeError):
            pass
        return context

    def normalize(self, tasks: Tuple[TaskSpec, ...]) -> List["Call"]:
        """Turn task names, ``(name, kwargs)`` pairs and parser contexts into `Call` objects.

        An empty ``tasks`` means the collection's default task, when it has one.
        """
        from .tasks import Call

        calls: List[Call] = []
        for spec in tasks:
            if isinstance(spec, str):
                name, kwargs = spec, {}
            elif isinstance(spec, tuple):
                name, kwargs = spec[0], dict(spec[1])
            else:
                name, kwargs = str(spec.name), spec.as_kwargs
            calls.append(Call(self.collection[name], kwargs=kwargs, called_as=name))
        if not tasks and self.collection.default is not None:
            default = self.collection.default
            calls = [Call(self.collection[default], called_as=default)]
        return calls

    def dedupe(self, calls: List["Call"]) -> List["Call"]:
        """Drop calls equal to one already kept, keeping first occurrences in order."""
        kept: List["Call"] = []
        for call in calls:
            if call in kept:
                debug("%r already ran; skipping", call)
                continue
            kept.append(call)
        return kept

    def expand_calls(self, calls: List["Call"]) -> List["Call"]:
        """Surround each call with its pre- and post-tasks, recursively.

        A task that reaches itself through pre/post is a `_CycleError`.
        """
        return expand_call_tree(calls)


def expand_call_tree(calls: List["Call"], _path: Optional[List["Call"]] = None) -> List["Call"]:
    """``calls`` with their pre/post tasks around them, or `_CycleError` on a cycle.

    One place for the expansion, so that any scheduler (serial or parallel)
    reports a pre/post cycle the same way before anything runs.
    """
    path = _path if _path is not None else []
    expanded: List["Call"] = []
    for call in calls:
        for index, seen in enumerate(path):
            if seen.task is call.task or seen.task == call.task:
                _cycle(path[index:] + [call])
        path.append(call)
        expanded.extend(expand_call_tree(_as_calls(call.pre, call, "pre"), path))
        expanded.append(call)
        expanded.extend(expand_call_tree(_as_calls(call.post, call, "post"), path))
        path.pop()
    return expanded


def _call_name(call: "Call") -> str:
    return str(getattr(call, "called_as", None) or getattr(call.task, "name", None) or call.task)


def _cycle(chain: List["Call"]) -> NoReturn:
    """Raise the `_CycleError` naming the tasks of ``chain`` (first and last are one task)."""
    message = "Cycle in pre/post tasks: " + " -> ".join(_call_name(call) for call in chain)
    if len(chain) == 2:
        name = _call_name(chain[0]).split(".")[-1]
        message += (
            f" (a task lists itself; in a template subclass, a pre/post entry naming the base"
            f" class's {name!r} binds to the override itself: call super().{name}(c) in the"
            " override instead)"
        )
    raise _CycleError(message)


class _NotATaskError(TypeError):
    """A pre/post list holds something that is not a task (a task's name, say).

    `Program` reports it on one line: the mistake is in the tasks file, and
    the traceback would only show Invoke's own frames.
    """


class _CycleError(_NotATaskError):
    """Pre/post tasks that lead back to a task already being expanded."""


def _as_calls(items: Any, owner: "Call", kind: str) -> List["Call"]:
    """Wrap bare tasks from ``owner``'s ``kind`` (pre/post) list in `Call`s; leave `Call`s alone."""
    from .tasks import Call, Task

    calls: List["Call"] = []
    for item in items or ():
        if isinstance(item, Call):
            calls.append(item)
        elif isinstance(item, Task):
            calls.append(Call(item))
        else:
            _not_a_task(item, owner, kind)
    return calls


def _not_a_task(item: Any, owner: "Call", kind: str) -> NoReturn:
    """Raise the `_NotATaskError` for ``item`` found in ``owner``'s ``kind`` list."""
    name = getattr(owner, "called_as", None) or getattr(owner.task, "name", None)
    if isinstance(item, str):
        fix = f"list the task itself ({kind}=[{item}]), not its name"
    else:
        fix = "decorate it with @task or wrap it in call()"
    raise _NotATaskError(
        f"Task {name!r} lists {item!r} (a {type(item).__name__}) in its {kind}-tasks, "
        f"but pre/post entries must be tasks or calls; {fix}"
    )


def _autoprint_targets(
    direct: List["Call"], expanded: List["Call"], deduped: List["Call"]
) -> List["Call"]:
    """The calls whose results are printed: those standing for a task named on the command line.

    A pre- or post-task run is not one of them, even when it runs the same
    task (upstream prints those too). When dedupe dropped a named call in
    favour of an equal earlier one, that earlier call stands in for it. A
    subclass whose ``expand_calls`` rebuilds the calls (Fabric clones them
    per host) breaks identity; equality is the fallback then.
    """
    named = [call for call in expanded if any(call is d for d in direct)]
    if not named:
        return [call for call in deduped if call in direct]
    targets: List["Call"] = []
    for call in named:
        if any(call is kept for kept in deduped):
            targets.append(call)
            continue
        for kept in deduped:
            if kept == call:
                targets.append(kept)
                break
    return targets


def _accepts_keyword(method: Any, keyword: str) -> bool:
    """True when ``method`` can be called with ``keyword=...``.

    Reads the function's code object (cheap, and no `inspect` import);
    anything without one is assumed to accept it, as upstream assumes.
    """
    function = getattr(method, "__func__", method)
    code = getattr(function, "__code__", None)
    if code is None:
        return True
    if code.co_flags & _CO_VARKEYWORDS:
        return True
    named = code.co_varnames[code.co_posonlyargcount : code.co_argcount + code.co_kwonlyargcount]
    return keyword in named


# The code-object flag for a ``**kwargs`` parameter.
_CO_VARKEYWORDS = 0x08
