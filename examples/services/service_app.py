"""One micro-service: a standard-library HTTP server driven by its state directory.

Run as ``python service_app.py STATE_DIR``. It reads ``STATE_DIR/config.json``
(written by the ``configure`` task), binds 127.0.0.1 on the configured port
(0 lets the system pick a free one), writes the port it got to
``STATE_DIR/port`` and serves:

- ``GET /health``: ``ok`` (what the health check asks for);
- ``GET /``: the service's name and settings as JSON, plus ``ticks`` when a
  sidekick counts them for it (the ``ticks_file`` setting, in STATE_DIR).

A ``warmup`` setting delays answering (the socket is bound, but connections
are refused until then), like a service that loads data before serving.
SIGTERM stops it cleanly.
"""

import json
import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path


def main(state_dir: Path) -> None:
    settings = json.loads((state_dir / "config.json").read_text())
    name = settings.get("name", state_dir.name)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/health":
                self._reply(200, "text/plain", b"ok\n")
            elif self.path == "/":
                info = dict(settings)
                ticks_file = settings.get("ticks_file")
                if ticks_file:  # a sidekick counts ticks for this service
                    path = state_dir / ticks_file
                    info["ticks"] = int(path.read_text() or 0) if path.exists() else 0
                self._reply(200, "application/json", json.dumps(info).encode() + b"\n")
            else:
                self._reply(404, "text/plain", b"not found\n")

        def _reply(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            print(f"{name}: {self.address_string()} {format % args}", flush=True)

    server = HTTPServer(("127.0.0.1", int(settings.get("port", 0))), Handler, bind_and_activate=False)
    try:
        server.server_bind()
    except OSError as error:  # the port is taken, for instance
        sys.exit(f"{name}: cannot listen on 127.0.0.1:{settings.get('port', 0)}: {error}")
    port = server.server_address[1]
    # Write the port file atomically: the start task polls for it.
    (state_dir / "port.tmp").write_text(str(port))
    (state_dir / "port.tmp").replace(state_dir / "port")
    print(f"{name}: bound 127.0.0.1:{port}", flush=True)

    def _stop(signum: int, frame: object) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, _stop)
    time.sleep(float(settings.get("warmup", 0)))
    server.server_activate()
    print(f"{name}: serving", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        print(f"{name}: stopped", flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
