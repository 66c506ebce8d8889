"""`Collection`: a namespace of tasks and sub-collections, with per-namespace configuration."""

from __future__ import annotations

import copy
import inspect
from types import ModuleType
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Tuple

from ._data.lexicon import Lexicon
from ._tasks import conflicts as _conflicts
from .tasks import Task
from .util import helpline

if TYPE_CHECKING:
    from .parser.context import ParserContext

__all__ = ["Collection"]

def _merge(base: Dict[str, Any], updates: Mapping[str, Any]) -> Dict[str, Any]:
    """Merge ``updates`` into ``base`` in place: nested dicts merge, anything else replaces."""
    for key, value in updates.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        elif isinstance(value, Mapping):
            base[key] = _merge({}, value)
        else:
            base[key] = value
    return base


def _copy_config(data: Dict[str, Any]) -> Dict[str, Any]:
    """A deep copy of configuration ``data`` (uncopyable values are shared)."""
    try:
        return copy.deepcopy(data)
    except Exception:
        # Config values that cannot be copied are shared, not lost.
        return _merge({}, data)


class Collection:
    """A namespace of tasks and named sub-collections.

    ``Collection("name", task, module, template_instance, other=collection)``:
    an optional leading name, then anything to add (tasks, plain callables,
    collections, modules, template instances), then keyword pairs naming
    what they add.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.tasks: Lexicon = Lexicon()
        self.collections: Lexicon = Lexicon()
        self.default: Optional[str] = None
        self.name: Optional[str] = None
        self._configuration: Dict[str, Any] = {}
        self.loaded_from: Optional[str] = kwargs.pop("loaded_from", None)
        auto_dash = kwargs.pop("auto_dash_names", None)
        self.auto_dash_names: bool = True if auto_dash is None else bool(auto_dash)
        self.__doc__: Optional[str] = None
        # Names as given (before auto-dashing), so the dash rule can be
        # re-applied to a whole tree (`from_module(auto_dash_names=...)`).
        self._raw_name: Optional[str] = None
        self._raw_task_names: Dict[str, str] = {}
        self._raw_aliases: Dict[str, str] = {}
        self._raw_collection_names: Dict[str, str] = {}
        self._template_class: Optional[str] = None  # set when built from a template instance
        items = list(args)
        if items and isinstance(items[0], str):
            self._raw_name = items.pop(0)
            self.name = self.transform(self._raw_name)
        for item in items:
            self._add_object(item)
        for name, item in kwargs.items():
            self._add_object(item, name)

    def _add_object(self, obj: Any, name: Optional[str] = None) -> None:
        """Add ``obj`` as whatever it is: task, collection, module, template instance or callable."""
        from ._tasks.discovery import has_tasks

        if isinstance(obj, Task):
            self.add_task(obj, name=name)
        elif isinstance(obj, (Collection, ModuleType)) or has_tasks(obj):
            self.add_collection(obj, name=name)
        elif callable(obj) and not isinstance(obj, type):
            self.add_task(obj, name=name)
        else:
            raise TypeError(f"No idea how to insert {type(obj)}!")

    # -- construction from other objects -----------------------------------

    @classmethod
    def from_module(
        cls,
        module: ModuleType,
        name: Optional[str] = None,
        config: Optional[Dict[str, Any]] = None,
        loaded_from: Optional[str] = None,
        auto_dash_names: Optional[bool] = None,
    ) -> "Collection":
        """A collection of the module's tasks, or a copy of its ``ns``/``namespace`` object.

        ``ns`` may be a `Collection` or a template instance. ``name``
        defaults to the module's last dotted component; ``config`` is
        applied with `configure`.
        """
        from ._tasks.discovery import has_tasks

        if not isinstance(getattr(module, "__name__", None), str):
            # Anything named with a namespace works, as in Invoke; the rest is a mistake.
            raise TypeError(
                f"Collection.from_module() takes a module, got {type(module).__name__}: {module!r}"
            )
        module_name = module.__name__.split(".")[-1]
        for candidate in ("ns", "namespace"):
            obj = getattr(module, candidate, None)
            if isinstance(obj, Collection):
                if not obj:
                    # As upstream: an ``ns`` without any task is passed over
                    # for the module's own tasks.
                    continue
                found = copy.deepcopy(obj)
                # As upstream: a module's ``ns`` collection takes the module's docstring.
                found.__doc__ = module.__doc__
            elif obj is not None and has_tasks(obj):
                # A template class itself is instantiated when it needs no
                # arguments, else it is the contract's "make an instance" error.
                found = cls.from_object(obj)
            else:
                continue
            if name is not None:
                found._set_name(name)
            elif found.name is None:
                found._set_name(module_name)
            if auto_dash_names is False:
                # Keeping underscores is a deliberate choice: apply it to the
                # whole tree so that what --list shows is what runs.
                found._apply_auto_dash_names(False)
            elif auto_dash_names is not None:
                found.auto_dash_names = auto_dash_names
            found.loaded_from = loaded_from
            if found.__doc__ is None:
                found.__doc__ = module.__doc__
            if config is not None:
                found.configure(config)
            return found
        collection = cls(
            name if name is not None else module_name,
            loaded_from=loaded_from,
            auto_dash_names=auto_dash_names,
        )
        collection.__doc__ = module.__doc__
        for value in list(vars(module).values()):
            if isinstance(value, Task) and not (value._method is not None and value._method.needs_binding):
                collection.add_task(value)
        if config is not None:
            collection.configure(config)
        return collection

    @classmethod
    def from_object(cls, obj: Any, name: Optional[str] = None, config: Optional[Dict[str, Any]] = None) -> "Collection":
        """A collection of the tasks an object carries (bound to it), plus its sub-collections.

        ``obj`` may be a template instance, any object whose class has
        `Task` attributes, a module (as `from_module`), or a class whose
        ``__init__`` needs no arguments (it is instantiated first).
        """
        from ._tasks.discovery import collection_from_instance, required_init_params, template_class_error

        if isinstance(obj, ModuleType):
            return cls.from_module(obj, name=name, config=config)
        if isinstance(obj, Collection):
            found = copy.deepcopy(obj)
            if name is not None:
                found._set_name(name)
            if config is not None:
                found.configure(config)
            return found
        if isinstance(obj, type):
            required = required_init_params(obj)
            if required:
                raise template_class_error(obj, required)
            obj = obj()
        return collection_from_instance(cls, Collection, obj, name, config)

    # -- adding ----------------------------------------------------------------

    def add_task(
        self,
        task: Any,
        name: Optional[str] = None,
        aliases: Optional[Tuple[str, ...]] = None,
        default: Optional[bool] = None,
    ) -> None:
        """Add ``task`` (a `Task`, bound task, function, bound method, partial or callable object).

        ``name`` defaults to the task's name; ``aliases`` add to the task's
        own; ``default=True`` makes it the collection's default task.
        """
        if not isinstance(task, Task):
            if isinstance(task, (staticmethod, classmethod)) or (callable(task) and not isinstance(task, type)):
                task = Task(task)  # type: ignore[arg-type]
            else:
                raise TypeError(f"No idea how to insert {type(task)}! add_task() takes a task or a callable")
        if task._method is not None and task._method.wants_instance:
            where = task._where()
            owner, _, attr = where.rpartition(".")
            raise TypeError(
                f"{where} is a method task; add it from an instance "
                f"({owner}(...).{attr}) or add the whole object with "
                f"add_collection({owner}(...))"
            )
        key = self.transform(name if name is not None else task.name)
        if key in self.collections:
            raise _conflicts.task_over_subcollection(key, self.collections[key])
        if key in self.tasks.aliases:
            raise ValueError(
                f"Name conflict: {key!r} is already an alias of task {self.tasks.aliases[key]!r} in this collection"
            )
        existing = dict.get(self.tasks, key)
        if existing is not None and existing != task:
            raise ValueError(f"Name conflict: this collection already has a different task named {key!r}")
        self.tasks[key] = task
        self._raw_task_names[key] = name if name is not None else task.name
        for alias in list(task.aliases or ()) + list(aliases or ()):
            self._add_alias(self.transform(alias), key)
            self._raw_aliases[self.transform(alias)] = alias
        if default is True or (default is None and task.is_default):
            self._check_default_collision(key)
            self.default = key

    def _add_alias(self, alias: str, key: str) -> None:
        """Register ``alias`` for task ``key``, refusing names used for anything else."""
        if alias == key:
            return
        if alias in self.collections:
            raise _conflicts.alias_clash(alias, key, self.collections[alias])
        if dict.__contains__(self.tasks, alias):
            raise ValueError(f"Name conflict: alias {alias!r} of task {key!r} is already a task name here")
        current = self.tasks.aliases.get(alias)
        if current is not None and current != key:
            raise ValueError(f"Name conflict: alias {alias!r} of task {key!r} already belongs to task {current!r}")
        self.tasks.alias(alias, to=key)

    def add_collection(self, coll: Any, name: Optional[str] = None, default: Optional[bool] = None) -> None:
        """Add a sub-collection (a `Collection`, module, template instance or object with tasks).

        ``name`` defaults to the collection's own name; ``default=True``
        makes its default task this collection's default.
        """
        from ._tasks.discovery import has_tasks

        source: Any = None
        if isinstance(coll, ModuleType):
            coll = Collection.from_module(coll)
        elif not isinstance(coll, Collection):
            if isinstance(coll, type) or has_tasks(coll):
                source = coll
                coll = Collection.from_object(coll, name=name)
            else:
                raise TypeError(
                    f"No idea how to insert {type(coll)}! add_collection() takes a Collection, "
                    "a module or an object with tasks (such as a TaskTemplate instance)"
                )
        if name is None:
            name = coll._raw_name if coll._raw_name is not None else coll.name
        if not name:
            if source is not None:
                label = source.__name__ if isinstance(source, type) else type(source).__name__
                raise ValueError(
                    f"{label} instance has no collection name; pass name=... to add_collection() "
                    "or set its collection_name (a nameless template can only be the root namespace)"
                )
            raise ValueError("Non-root collections must have a name!")
        key = self.transform(name)
        if key in self.tasks:
            raise _conflicts.task_clash(key, coll)
        existing = self.collections.get(key)
        if existing is not None and existing is not coll:
            raise _conflicts.subcollection_clash(key, coll, existing)
        self.collections[key] = coll
        self._raw_collection_names[key] = name
        if default:
            self._check_default_collision(key)
            self.default = key

    def _set_name(self, name: str) -> None:
        """Rename this collection (keeping the raw name for a later dash-rule change)."""
        self._raw_name = name
        self.name = self.transform(name)

    def _apply_auto_dash_names(self, value: bool) -> None:
        """Re-key this whole tree under one dash rule, so listing and running agree."""
        self.auto_dash_names = value
        if self._raw_name is not None:
            self.name = self.transform(self._raw_name)
        renamed: Dict[str, str] = {}
        tasks = Lexicon()
        raw_tasks: Dict[str, str] = {}
        for key, task in dict.items(self.tasks):
            raw = self._raw_task_names.get(key, key)
            renamed[key] = self.transform(raw)
            tasks[renamed[key]] = task
            raw_tasks[renamed[key]] = raw
        raw_aliases: Dict[str, str] = {}
        for alias, target in self.tasks.aliases.items():
            raw = self._raw_aliases.get(alias, alias)
            tasks.alias(self.transform(raw), to=renamed.get(target, target))
            raw_aliases[self.transform(raw)] = raw
        collections = Lexicon()
        raw_collections: Dict[str, str] = {}
        for key, sub in dict.items(self.collections):
            raw = self._raw_collection_names.get(key, key)
            renamed[key] = self.transform(raw)
            sub._apply_auto_dash_names(value)
            collections[renamed[key]] = sub
            raw_collections[renamed[key]] = raw
        self.tasks, self.collections = tasks, collections
        self._raw_task_names, self._raw_aliases = raw_tasks, raw_aliases
        self._raw_collection_names = raw_collections
        if self.default is not None:
            self.default = renamed.get(self.default, self.default)

    def _check_default_collision(self, name: str) -> None:
        """Refuse a second, different default task."""
        if self.default is not None and self.default != name:
            raise ValueError(f"{name!r} cannot be the default because {self.default!r} already is!")

    # -- lookup ----------------------------------------------------------------

    def _split_path(self, path: str) -> Tuple[str, str]:
        """``(first part, rest)`` of a dotted path."""
        parts = path.split(".")
        return parts.pop(0), ".".join(parts)

    def subcollection_from_path(self, path: str) -> "Collection":
        """The sub-collection at dotted ``path`` (KeyError if there is none)."""
        collection = self
        for part in path.split("."):
            collection = collection.collections[collection.transform(part)]
        return collection

    def __getitem__(self, name: Optional[str] = None) -> Any:
        """The task called ``name`` (dotted paths, aliases; a collection name means its default).

        No name gives this collection's default task.
        """
        return self._locate(name)[0]

    def _locate(self, name: Optional[str]) -> Tuple[Any, List["Collection"]]:
        """The task called ``name`` and the collections on its path, this one first."""
        if not name:
            if self.default is None:
                raise ValueError("This collection has no default task.")
            name = self.default
        if name in self.tasks:
            return self.tasks[name], [self]
        key = self.transform(name)
        if key in self.tasks:
            return self.tasks[key], [self]
        head, rest = self._split_path(name)
        for candidate in (head, self.transform(head)):
            if candidate in self.collections:
                task, path = self.collections[candidate]._locate(rest)
                return task, [self] + path
        raise KeyError(head if rest else name)

    def _task_with_merged_config(self, coll: str, rest: str, ours: Dict[str, Any]) -> Tuple[str, Dict[str, Any]]:
        """`task_with_config` through sub-collection ``coll`` (kept for Invoke parity)."""
        task, config = self.collections[coll].task_with_config(rest)
        return task, dict(config, **ours)

    def task_with_config(self, name: Optional[str]) -> Tuple[str, Dict[str, Any]]:
        """``(task, configuration)`` for task ``name``; parents' settings win over children's.

        The settings are merged per top-level key, as in Invoke: an outer
        collection's value replaces an inner one's whole.
        """
        task, path = self._locate(name)
        merged: Dict[str, Any] = {}
        for collection in reversed(path):
            merged.update(_copy_config(collection._configuration))
        return task, merged

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        try:
            self._locate(name)
        except (KeyError, ValueError):
            return False
        return True

    # -- names -------------------------------------------------------------------

    def transform(self, name: str) -> str:
        """Apply ``auto_dash_names``, dotted parts alike.

        On, inner underscores become dashes; off, inner dashes become
        underscores (as upstream), so a tree named under one rule is
        reachable under the other.
        """
        if not self.auto_dash_names:
            return ".".join(self._swap(part, "-", "_") for part in name.split("."))
        return ".".join(self._dash(part) for part in name.split("."))

    @staticmethod
    def _dash(part: str) -> str:
        """Dash the inner underscores of one name part, keeping leading and trailing ones."""
        return Collection._swap(part, "_", "-")

    @staticmethod
    def _swap(part: str, old: str, new: str) -> str:
        """Replace the inner ``old`` characters of one name part, keeping leading and trailing ones."""
        core = part.strip(old)
        if not core:
            return part
        start = part.index(core)
        return part[:start] + core.replace(old, new) + part[start + len(core) :]

    def _transform_lexicon(self, old: Lexicon) -> Lexicon:
        """A copy of ``old`` with keys and aliases passed through `transform`."""
        new = Lexicon()
        for key, value in dict.items(old):
            new[self.transform(key)] = value
        for alias, target in old.aliases.items():
            new.alias(self.transform(alias), to=self.transform(target))
        return new

    def subtask_name(self, collection_name: str, task_name: str) -> str:
        """Join a collection path and a task name with a dot."""
        return ".".join([collection_name, task_name])

    def _walk(self, prefix: str = "") -> Iterator[Tuple[str, Any, List[str]]]:
        """Yield ``(dotted name, task, dotted aliases)`` for every task, own tasks first."""
        reverse: Dict[str, List[str]] = {}
        for alias, target in self.tasks.aliases.items():
            reverse.setdefault(self.tasks._resolve(target), []).append(alias)
        dot = f"{prefix}." if prefix else ""
        for key, task in dict.items(self.tasks):
            aliases = [dot + alias for alias in reverse.get(key, [])]
            if prefix and self.default == key:
                aliases.append(prefix)
            yield dot + key, task, aliases
        for key, sub in dict.items(self.collections):
            path = dot + key
            for dotted, task, aliases in sub._walk(path):
                if prefix and self.default == key and dotted == f"{path}.{sub.default}":
                    aliases = aliases + [prefix]
                # As upstream, each enclosing collection's dash rule is applied
                # to the names below it, so the topmost rule names the whole tree.
                yield self.transform(dotted), task, [self.transform(alias) for alias in aliases]

    @property
    def task_names(self) -> Dict[str, List[str]]:
        """Every runnable dotted task name mapped to its dotted aliases."""
        return {dotted: aliases for dotted, _, aliases in self._walk()}

    def to_contexts(self, ignore_unknown_help: Optional[bool] = None) -> List["ParserContext"]:
        """One parser context per task: its dotted name, aliases and arguments."""
        from .parser.context import ParserContext

        return [
            ParserContext(
                name=dotted,
                aliases=aliases,
                args=task.get_arguments(ignore_unknown_help=ignore_unknown_help),
            )
            for dotted, task, aliases in self._walk()
        ]

    # -- configuration ---------------------------------------------------------

    def configuration(self, taskpath: Optional[str] = None) -> Dict[str, Any]:
        """This collection's settings, merged along the path to ``taskpath`` when given."""
        if taskpath is None:
            return _copy_config(self._configuration)
        return self.task_with_config(taskpath)[1]

    def configure(self, options: Dict[str, Any]) -> None:
        """Deep-merge ``options`` (a dict) into this collection's configuration."""
        if not isinstance(options, Mapping):
            raise TypeError(
                f"Collection.configure() takes a dict of settings, got {type(options).__name__}: {options!r}"
            )
        _merge(self._configuration, options)

    # -- dunder ----------------------------------------------------------------

    def serialized(self) -> Dict[str, Any]:
        """A JSON-ready description of the tree (what ``--list-format json`` prints)."""
        reverse: Dict[str, List[str]] = {}
        for alias, target in self.tasks.aliases.items():
            reverse.setdefault(self.tasks._resolve(target), []).append(alias)
        return {
            "name": self.name,
            "help": helpline(self),
            "default": self.default,
            "tasks": [
                {"name": key, "help": helpline(task), "aliases": reverse.get(key, [])}
                for key, task in sorted(dict.items(self.tasks), key=lambda pair: pair[0])
            ],
            "collections": [
                sub.serialized()
                # Unnamed sub-collections sort as "" (first), as upstream's json listing does.
                for sub in sorted(dict.values(self.collections), key=lambda sub: sub.name or "")
            ],
        }

    def __repr__(self) -> str:
        names = sorted(dict.keys(self.tasks)) + [f"{key}..." for key in sorted(dict.keys(self.collections))]
        return f"<Collection {self.name!r}: {', '.join(names)}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Collection):
            return False
        return (
            self.name == other.name
            and dict(self.tasks) == dict(other.tasks)
            and dict(self.collections) == dict(other.collections)
        )

    __hash__ = None  # type: ignore[assignment]

    def __bool__(self) -> bool:
        return any(True for _ in self._walk())

    def __copy__(self) -> "Collection":
        return self.__deepcopy__({})

    def __deepcopy__(self, memo: Dict[int, Any]) -> "Collection":
        # Copies share task bodies and the instances behind bound tasks;
        # only names, options and settings are duplicated.
        new = type(self).__new__(type(self))
        memo[id(self)] = new
        new.__dict__.update(self.__dict__)
        new.tasks = Lexicon({key: task._copy_metadata() for key, task in dict.items(self.tasks)})
        new.tasks.aliases.update(self.tasks.aliases)
        new.collections = Lexicon({key: copy.deepcopy(sub, memo) for key, sub in dict.items(self.collections)})
        new.collections.aliases.update(self.collections.aliases)
        new._configuration = _copy_config(self._configuration)
        new._raw_task_names = dict(self._raw_task_names)
        new._raw_aliases = dict(self._raw_aliases)
        new._raw_collection_names = dict(self._raw_collection_names)
        return new


def __getattr__(name: str) -> Any:
    # Names Invoke's collection module re-exports, resolved lazily.
    if name == "ParserContext":
        from .parser.context import ParserContext

        return ParserContext
    if name in ("copy_dict", "merge_dicts"):
        from . import config

        return getattr(config, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
