"""greetlib: a tiny library, packed into dist/greetlib-VERSION.tar.gz by `inv greetlib.build`."""


def shout(text: str) -> str:
    return text.upper() + "!"
