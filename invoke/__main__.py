"""``python -m invoke``: the same as running ``inv``."""

from invoke.main import program

program.run()
