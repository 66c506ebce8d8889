"""Small text helpers: the `textkit` sub-project's code under test."""


def slug(text: str) -> str:
    return "-".join(text.lower().split())


def initials(name: str) -> str:
    return "".join(part[0].upper() for part in name.split())
