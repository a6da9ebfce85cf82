"""Downloading lists from their official addresses, here served by a local server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sanctio.errors import DownloadError
from sanctio.store import Store
from sanctio.updates import download_sources, official_url

UN_XML = """<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-01-02T00:00:00.000Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>1</DATAID><VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>ZORAN</FIRST_NAME><SECOND_NAME>INVENTED</SECOND_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPi.900</REFERENCE_NUMBER>
      <LISTED_ON>2020-01-01</LISTED_ON>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES></ENTITIES>
</CONSOLIDATED_LIST>
"""


class Mirror:
    """A tiny official-list server: ETags, optional failures, request log."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.failures_left = 0
        self.requests: list[tuple[str, str | None]] = []


@pytest.fixture
def mirror() -> Iterator[tuple[Mirror, str]]:
    state = Mirror()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, self.headers.get("If-None-Match")))
            if state.failures_left:
                state.failures_left -= 1
                self.send_error(503)
                return
            body = state.files.get(self.path)
            if body is None:
                self.send_error(404)
                return
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


UN_PATH = "/scsanctions.un.org/resources/xml/en/consolidated.xml"


def test_a_source_is_downloaded_through_a_mirror_and_imported(mirror, tmp_path):
    state, base = mirror
    state.files[UN_PATH] = UN_XML.encode()
    with Store(tmp_path) as store:
        report = download_sources(store, ["un"], mirror=base, backoff=0)
        assert report.ok, report.failures
        assert store.current_version("un").entity_count == 1
        assert store.entity("un:KPi.900").caption.startswith("ZORAN")


def test_an_unchanged_list_is_not_downloaded_again(mirror, tmp_path):
    state, base = mirror
    state.files[UN_PATH] = UN_XML.encode()
    with Store(tmp_path) as store:
        download_sources(store, ["un"], mirror=base, backoff=0)
        report = download_sources(store, ["un"], mirror=base, backoff=0)
    assert report.not_modified == ["un"]
    assert state.requests[-1][1] is not None  # the second request was conditional


def test_server_errors_are_retried(mirror, tmp_path):
    state, base = mirror
    state.files[UN_PATH] = UN_XML.encode()
    state.failures_left = 2
    with Store(tmp_path) as store:
        report = download_sources(store, ["un"], mirror=base, retries=3, backoff=0)
    assert report.ok and len(state.requests) == 3


def test_a_failed_download_leaves_the_current_version_and_says_why(mirror, tmp_path):
    state, base = mirror
    state.files[UN_PATH] = UN_XML.encode()
    with Store(tmp_path) as store:
        download_sources(store, ["un"], mirror=base, backoff=0)
        state.files[UN_PATH] = b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVI"
        state.failures_left = 0
        report = download_sources(store, ["un"], mirror=base, backoff=0)
        assert not report.ok and "consolidated.xml" in report.failures[0]
        assert store.current_version("un").entity_count == 1


def test_an_unreachable_address_fails_cleanly(tmp_path):
    with Store(tmp_path) as store:
        report = download_sources(
            store, ["un"], mirror="http://127.0.0.1:9", retries=1, backoff=0, timeout=2
        )
    assert not report.ok and "failed after 2 attempts" in report.failures[0]


def test_a_source_without_an_address_or_token_is_refused():
    with pytest.raises(DownloadError, match="no download address"):
        download_sources(Store.__new__(Store), ["uk-ofsi"])
    with pytest.raises(DownloadError, match="SANCTIO_EU_TOKEN"):
        official_url("https://example.invalid/x?token={SANCTIO_EU_TOKEN}", None)
