"""The `program` object behind the ``inv`` and ``invoke`` commands."""

from __future__ import annotations

from . import __version__
from .program import Program

__all__ = ["Program", "program"]

program = Program(
    name="Invoke",
    binary="inv[oke]",
    binary_names=["invoke", "inv"],
    version=__version__,
)
