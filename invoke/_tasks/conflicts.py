"""The "Name conflict" errors of `Collection`, naming template classes where one is involved.

The likeliest template mistake is two instances with one name
(``Collection(Service("web"), Worker("web"))``): the error then names the
classes, the name, and how to give one of them another name. Conflicts
between plain tasks and collections keep their short upstream-style text.
"""

from __future__ import annotations

from typing import Any, Optional

__all__ = ["subcollection_clash", "task_clash", "task_over_subcollection", "alias_clash"]

_RENAME = (
    "give the instance another name: a different collection_name, "
    "add_collection(instance, name=...) or Collection(other_name=instance)"
)


def _template(coll: Any) -> Optional[str]:
    """The class name of the template instance ``coll`` was built from, if any."""
    label = getattr(coll, "_template_class", None)
    return label if isinstance(label, str) else None


def subcollection_clash(key: str, new: Any, existing: Any) -> ValueError:
    """Adding collection ``new`` under ``key``, where ``existing`` already is."""
    new_class, old_class = _template(new), _template(existing)
    if new_class is not None and old_class is not None:
        classes = f"both {new_class}" if new_class == old_class else f"{old_class} and {new_class}"
        return ValueError(
            f"Name conflict: two template instances are named {key!r} in this collection ({classes}); "
            "give each its own name: a different collection_name, "
            "add_collection(instance, name=...) or Collection(other_name=instance)"
        )
    if new_class is not None or old_class is not None:
        label = new_class if new_class is not None else old_class
        return ValueError(
            f"Name conflict: the {label} instance {key!r} has the same name as another "
            f"sub-collection in this collection; {_RENAME}"
        )
    return ValueError(f"Name conflict: this collection has a sub-collection named {key!r} already")


def task_clash(key: str, collection: Any) -> ValueError:
    """A task and sub-collection ``collection`` would both be called ``key``."""
    label = _template(collection)
    if label is None:
        return ValueError(f"Name conflict: this collection has a task named {key!r} already")
    return ValueError(
        f"Name conflict: the {label} instance {key!r} has the same name as a task in this collection; "
        f"{_RENAME}, or rename the task"
    )


def task_over_subcollection(key: str, collection: Any) -> ValueError:
    """Adding a task called ``key`` where sub-collection ``collection`` already is."""
    label = _template(collection)
    if label is None:
        return ValueError(f"Name conflict: this collection has a sub-collection named {key!r} already")
    return ValueError(
        f"Name conflict: task {key!r} has the same name as the {label} instance {key!r} in this collection; "
        f"rename the task (add_task(task, name=...)) or {_RENAME}"
    )


def alias_clash(alias: str, key: str, collection: Any) -> ValueError:
    """Alias ``alias`` of task ``key`` is the name of sub-collection ``collection``."""
    label = _template(collection)
    if label is None:
        return ValueError(f"Name conflict: alias {alias!r} of task {key!r} is a sub-collection name here")
    return ValueError(
        f"Name conflict: alias {alias!r} of task {key!r} is the name of the {label} instance {alias!r} here; "
        f"change the alias or {_RENAME}"
    )
