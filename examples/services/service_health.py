"""`HealthCheck`: a mixin that gives a service template a ``health`` task.

It is not a `TaskTemplate` itself: mixed into one (``class Service(HealthCheck,
ServiceBase)``), its ``@task`` methods become tasks of every instance, like
the template's own. It relies on the template's ``name``, ``address(c)`` and
``running_pid(c)``.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from typing import Optional

from invoke import task
from invoke.exceptions import Exit

# Loopback addresses never go through a proxy, whatever http_proxy says.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class HealthCheck:
    """Adds ``health``: wait until GET /health answers 200, retrying until a deadline."""

    health_path = "/health"

    @task
    def health(self, c, timeout: Optional[float] = None):
        """Wait until the service answers its health check; exit 1 if it never does.

        Retries until TIMEOUT seconds (default: the services.health_timeout
        setting) have passed.
        """
        limit = float(timeout if timeout is not None else c.config.get("services", {}).get("health_timeout", 5))
        address = self.address(c)
        if address is None:
            raise Exit(f"{self.name}: not running, so it cannot be healthy (try: inv {self.name}.start)", code=1)
        url = f"http://{address}{self.health_path}"
        began = time.monotonic()
        tries = 0
        while True:
            tries += 1
            left = began + limit - time.monotonic()
            try:
                with _OPENER.open(url, timeout=max(0.1, min(1.0, left))) as response:
                    print(f"{self.name}: healthy ({url} answered {response.status} after {time.monotonic() - began:.2f}s)")
                    return
            except urllib.error.HTTPError as error:
                problem = f"HTTP {error.code}"
            except (urllib.error.URLError, OSError) as error:
                problem = str(getattr(error, "reason", error))
            if self.running_pid(c) is None:
                raise Exit(f"{self.name}: exited before answering {url} (see: inv {self.name}.logs)", code=1)
            if time.monotonic() - began >= limit:
                raise Exit(
                    f"{self.name}: no answer from {url} within {limit:g}s ({tries} tries, last: {problem})", code=1
                )
            time.sleep(0.1)

    @task
    def ready(self, c):
        """Start the service if it is not running, then wait until it is healthy."""
        self.start(c)
        self.health(c)
