"""The `hello` app: bundled into dist/hello.pyz by `inv hello.build`."""

import sys

from hello.words import greeting


def main() -> None:
    print(greeting(sys.argv[1] if len(sys.argv) > 1 else "world"))


if __name__ == "__main__":
    main()
