"""orgmodel._offline: reading a file never reaches the network, whatever the file names."""
import http.server
import json
import threading

import pytest

import orgmodel
from conftest import DATA, run


@pytest.fixture
def context_server():
    """A web server on loopback that serves a JSON-LD context and counts requests."""
    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            body = json.dumps({"@context": {"org": "http://www.w3.org/ns/org#"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/ctx.jsonld", seen
    server.shutdown()


def _document(tmp_path, context):
    path = tmp_path / "org.jsonld"
    orgmodel.write_org(orgmodel.load(DATA / "template"), path, "json-ld")
    doc = json.loads(path.read_text())          # (rdflib writes a list of node objects)
    path.write_text(json.dumps({"@context": context, "@graph": doc}))
    return path


@pytest.mark.parametrize("shape", ["string", "list", "import", "nested"])
def test_a_remote_context_is_refused_and_never_fetched(shape, context_server, tmp_path):
    url, seen = context_server
    context = {"string": url, "list": [url, {"x": "http://example.org/x"}],
               "import": {"@import": url}, "nested": {"x": {"@id": "y", "@context": url}}}[shape]
    path = _document(tmp_path, context)
    with pytest.raises(orgmodel.ValidationError) as err:
        orgmodel.read_org(path)
    assert "names its @context by address" in str(err.value) and url in str(err.value)
    res = run("summary", "--org", path)
    assert res.exit_code != 0 and "names its @context by address" in res.output
    assert "Traceback" not in res.output
    assert seen == []                       # no request reached the server


def test_nothing_a_parser_does_reaches_the_network(context_server):
    import urllib.request

    from orgmodel._offline import NetworkRefused, offline
    url, seen = context_server
    with offline(), pytest.raises(NetworkRefused):
        urllib.request.urlopen(url)
    assert seen == []
    urllib.request.urlopen(url).read()       # outside the block the machine is the user's
    assert seen == ["/ctx.jsonld"]


@pytest.mark.parametrize("text,message", [
    ("[1, 2]", "is not a JSON-LD document: it must be a JSON object"),
    ('"just text"', "is not a JSON-LD document: it must be a JSON object (or a list of "
                    "objects), not str"),
    ("{not json", "is not valid JSON"),
    ("[" * 100_000 + "]" * 100_000, "is nested too deeply to read as JSON-LD"),
])
def test_a_file_that_is_no_json_ld_document_says_so(text, message, tmp_path):
    path = tmp_path / "x.jsonld"
    path.write_text(text)
    res = run("validate", "--org", path)
    assert res.exit_code != 0 and message in res.output, res.output
    assert "Traceback" not in res.output
