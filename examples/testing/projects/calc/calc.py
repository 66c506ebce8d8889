"""A tiny calculator: the `calc` sub-project's code under test."""


def add(a: int, b: int) -> int:
    return a + b


def mean(values: list) -> float:
    if not values:
        raise ValueError("mean of nothing")
    return sum(values) / len(values)
