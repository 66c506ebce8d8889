"""Where an instance keeps its bound tasks and the task copies made for it.

One attribute per instance (`CACHE_KEY`), holding an `InstanceTasks`
dict, so that one instance always gives the same bound task for one method
task, and the module keeps no state of its own.
"""

from __future__ import annotations

from typing import Any, Dict, Hashable, Optional

__all__ = ["CACHE_KEY", "InstanceTasks", "cache_for"]

#: The instance attribute holding the cache (skipped by discovery).
CACHE_KEY = "_invoke_bound_tasks"


class InstanceTasks(Dict[Hashable, Any]):
    """An instance's bound tasks and override copies: a cache, not state, so it never makes instances differ.

    Keys: ``id(method task)`` -> its bound task; ``("mro", id(method task))``
    -> (method task, its copy inheriting along the instance's MRO);
    ``("plain", name)`` -> the method task made for a plain method
    overriding a task. It compares equal to any other cache
    (``vars(a) == vars(b)`` idioms keep working) and pickles and copies as
    an empty cache (bound methods inside cannot be pickled, and a copy must
    bind to itself).
    """

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InstanceTasks)

    def __ne__(self, other: object) -> bool:
        return not isinstance(other, InstanceTasks)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> Any:
        return (InstanceTasks, ())

    def __copy__(self) -> "InstanceTasks":
        return InstanceTasks()

    def __deepcopy__(self, memo: Dict[int, Any]) -> "InstanceTasks":
        return InstanceTasks()


def cache_for(instance: Any) -> Optional[Dict[Hashable, Any]]:
    """The task cache of ``instance``, created on first use; None when it cannot hold one."""
    try:
        namespace = vars(instance)
    except TypeError:
        return None  # __slots__ without __dict__: bind afresh each time
    if isinstance(instance, type):
        return None  # class-level binding (classmethod tasks): not cached
    cache = namespace.get(CACHE_KEY)
    if not isinstance(cache, InstanceTasks):
        cache = InstanceTasks()
        namespace[CACHE_KEY] = cache
    return cache
