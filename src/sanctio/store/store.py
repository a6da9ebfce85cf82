"""The versioned list store: one SQLite file holding every imported version of every list.

A version is immutable. An import parses and validates the whole list first, then
writes the version and makes it current inside one ``BEGIN IMMEDIATE`` transaction,
so a reader sees either the previous version or the complete new one, never half a
list, and a crash mid-import leaves the previous version current.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import orjson

from sanctio.errors import NotFoundError, ValidationError
from sanctio.model import Entity
from sanctio.sources._common import ParsedList
from sanctio.store._schema import migrate

__all__ = ["DEFAULT_MAX_SHRINK", "ImportResult", "ListVersion", "Store", "file_digest"]

DEFAULT_MAX_SHRINK = 0.5
DB_NAME = "sanctio.db"


@dataclass(frozen=True, slots=True)
class ListVersion:
    """One imported version of one list."""

    id: int
    source: str
    format: str
    as_of: str
    as_of_origin: str
    imported_at: str
    content_hash: str
    files: tuple[dict[str, object], ...]
    entity_count: int
    schema_counts: dict[str, int]
    warnings: tuple[str, ...]
    is_current: bool

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "source": self.source,
            "format": self.format,
            "as_of": self.as_of,
            "as_of_origin": self.as_of_origin,
            "imported_at": self.imported_at,
            "content_hash": self.content_hash,
            "files": list(self.files),
            "entity_count": self.entity_count,
            "schema_counts": self.schema_counts,
            "warnings": list(self.warnings),
            "is_current": self.is_current,
        }


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did: ``imported`` a new version, or found it ``unchanged``."""

    status: str
    version: ListVersion
    made_current: bool


def file_digest(path: Path) -> str:
    """sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Store:
    """The store under a home folder (``$SANCTIO_HOME``): versions, entities, current pointers."""

    def __init__(self, home: Path) -> None:
        self.home = home
        home.mkdir(parents=True, exist_ok=True)
        self.path = home / DB_NAME
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.execute("PRAGMA busy_timeout=30000")
        migrate(self._db)

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------

    def import_version(
        self,
        parsed: ParsedList,
        *,
        as_of: str,
        as_of_origin: str,
        max_shrink: float = DEFAULT_MAX_SHRINK,
    ) -> ImportResult:
        """Validate ``parsed`` and store it as a new version of its source.

        Identical content (the same files, byte for byte) creates no new version. The
        new version becomes current unless the current one is dated later. Raises
        :class:`ValidationError` for an empty list, duplicate or foreign ids, or a list
        that shrinks by more than ``max_shrink`` (a share, 0.5 = half) against the current one.
        """
        files = [
            {"name": f.name, "sha256": file_digest(f), "size": f.stat().st_size}
            for f in parsed.files
        ]
        content_hash = hashlib.sha256(
            "\n".join(sorted(str(f["sha256"]) for f in files)).encode()
        ).hexdigest()
        existing = self._db.execute(
            "SELECT id FROM versions WHERE source = ? AND content_hash = ?",
            (parsed.source, content_hash),
        ).fetchone()
        if existing:
            return ImportResult("unchanged", self.version(existing[0]), made_current=False)

        self._validate(parsed, max_shrink)
        rows = []
        for entity in parsed.entities:
            data = entity.to_json()
            digest = hashlib.sha256(data).hexdigest()
            rows.append((entity.id, entity.schema.value, entity.caption, digest, data))
        counts = Counter(e.schema.value for e in parsed.entities)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            cursor = db.execute(
                "INSERT INTO versions (source, format, as_of, as_of_origin, imported_at,"
                " content_hash, files, entity_count, schema_counts, warnings)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    parsed.source,
                    parsed.format,
                    as_of,
                    as_of_origin,
                    now,
                    content_hash,
                    orjson.dumps(files).decode(),
                    len(rows),
                    orjson.dumps(dict(sorted(counts.items()))).decode(),
                    orjson.dumps(parsed.warnings).decode(),
                ),
            )
            version_id = cursor.lastrowid
            db.executemany(
                "INSERT INTO entities (version_id, entity_id, schema, caption, hash, data)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                ((version_id, *row) for row in rows),
            )
            current = self._current_row(parsed.source)
            made_current = current is None or current[1] <= as_of
            if made_current:
                db.execute(
                    "INSERT INTO current_versions (source, version_id) VALUES (?, ?)"
                    " ON CONFLICT (source) DO UPDATE SET version_id = excluded.version_id",
                    (parsed.source, version_id),
                )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        assert version_id is not None
        return ImportResult("imported", self.version(version_id), made_current=made_current)

    def _validate(self, parsed: ParsedList, max_shrink: float) -> None:
        label = ", ".join(f.name for f in parsed.files)
        if not parsed.entities:
            raise ValidationError(f"{label}: the list holds no entities; refusing to import it")
        seen: set[str] = set()
        duplicates: list[str] = []
        prefix = f"{parsed.source}:"
        for entity in parsed.entities:
            if not entity.id.startswith(prefix):
                raise ValidationError(
                    f"{label}: entity {entity.id} is not of source {parsed.source}"
                )
            if entity.id in seen:
                duplicates.append(entity.id)
            seen.add(entity.id)
        if duplicates:
            shown = ", ".join(duplicates[:5]) + (" ..." if len(duplicates) > 5 else "")
            raise ValidationError(
                f"{label}: {len(duplicates)} duplicate entity id(s): {shown}; refusing to import"
            )
        current = self._current_row(parsed.source)
        if current is not None:
            old_count = current[2]
            floor = old_count * (1 - max_shrink)
            if len(parsed.entities) < floor:
                raise ValidationError(
                    f"{label}: {parsed.source} would shrink from {old_count} to "
                    f"{len(parsed.entities)} entities, more than the allowed "
                    f"{max_shrink:.0%}; the current version stays. If the shrink is genuine, "
                    "import again with a larger --max-shrink."
                )

    def _current_row(self, source: str) -> tuple[int, str, int] | None:
        row = self._db.execute(
            "SELECT v.id, v.as_of, v.entity_count FROM current_versions c"
            " JOIN versions v ON v.id = c.version_id WHERE c.source = ?",
            (source,),
        ).fetchone()
        return tuple(row) if row else None  # type: ignore[return-value]

    # -- HTTP cache (conditional downloads) ----------------------------------------------

    def http_validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified last seen for ``url``."""
        row = self._db.execute(
            "SELECT etag, last_modified FROM http_cache WHERE url = ?", (url,)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember_http_validators(
        self, url: str, etag: str | None, last_modified: str | None
    ) -> None:
        """Record the validators of a successful download."""
        self._db.execute(
            "INSERT INTO http_cache (url, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (url) DO UPDATE SET etag = excluded.etag,"
            " last_modified = excluded.last_modified, fetched_at = excluded.fetched_at",
            (url, etag, last_modified, datetime.now(UTC).isoformat(timespec="seconds")),
        )

    # -- reading -------------------------------------------------------------------------

    _VERSION_COLUMNS = (
        "v.id, v.source, v.format, v.as_of, v.as_of_origin, v.imported_at, v.content_hash,"
        " v.files, v.entity_count, v.schema_counts, v.warnings, c.version_id IS NOT NULL"
    )

    def _version_from_row(self, row: tuple[object, ...]) -> ListVersion:
        return ListVersion(
            id=int(row[0]),  # type: ignore[call-overload]
            source=str(row[1]),
            format=str(row[2]),
            as_of=str(row[3]),
            as_of_origin=str(row[4]),
            imported_at=str(row[5]),
            content_hash=str(row[6]),
            files=tuple(orjson.loads(row[7])),  # type: ignore[arg-type]
            entity_count=int(row[8]),  # type: ignore[call-overload]
            schema_counts=orjson.loads(row[9]),  # type: ignore[arg-type]
            warnings=tuple(orjson.loads(row[10])),  # type: ignore[arg-type]
            is_current=bool(row[11]),
        )

    def version(self, version_id: int) -> ListVersion:
        """One version by id."""
        row = self._db.execute(
            f"SELECT {self._VERSION_COLUMNS} FROM versions v"
            " LEFT JOIN current_versions c ON c.version_id = v.id WHERE v.id = ?",
            (version_id,),
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no list version {version_id}")
        return self._version_from_row(row)

    def versions(self, source: str | None = None) -> list[ListVersion]:
        """All versions, oldest first (of one source, if given)."""
        where, args = ("WHERE v.source = ?", (source,)) if source else ("", ())
        rows = self._db.execute(
            f"SELECT {self._VERSION_COLUMNS} FROM versions v"
            f" LEFT JOIN current_versions c ON c.version_id = v.id {where}"
            " ORDER BY v.source, v.as_of, v.id",
            args,
        ).fetchall()
        return [self._version_from_row(r) for r in rows]

    def current_versions(self) -> list[ListVersion]:
        """The current version of every source, by source."""
        return [v for v in self.versions() if v.is_current]

    def current_version(self, source: str) -> ListVersion:
        """The current version of one source."""
        row = self._current_row(source)
        if row is None:
            known = ", ".join(sorted({v.source for v in self.versions()})) or "none"
            raise NotFoundError(f"no list {source!r} in the store (imported: {known})")
        return self.version(row[0])

    def resolve_version(self, source: str, ref: str | None) -> ListVersion:
        """A version of ``source`` by id, by as-of date, or ``current``/None."""
        if ref is None or ref == "current":
            return self.current_version(source)
        candidates = self.versions(source)
        if not candidates:
            raise NotFoundError(f"no list {source!r} in the store")
        if ref.isdigit():
            for v in candidates:
                if v.id == int(ref):
                    return v
        matches = [v for v in candidates if v.as_of.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        shown = ", ".join(f"{v.id} ({v.as_of})" for v in candidates)
        raise NotFoundError(
            f"{source}: no single version matches {ref!r}; versions: {shown}"
            if not matches
            else f"{source}: {ref!r} matches several versions; use an id: {shown}"
        )

    def entity(self, entity_id: str, version_id: int | None = None) -> Entity:
        """An entity from the current version of its source (or from a given version)."""
        if version_id is None:
            source = entity_id.split(":", 1)[0]
            row = self._current_row(source)
            if row is None:
                raise NotFoundError(f"no entity {entity_id}: list {source!r} is not in the store")
            version_id = row[0]
        found = self._db.execute(
            "SELECT data FROM entities WHERE version_id = ? AND entity_id = ?",
            (version_id, entity_id),
        ).fetchone()
        if found is None:
            raise NotFoundError(f"no entity {entity_id} in list version {version_id}")
        return Entity.from_json(found[0])

    def entities(self, version_id: int) -> Iterator[Entity]:
        """Every entity of one version, in id order."""
        cursor = self._db.execute(
            "SELECT data FROM entities WHERE version_id = ? ORDER BY entity_id", (version_id,)
        )
        for (data,) in cursor:
            yield Entity.from_json(data)

    def current_entities(self) -> Iterator[Entity]:
        """Every entity of every current version."""
        for version in self.current_versions():
            yield from self.entities(version.id)

    def entity_index(self, version_id: int) -> dict[str, tuple[str, str]]:
        """Entity id -> (content hash, caption) for one version."""
        rows = self._db.execute(
            "SELECT entity_id, hash, caption FROM entities WHERE version_id = ?", (version_id,)
        )
        return {entity_id: (digest, caption) for entity_id, digest, caption in rows}
