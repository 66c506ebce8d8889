"""A sidekick process: counts ticks into a file that its service reports.

Run as ``python sidekick.py TICKS_FILE [INTERVAL]``; SIGTERM stops it.
"""

import signal
import sys
import time
from pathlib import Path


def main(ticks_file: Path, interval: float) -> None:
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    print(f"sidekick: counting into {ticks_file}", flush=True)
    ticks = 0
    while True:
        ticks += 1
        partial = ticks_file.with_suffix(".tmp")
        partial.write_text(str(ticks))
        partial.replace(ticks_file)
        time.sleep(interval)


if __name__ == "__main__":
    main(Path(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 0.2)
