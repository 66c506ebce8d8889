"""Shell tab-completion: ``inv --complete`` and ``--print-completion-script``."""

from typing import Any


def __getattr__(name: str) -> Any:
    # ``invoke.completion.complete`` works after a bare ``import invoke.completion``, as upstream.
    if name == "complete":
        from importlib import import_module

        return import_module(".complete", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
