"""``--list`` and help-column output: the listing part of `Program`.

A mixin so that `invoke.program` stays a list of phases. The method names
and the ``list_*`` attributes are upstream's (subclasses call and
override them); the text itself comes from `invoke._cli.render`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Tuple

from . import render as _listing
from ..exceptions import Exit

if TYPE_CHECKING:
    from ..collection import Collection


class TaskListing:
    """The part of `Program` that prints ``--list`` and aligned help columns.

    It relies on the program's ``args``, ``collection`` and ``namespace``,
    and owns the ``list_root``, ``list_depth``, ``list_format`` and
    ``scoped_collection`` attributes (set in `Program.__init__`).
    """

    args: Any
    collection: Any
    namespace: Any
    list_root: Optional[str]
    list_depth: Optional[int]
    list_format: str
    scoped_collection: Any

    def _set_up_listing(self) -> None:
        """Record the ``--list`` options given: ``list_root``, ``list_depth``, ``list_format``."""
        value = self.args.list.value
        self.list_root = value if isinstance(value, str) and value else None
        self.list_depth = self.args["list-depth"].value
        self.list_format = self.args["list-format"].value or "flat"
        self.scoped_collection = self._scoped(self.list_root)

    def list_tasks(self) -> None:
        """Print ``--list`` in the recorded format, for the recorded namespace."""
        if self.list_format not in _listing.LIST_FORMATS:
            raise Exit(
                f"Invalid --list-format {self.list_format!r}; "
                f"choose one of: {', '.join(_listing.LIST_FORMATS)}.",
                code=1,
            )
        if self.list_depth and self.list_format == "json":
            raise Exit("The --list-depth option is not supported with JSON format!")
        if not _listing.has_tasks(self.scoped_collection):
            raise Exit(f"No tasks found in collection '{self.scoped_collection.name}'!")
        getattr(self, f"list_{self.list_format}")()

    def _scoped(self, root: Optional[str]) -> "Collection":
        """The sub-collection at dotted path ``root`` (the whole collection for None)."""
        coll = self.collection
        if root is None:
            return coll
        for part in root.split("."):
            if part not in coll.collections:
                raise Exit(_namespace_not_found(root, self.collection))
            coll = coll.collections[part]
        return coll

    def _listing(self) -> _listing.Listing:
        return _listing.Listing(
            self.scoped_collection,
            format=self.list_format,
            depth=self.list_depth or 0,
            root=self.list_root,
            opener="Subcommands" if self.namespace is not None else None,
        )

    def list_flat(self) -> None:
        """Print the task list as one dotted name per row."""
        sys.stdout.write(self._listing().render(self._width()))

    def list_nested(self) -> None:
        """Print the task list as an indented tree (defaults marked ``*``)."""
        sys.stdout.write(self._listing().render(self._width()))

    def list_json(self) -> None:
        """Print the task list as JSON (what ``Collection.serialized`` gives)."""
        import json

        print(json.dumps(self.scoped_collection.serialized()))

    def _make_pairs(
        self, coll: "Collection", ancestors: Optional[List[str]] = None
    ) -> List[Tuple[str, Optional[str]]]:
        """The (name column, help) rows ``--list`` prints for ``coll``."""
        listing = self._listing()
        listing.collection = coll
        return listing._rows(coll, list(ancestors or []))

    def task_list_opener(self, extra: str = "") -> str:
        """The heading above a task list, e.g. ``Available tasks (depth=1)``."""
        return self._listing().header(extra)[:-1]

    def display_with_columns(self, pairs: Sequence[Tuple[str, Optional[str]]], extra: str = "") -> None:
        """Print a heading, ``pairs`` in columns, and the default-task footer."""
        listing = self._listing()
        sys.stdout.write(listing.header(extra) + "\n\n")
        self.print_columns(pairs)
        sys.stdout.write(listing.footer())

    def print_columns(self, tuples: Sequence[Tuple[str, Optional[str]]]) -> None:
        """Print (name, help) rows as aligned columns, help wrapped to the terminal."""
        sys.stdout.write(_listing.columns(tuples, self._width()))

    def _width(self) -> int:
        return _listing.terminal_width()


def _namespace_not_found(root: str, collection: "Collection") -> str:
    """``Sub-collection 'x' not found!``, plus ``Did you mean`` when a namespace is close."""
    import difflib

    message = f"Sub-collection '{root}' not found!"
    close = difflib.get_close_matches(root, _namespace_paths(collection), n=1)
    if close:
        message += f"\nDid you mean {close[0]!r}?"
    return message


def _namespace_paths(collection: "Collection", prefix: str = "") -> List[str]:
    """Every dotted sub-collection path below ``collection``."""
    paths: List[str] = []
    for name, sub in collection.collections.items():
        path = prefix + name
        paths.append(path)
        paths.extend(_namespace_paths(sub, path + "."))
    return paths
