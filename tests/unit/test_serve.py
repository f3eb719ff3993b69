"""`make serve`'s servers (scripts/serve.py), also the browser tests' servers."""

from http.server import SimpleHTTPRequestHandler

from scripts.serve import SiteServer


def _handle(server: SiteServer, error: Exception) -> None:
    try:
        raise error
    except Exception:
        server.handle_error(None, ("127.0.0.1", 1))


def test_a_dropped_connection_is_no_error_but_a_failure_is(capsys):
    server = SiteServer(("127.0.0.1", 0), SimpleHTTPRequestHandler)
    try:
        _handle(server, BrokenPipeError("the browser went to another page"))
        _handle(server, ConnectionResetError("the browser closed the tab"))
        assert capsys.readouterr().err == ""
        _handle(server, ValueError("a bug of ours"))
        assert "ValueError: a bug of ours" in capsys.readouterr().err
    finally:
        server.server_close()
