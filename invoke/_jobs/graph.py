"""The call graph of one run: which calls must finish before which may start.

Built from the calls named on the command line and their pre/post tasks,
the same ones serial execution expands (and, like it, only after the
executor's cycle check has passed). A call's pre tasks come before it; its
post tasks after it. With dedupe, equal calls are one node, so a task
several others need runs once and all of them wait for it, and a post task
shared by several tasks runs after the last of them. Without dedupe every
occurrence is a node of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Set

if TYPE_CHECKING:
    from ..tasks import Call


class Node:
    """One call to run, with the nodes it waits for."""

    __slots__ = ("index", "call", "name", "needs", "needed_by")

    def __init__(self, index: int, call: "Call", name: str) -> None:
        self.index = index
        self.call = call
        self.name = name
        self.needs: Set["Node"] = set()
        self.needed_by: Set["Node"] = set()

    def __repr__(self) -> str:
        return f"<Node {self.name}>"


class CallGraph:
    """The nodes of a run, in the order serial execution would run them."""

    def __init__(self) -> None:
        self.nodes: List[Node] = []
        self._by_call: Dict[Any, Node] = {}
        self._unhashable: List[Node] = []

    def node_for(self, call: "Call", name: str, dedupe: bool) -> Node:
        """The node standing for ``call``: an equal call's when deduplicating."""
        if dedupe:
            found = self._find(call)
            if found is not None:
                return found
        node = Node(len(self.nodes), call, name)
        self.nodes.append(node)
        if dedupe:
            try:
                self._by_call.setdefault(call, node)
            except TypeError:  # a Call subclass without a hash
                self._unhashable.append(node)
        return node

    def _find(self, call: "Call") -> Optional[Node]:
        try:
            found = self._by_call.get(call)
        except TypeError:
            found = None
        if found is not None:
            return found
        for node in self._unhashable:
            if node.call == call:
                return node
        return None

    @staticmethod
    def link(before: Node, after: Node) -> None:
        if before is not after:
            after.needs.add(before)
            before.needed_by.add(after)


def build_graph(
    calls: List["Call"],
    dedupe: bool,
    pre_of: Callable[["Call"], List["Call"]],
    post_of: Callable[["Call"], List["Call"]],
    name_of: Callable[["Call"], str],
) -> CallGraph:
    """The graph of ``calls`` (as named) with their pre/post tasks, recursively.

    ``pre_of``/``post_of`` turn a call's pre/post lists into calls (the
    executor's own helper, so both modes read those lists one way).
    """
    graph = CallGraph()

    def visit(call: "Call") -> Node:
        before = [visit(pre) for pre in pre_of(call)]
        node = graph.node_for(call, name_of(call), dedupe)
        for pre in before:
            graph.link(pre, node)
        for post in post_of(call):
            graph.link(node, visit(post))
        return node

    for call in calls:
        visit(call)
    return graph


def cycle_in(graph: CallGraph) -> Optional[List[str]]:
    """Names of nodes caught in a cycle, or None.

    Serial expansion already rejects a task that reaches itself; a cycle
    can still appear here when dedupe merges equal calls from different
    parts of the run (``p`` posts ``q``, ``r`` needs ``q`` first and posts ``p``).
    """
    waiting = {node: len(node.needs) for node in graph.nodes}
    ready = [node for node, count in waiting.items() if count == 0]
    seen = 0
    while ready:
        node = ready.pop()
        seen += 1
        for after in node.needed_by:
            waiting[after] -= 1
            if waiting[after] == 0:
                ready.append(after)
    if seen == len(graph.nodes):
        return None
    return sorted(node.name for node, count in waiting.items() if count > 0)
