"""`make serve`: build, serve both sites on 127.0.0.1, rebuild on every change.

Domestic on http://127.0.0.1:8000, international on http://127.0.0.1:8001
(the base URLs of pelicanconf.py). A failed rebuild prints its errors and
keeps serving the last good output.
"""

from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchfiles import watch

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ["products", "content", "themes", "plugins", "sadewa", "pelicanconf.py"]


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves a site folder, answering missing paths with its 404.html like a CDN."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        root = Path(self.directory)
        lang_root = self.path.lstrip("/").split("/", 1)[0]
        page = root / lang_root / "404.html"
        page = page if page.is_file() else root / "404.html"
        if not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # quieter than the default
        pass


class SiteServer(ThreadingHTTPServer):
    """Quiet when a browser drops a connection before a file is sent (it
    went to another page, or had the file already): that is no error of the
    site, and a traceback for it would bury the build's own messages."""

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def build() -> bool:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py")], cwd=ROOT)
    return result.returncode == 0


def serve(folder: Path, port: int) -> SiteServer:
    handler = functools.partial(SiteHandler, directory=str(folder))
    server = SiteServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--domestic-port", type=int, default=8000)
    parser.add_argument("--international-port", type=int, default=8001)
    args = parser.parse_args(argv)
    if not build():
        print("the first build failed; fix the errors above and save: serving resumes after a good build")
    output = ROOT / "output"
    (output / "domestic").mkdir(parents=True, exist_ok=True)
    (output / "international").mkdir(parents=True, exist_ok=True)
    servers = [serve(output / "domestic", args.domestic_port), serve(output / "international", args.international_port)]
    print(f"domestic:      http://127.0.0.1:{args.domestic_port}/")
    print(f"international: http://127.0.0.1:{args.international_port}/")
    print("watching for changes; Ctrl-C stops")
    try:
        for changes in watch(*[ROOT / name for name in WATCHED if (ROOT / name).exists()]):
            print(f"{len(changes)} change(s); rebuilding…")
            print("rebuilt" if build() else "rebuild failed; still serving the last good output")
    except KeyboardInterrupt:
        pass
    finally:
        for server in servers:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
