"""The executor's parallel path: from named calls to a finished graph.

`Executor.execute` hands over here when ``tasks.jobs`` is above 1. What
belongs to the executor (turning pre/post lists into calls, loading each
call's config, making its context) comes in as callables, so this layer
never imports the executor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional

from .graph import Node, build_graph, cycle_in
from .output import Display
from .record import RunRecord
from .scheduler import OK, run_graph

if TYPE_CHECKING:
    from ..config import Config
    from ..tasks import Call, Task


class Hooks:
    """What the executor lends the parallel run."""

    def __init__(
        self,
        pre_of: Callable[["Call"], List["Call"]],
        post_of: Callable[["Call"], List["Call"]],
        name_of: Callable[["Call"], str],
        context_for: Callable[["Call"], Any],
        on_cycle: Callable[[List[str]], None],
        on_done: Optional[Callable[["Call"], None]] = None,
        skip: Optional[Callable[["Call"], bool]] = None,
    ) -> None:
        self.pre_of = pre_of
        self.post_of = post_of
        self.name_of = name_of
        self.context_for = context_for
        self.on_cycle = on_cycle
        self.on_done = on_done
        self.skip = skip


def execute_in_parallel(
    calls: List["Call"], config: "Config", jobs: int, hooks: Hooks, record: Optional[RunRecord] = None
) -> Dict["Task", Any]:
    """Run ``calls`` (as named on the command line) and their pre/post tasks, ``jobs`` at once.

    Returns each task's result like serial execution; raises the first
    failure's own exception after the summary, so the program reports it
    (and exits with its code) exactly as it would in serial mode. With
    dedupe, a node whose call ``record`` shows already ran (through
    ``run_task`` inside another task) is not run again.
    """
    tasks_config = config.tasks
    dedupe = bool(tasks_config.dedupe)
    if not dedupe:
        record = None
    graph = build_graph(calls, dedupe, hooks.pre_of, hooks.post_of, hooks.name_of)
    cycle = cycle_in(graph)
    if cycle is not None:
        hooks.on_cycle(cycle)
    named = [node for node in graph.nodes if any(node.call is call or node.call == call for call in calls)]

    def prepare(node: Node) -> Callable[[], Any]:
        call = node.call
        if hooks.skip is not None and hooks.skip(call):
            return lambda: None  # ran earlier in this run (dedupe)
        context = hooks.context_for(call)
        autoprint = node in named and getattr(call, "autoprint", False)
        args = getattr(call, "args", ()) or ()
        kwargs = getattr(call, "kwargs", {}) or {}

        def body() -> Any:
            if record is not None and not record.claim(call):
                return None  # another task's run_task ran it already (or was running it: waited)
            try:
                result = call.task(context, *args, **kwargs)
            except BaseException as error:
                if record is not None:
                    record.finish(call, error)
                raise
            if record is not None:
                record.finish(call)
            if hooks.on_done is not None:
                hooks.on_done(call)
            if autoprint:
                print(result)
            return result

        return body

    display = Display(str(tasks_config.get("output_mode", "prefixed")))
    with display:
        outcomes, failure = run_graph(
            graph, jobs, prepare, bool(tasks_config.get("keep_going", False)), display, display.err
        )
    if failure is not None:
        raise failure
    return {node.call.task: outcome.result for node, outcome in outcomes.items() if outcome.status == OK}


def own_context_config(config: "Config") -> "Config":
    """A copy of the run's config for one task: its own settings, and no stdin.

    Tasks running at the same time cannot share the terminal's input, so
    each reads from an empty stream instead (a command reading stdin sees
    end of file at once) unless the config names a stream of its own.
    """
    import io

    copy = config.clone()
    if copy.run.get("in_stream") is None:
        copy.run.in_stream = io.StringIO()
    return copy
