"""The example's units: the programs they run, and two that deviate with super()."""

from __future__ import annotations

from unit import Unit

from invoke import task
from invoke.exceptions import Exit

# Each program stops cleanly on SIGTERM (it may be PID 1 in a real container).
CLOCK = """\
import itertools, os, signal, sys, time
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
for n in itertools.count(1):
    print(f"tick {n}", flush=True)
    time.sleep(float(os.environ["INTERVAL"]))
"""

GREETER = """\
import os, signal, sys, time
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
print(f"{os.environ['GREETING']}, {os.environ['WHO']}!", flush=True)
while True:
    time.sleep(1)
"""


class Greeter(Unit):
    """A unit that checks its settings before it starts."""

    @task
    def start(self, c):
        """Check the greeting settings, then start the container."""
        env = self.env(c)
        if not env.get("GREETING", "").strip():
            raise Exit(f"{self.name}: units.{self.name}.env.GREETING is empty; set a greeting", code=1)
        return super().start(c)


class Clock(Unit):
    """A unit whose status also shows its latest tick."""

    @task
    def status(self, c):
        """Say whether the clock runs, and its last tick."""
        super().status(c)
        if self.state(c) == "running":
            ticks = [line for line in self.engine_run(c, "logs", self.container(c)).stdout.splitlines() if line]
            print(f"{self.name}: last {ticks[-1] if ticks else 'tick: none yet'}")
