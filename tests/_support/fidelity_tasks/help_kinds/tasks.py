"""Flags whose kinds come from their defaults, as in existing Invoke tasks files."""

from pathlib import Path
from typing import List, Literal

from invoke import task


@task(
    iterable=["folders"],
    incrementable=["verbose"],
    optional=["level"],
    help={
        "folders": "Folders to scan; give the flag once per folder, as many times as needed.",
        "iqr": "Interquartile range multiplier used to decide which samples are outliers.",
        "name": "Name of the report, used for its file name and its title page.",
        "count": "How many samples to draw from each folder before computing statistics.",
        "out": "Where the report goes; a directory that is created when missing.",
        "extra": "Extra items, as a list default.",
        "level": "Optional level.",
        "dry": "Only say what would happen.",
    },
)
def analyze(c, folders, iqr=1.5, name="report", count=10, out=Path("build"), extra=[], verbose=0, level=False, dry=False):
    """Analyze some folders."""
    print(folders, iqr, name, count, out, extra, verbose, level, dry)


@task
def plain(c, ratio=0.5, where=Path("."), tags=[], label="x", size=3):
    pass


@task(help={"ratio": "A ratio.", "mode": "Which mode."})
def typed(c, ratio: float = 0.5, where: Path = Path("."), tags: List[str] = [], mode: Literal["fast", "slow"] = "fast", size: int = 3, count=2.0):
    """Annotated parameters: richer placeholders."""
    print(ratio, where, tags, mode, size, count)
