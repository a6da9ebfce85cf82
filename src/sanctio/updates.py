"""List updates: import official files from a folder, or download them from the official addresses.

Both paths end in :func:`import_path`: recognise files by content, group them into
bundles, parse each completely, date it, and import the versions of each source oldest
first so the newest becomes current. A bundle that fails leaves its source's current
version untouched; the others still import.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from sanctio.errors import DownloadError, ListError, UnknownFormatError
from sanctio.sources.registry import (
    SOURCES,
    SourceInfo,
    find_bundles,
    parse_bundle,
    version_date,
)
from sanctio.store import DEFAULT_MAX_SHRINK, ImportResult, Store

__all__ = ["UpdateReport", "download_sources", "import_path", "unrecognised_reason", "update"]

Progress = Callable[[str], None]


@dataclass
class UpdateReport:
    """The outcome of one update: versions imported or unchanged, failures, unrecognised files."""

    results: list[ImportResult] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    unknown_files: list[Path] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing failed and something was found to import."""
        return not self.failures and bool(self.results or self.not_modified)


def import_path(
    store: Store,
    path: Path,
    *,
    sources: Iterable[str] | None = None,
    max_shrink: float = DEFAULT_MAX_SHRINK,
    progress: Progress | None = None,
) -> UpdateReport:
    """Import every official list file under ``path`` (a folder or a single file)."""
    say = progress or (lambda _message: None)
    wanted = set(sources) if sources else None
    report = UpdateReport()
    bundles, report.unknown_files = find_bundles(path)
    bundles = [b for b in bundles if wanted is None or b.source in wanted]
    if not bundles:
        skipped = "".join(f"; {p}: {unrecognised_reason(p)}" for p in report.unknown_files[:10])
        raise UnknownFormatError(
            f"{path}: no official list file recognised"
            + (f" for {', '.join(sorted(wanted))}" if wanted else "")
            + skipped
        )
    dated = []
    for bundle in bundles:
        say(f"reading {bundle.source} from {bundle.label}")
        try:
            parsed = parse_bundle(bundle)
        except ListError as exc:
            report.failures.append(str(exc))
            continue
        as_of, origin = version_date(bundle, parsed)
        dated.append((parsed.source, as_of, origin, parsed))
    for _source, as_of, origin, parsed in sorted(dated, key=lambda d: (d[0], d[1])):
        try:
            result = store.import_version(
                parsed, as_of=as_of, as_of_origin=origin, max_shrink=max_shrink
            )
        except ListError as exc:
            report.failures.append(str(exc))
            continue
        report.results.append(result)
        say(
            f"{result.version.source}: {result.status} version {result.version.id}"
            f" as of {result.version.as_of} ({result.version.entity_count} entities)"
        )
    return report


def unrecognised_reason(path: Path) -> str:
    """Why a file was not imported: empty, or of no known format."""
    return "empty file" if path.stat().st_size == 0 else "not a recognised list format"


def official_url(url: str, mirror: str | None) -> str:
    """The address to fetch: the official one, or the same path on a mirror, with tokens filled."""
    for name, value in os.environ.items():
        if name.startswith("SANCTIO_"):
            url = url.replace("{" + name + "}", value)
    if "{SANCTIO_" in url:
        raise DownloadError(f"{url}: set the environment variable named in braces first")
    if mirror:
        parts = urlsplit(url)
        url = (
            mirror.rstrip("/")
            + "/"
            + parts.netloc
            + parts.path
            + (f"?{parts.query}" if parts.query else "")
        )
    return url


def _fetch(
    client: httpx.Client,
    store: Store,
    url: str,
    target: Path,
    *,
    retries: int,
    backoff: float,
) -> bool:
    """Download ``url`` into ``target``; False when the server says it has not changed."""
    etag, last_modified = store.http_validators(url)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    last_error: Exception | None = None
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            with client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return False
                if response.status_code >= 500 or response.status_code == 429:
                    last_error = DownloadError(f"{url}: HTTP {response.status_code}")
                    continue
                if response.status_code != 200:
                    raise DownloadError(f"{url}: HTTP {response.status_code}")
                partial = target.with_suffix(target.suffix + ".part")
                with partial.open("wb") as handle:
                    for chunk in response.iter_bytes():
                        handle.write(chunk)
                partial.replace(target)
                store.remember_http_validators(
                    url, response.headers.get("etag"), response.headers.get("last-modified")
                )
                return True
        except httpx.HTTPError as exc:
            last_error = exc
    raise DownloadError(f"{url}: failed after {retries + 1} attempts: {last_error}")


def download_sources(
    store: Store,
    sources: Iterable[str] | None = None,
    *,
    mirror: str | None = None,
    max_shrink: float = DEFAULT_MAX_SHRINK,
    timeout: float = 60.0,
    retries: int = 3,
    backoff: float = 1.0,
    transport: httpx.BaseTransport | None = None,
    progress: Progress | None = None,
) -> UpdateReport:
    """Download each source from its official address (or ``mirror``) and import it."""
    say = progress or (lambda _message: None)
    chosen = _chosen_sources(sources)
    report = UpdateReport()
    with (
        httpx.Client(
            timeout=timeout,
            follow_redirects=True,
            transport=transport,
            headers={"User-Agent": "sanctio (sanctions screening; list update)"},
        ) as client,
        tempfile.TemporaryDirectory(prefix="download-", dir=store.home) as tmp,
    ):
        for info in chosen:
            folder = Path(tmp) / info.id
            folder.mkdir()
            try:
                changed = []
                for url in info.urls:
                    address = official_url(url, mirror)
                    say(f"fetching {address}")
                    name = Path(urlsplit(url).path).name
                    changed.append(
                        _fetch(
                            client, store, address, folder / name, retries=retries, backoff=backoff
                        )
                    )
            except DownloadError as exc:
                report.failures.append(str(exc))
                continue
            if not any(changed):
                report.not_modified.append(info.id)
                say(f"{info.id}: not modified since the last download")
                continue
            if not all(changed):
                # Some files of a set were not re-sent: fetch the set again unconditionally.
                for url in info.urls:
                    store.remember_http_validators(official_url(url, mirror), None, None)
                report.failures.append(f"{info.id}: the server re-sent only part of the file set")
                continue
            sub = import_path(store, folder, sources=[info.id], max_shrink=max_shrink, progress=say)
            report.results += sub.results
            report.failures += sub.failures
    return report


def _chosen_sources(sources: Iterable[str] | None) -> list[SourceInfo]:
    if sources is None:
        return [s for s in SOURCES.values() if s.default]
    chosen = []
    for source in sources:
        info = SOURCES.get(source)
        if info is None:
            raise DownloadError(f"unknown source {source!r}; known: {', '.join(SOURCES)}")
        if not info.urls:
            raise DownloadError(f"{source} has no download address: {info.note}")
        chosen.append(info)
    return chosen


def update(
    store: Store,
    *,
    from_path: Path | None = None,
    sources: Iterable[str] | None = None,
    max_shrink: float = DEFAULT_MAX_SHRINK,
    progress: Progress | None = None,
) -> UpdateReport:
    """`sanctio update`: import ``from_path``, else ``$SANCTIO_LISTS_DIR``, else download."""
    folder = from_path or (
        Path(os.environ["SANCTIO_LISTS_DIR"]) if os.environ.get("SANCTIO_LISTS_DIR") else None
    )
    if folder is not None:
        return import_path(store, folder, sources=sources, max_shrink=max_shrink, progress=progress)
    return download_sources(
        store,
        sources,
        mirror=os.environ.get("SANCTIO_MIRROR") or None,
        max_shrink=max_shrink,
        progress=progress,
    )
