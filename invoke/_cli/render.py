"""Pure text rendering for ``--list``, ``--help`` and help columns.

Nothing here parses or runs anything: callers hand in a collection or
``(name, help)`` rows and get back the exact text Invoke prints.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Tuple

from ..util import has_fileno, helpline, isatty

if TYPE_CHECKING:
    from ..collection import Collection

Row = Tuple[str, Optional[str]]

LIST_FORMATS = ("flat", "nested", "json")
LEADING_INDENT = "  "
NESTED_INDENT = "    "
COLUMN_PADDING = 3
# What upstream assumes when stdout is not a terminal.
DEFAULT_WIDTH = 80
# The help column's width when the names fill the whole terminal.
MIN_HELP_WIDTH = 20


def terminal_width() -> int:
    """Columns of the terminal on stdout (80 when stdout is not a terminal).

    Only stdout counts: text piped or redirected elsewhere is 80 wide even
    when stderr is a terminal. A terminal reporting columns but no rows
    still gives its columns.
    """
    stream = sys.stdout
    try:
        if not (has_fileno(stream) and isatty(stream)):
            return DEFAULT_WIDTH
        width = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):  # a closed or odd stream must not break --help
        return DEFAULT_WIDTH
    return width if width > 0 else DEFAULT_WIDTH


def columns(rows: Sequence[Row], width: Optional[int] = None) -> str:
    """Two aligned columns: names, then help wrapped to the terminal, then a blank line."""
    import textwrap

    if width is None:
        width = terminal_width()
    name_width = max((len(name) for name, _ in rows), default=0)
    help_width = width - name_width - len(LEADING_INDENT) - COLUMN_PADDING - 1
    # When the names leave no room at all (upstream crashes), running past
    # the edge of the terminal beats one letter a line.
    limit = help_width if help_width > 0 else MIN_HELP_WIDTH
    wrapper = textwrap.TextWrapper(width=limit)
    out: List[str] = []
    for name, text in rows:
        chunks = _wrap(wrapper, text, limit)
        spec = LEADING_INDENT + name.ljust(name_width) + " " * COLUMN_PADDING
        if not chunks:
            out.append(spec.rstrip())
            continue
        out.append(spec + chunks[0])
        out.extend(" " * len(spec) + chunk for chunk in chunks[1:])
    out.append("")
    return "\n".join(out) + "\n"


def _wrap(wrapper: Any, text: Optional[str], limit: int) -> List[str]:
    """``wrapper.wrap(text)``, skipping textwrap for the common short one-liner."""
    if not text:
        return []
    if len(text) <= limit and text.isprintable() and not text.endswith(" ") and "  " not in text:
        return [text]
    return wrapper.wrap(text)


def docstring_lines(obj: Any) -> List[str]:
    """``obj``'s docstring cleaned of its indentation, as lines ([] when it has none)."""
    import inspect

    doc = getattr(obj, "__doc__", None)
    if not doc or not isinstance(doc, str):
        return []
    return inspect.cleandoc(doc).splitlines()


def task_help(binary: str, name: str, task: Any, rows: Sequence[Row], width: Optional[int] = None) -> str:
    """The ``--help TASK`` page: usage line, docstring, options."""
    options = "[--options] " if rows else ""
    out = [f"Usage: {binary} [--core-opts] {name} {options}[other tasks here ...]", "", "Docstring:"]
    lines = docstring_lines(task)
    if lines:
        out.extend(LEADING_INDENT + line if line.strip() else "" for line in lines)
    else:
        out.append(LEADING_INDENT + "none")
    out.extend(["", "Options:"])
    text = "\n".join(out) + "\n"
    if rows:
        return text + columns(rows, width)
    return text + LEADING_INDENT + "none\n\n"


def core_help(usage: str, rows: Sequence[Row], width: Optional[int] = None) -> str:
    """The core ``--help`` page: usage line and the core options."""
    return f"Usage: {usage}\n\nCore options:\n\n" + columns(rows, width)


class Listing:
    """Renders ``--list`` output for one collection in one format.

    ``root`` is the dotted name of the sub-collection being listed (None for
    the whole tree); ``depth`` limits how many levels are expanded (0: all);
    ``opener`` replaces "Available tasks" (bundled programs say
    "Subcommands").
    """

    def __init__(
        self,
        collection: "Collection",
        format: str = "flat",
        depth: int = 0,
        root: Optional[str] = None,
        opener: Optional[str] = None,
    ) -> None:
        self.collection = collection
        self.format = format
        self.depth = depth
        self.root = root
        self.opener = opener

    def header(self, extra: str = "") -> str:
        """The line above the rows, e.g. ``Available 'deploy' tasks (depth=1):``.

        ``extra`` is one more note for the parenthesis.
        """
        if self.opener is not None:
            # Bundled programs say just "Subcommands:", whatever the options.
            return self.opener + ":"
        if self.root is not None:
            text = f"Available '{self.root}' tasks"
        else:
            text = "Available tasks"
        notes = []
        if self.depth:
            notes.append(f"depth={self.depth}")
        if self.format == "nested":
            notes.append("'*' denotes collection defaults")
        if extra:
            notes.append(extra)
        if notes:
            text += " (" + "; ".join(notes) + ")"
        return text + ":"

    def footer(self) -> str:
        """The ``Default task: ...`` lines, or nothing when there is no default."""
        default = self.collection.default
        if default is None:
            return ""
        if self.root is None:
            return f"Default task: {default}\n\n"
        return f"Default '{self.root}' task: .{default}\n\n"

    def rows(self) -> List[Row]:
        """Every (name column, help) row for the flat or nested format."""
        return self._rows(self.collection, [])

    def render(self, width: Optional[int] = None) -> str:
        """The whole ``--list`` text for the flat or nested format."""
        return self.header() + "\n\n" + columns(self.rows(), width) + self.footer()

    def _rows(self, coll: "Collection", ancestors: List[str]) -> List[Row]:
        rows: List[Row] = []
        nested = self.format == "nested"
        dotted = bool(ancestors) or self.root is not None
        for name in sorted(coll.tasks):
            task = coll.tasks[name]
            aliases = _aliases(coll, name, task)
            if nested:
                shown = ("." if dotted else "") + name + ("*" if name == coll.default else "")
                shown_aliases = [("." if dotted else "") + alias for alias in aliases]
                shown = NESTED_INDENT * len(ancestors) + shown
            else:
                path = ".".join(ancestors + [name])
                shown = ("." if self.root is not None else "") + path
                shown_aliases = [
                    ("." if self.root is not None else "") + ".".join(ancestors + [alias])
                    for alias in aliases
                ]
                if name == coll.default and ancestors:
                    # The collection's own name runs its default task: it is
                    # listed as one more alias, sorted in with the others.
                    shown_aliases.append(("." if self.root is not None else "") + ".".join(ancestors))
                    shown_aliases.sort()
            if shown_aliases:
                shown += " (" + ", ".join(shown_aliases) + ")"
            rows.append((shown, helpline(task)))
        for sub_name in sorted(coll.collections):
            sub = coll.collections[sub_name]
            sub_path = ancestors + [sub_name]
            if nested:
                label = NESTED_INDENT * len(ancestors) + ("." if dotted else "") + sub_name
            else:
                label = ("." if self.root is not None else "") + ".".join(sub_path)
            if self.depth and len(ancestors) + 1 >= self.depth:
                rows.append((label + " " + _counts(sub), helpline(sub)))
                continue
            if nested:
                rows.append((label, helpline(sub)))
            rows.extend(self._rows(sub, sub_path))
        return rows


def _aliases(coll: "Collection", name: str, task: Any) -> List[str]:
    """Every alias ``name`` answers to in ``coll``, sorted.

    Both the task's own aliases and those given to ``add_task(...,
    aliases=...)`` count: what is listed is what the parser accepts.
    """
    found = set(getattr(task, "aliases", None) or ())
    aliases_of = getattr(coll.tasks, "aliases_of", None)
    if aliases_of is not None:
        found.update(aliases_of(name))
    transform = getattr(coll, "transform", None)
    if transform is not None:
        found = {transform(alias) for alias in found}
    found.discard(name)
    return sorted(found)


def has_tasks(coll: "Collection") -> bool:
    """True when ``coll`` or any collection below it holds at least one task."""
    return bool(coll.tasks) or any(has_tasks(sub) for sub in coll.collections.values())


def _counts(coll: "Collection") -> str:
    """``[2 tasks, 1 collections]``: what a collapsed sub-collection holds."""
    parts = []
    if coll.tasks:
        parts.append(f"{len(coll.tasks)} tasks")
    if coll.collections:
        parts.append(f"{len(coll.collections)} collections")
    return "[" + ", ".join(parts) + "]"

