"""The firm's own ownership data: a CSV of who owns (or directs) whom, imported into the
case database and read back as graph stakes.

The file (UTF-8, comma, semicolon or tab separated, a header row, column names in any
case and order)::

    owner,owned,percent,as_of,kind
    ofac-sdn:17507,customer:C-1001,30,2024-04-30,ownership
    Wael Abdulkarim,customer:C-1002,25%,2024-04-30,
    customer:C-1003,customer:C-1001,,2024-04-30,ownership

- ``owner`` and ``owned`` (required): a listed entity id (``ofac-sdn:17507``, which must
  be on a current list), a customer (``customer:<customer id>``), or a name. A name is
  screened against the current lists; where the best hit alerts, the party is that listed
  entity and the score is kept; otherwise it is a party known by that name.
- ``percent`` (also ``percentage``, ``share``): 0 to 100, with or without ``%``; empty,
  ``?`` or ``unknown`` for a stake of unknown size (never read as zero).
- ``as_of`` (also ``as_of_date``, ``date``): ISO date (``2024-04-30``, ``2024-04``, ``2024``).
- ``kind``: ``ownership`` (the default), ``directorship``, ``family``, ``associate``,
  ``linked_to`` or ``other``; a percentage is for ownership only.

An import checks the whole file before it writes anything, then writes every row in one
transaction with one audit record. A row replaces the stored relationship of the same
(owner, owned, kind) unless the stored one is dated later; ``replace=True`` also deletes
stored relationships the file does not hold (the file is a full snapshot).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from sanctio.audit import AuditEvent, append
from sanctio.database import Database, metadata
from sanctio.errors import SanctioError, StoreError
from sanctio.exposure.graph import CUSTOMER_PREFIX, NAME_PREFIX, Stake, customer_node, name_node
from sanctio.model import RelationshipKind

if TYPE_CHECKING:
    from sanctio.screener import Hit

__all__ = [
    "OwnershipDataError",
    "OwnershipImport",
    "OwnershipRow",
    "import_ownership",
    "load_stakes",
    "read_ownership_file",
    "resolve_rows",
]

MAX_REPORTED_ERRORS = 10
MAX_NAME_LENGTH = 500
_COUNTS = ("added", "updated", "unchanged", "kept_newer", "removed")

ownership_imports = sa.Table(
    "ownership_imports",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("file_name", sa.String(500), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("imported_at", sa.String(32), nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("mode", sa.String(16), nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("added", sa.Integer, nullable=False),
    sa.Column("updated", sa.Integer, nullable=False),
    sa.Column("unchanged", sa.Integer, nullable=False),
    sa.Column("kept_newer", sa.Integer, nullable=False),
    sa.Column("removed", sa.Integer, nullable=False),
)

ownership_stakes = sa.Table(
    "ownership_stakes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("owner_node", sa.String(1000), nullable=False),
    sa.Column("owned_node", sa.String(1000), nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("percent", sa.Float, nullable=True),
    sa.Column("as_of", sa.String(10), nullable=True),
    sa.Column("owner_ref", sa.Text, nullable=False),
    sa.Column("owned_ref", sa.Text, nullable=False),
    sa.Column("owner_match", sa.Float, nullable=True),
    sa.Column("owned_match", sa.Float, nullable=True),
    sa.Column("import_id", sa.Integer, sa.ForeignKey("ownership_imports.id"), nullable=False),
    sa.UniqueConstraint("owner_node", "owned_node", "kind", name="ownership_stakes_edge"),
    sa.Index("ownership_stakes_owned", "owned_node"),
)


class OwnershipDataError(SanctioError):
    """An ownership file cannot be imported (the message names the file, line and column)."""


@dataclass(frozen=True, slots=True)
class OwnershipRow:
    """One line of an ownership file, checked but not yet resolved to graph nodes."""

    line: int
    owner: str
    owned: str
    percent: float | None
    as_of: str | None
    kind: RelationshipKind


@dataclass(frozen=True, slots=True)
class OwnershipImport:
    """What an import did."""

    id: int
    file_name: str
    sha256: str
    rows: int
    added: int
    updated: int
    unchanged: int
    kept_newer: int
    removed: int
    names_matched: int
    names_unmatched: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return asdict(self)


# -- reading the file --------------------------------------------------------------------

_COLUMNS = {
    "owner": "owner",
    "owned": "owned",
    "percent": "percent",
    "percentage": "percent",
    "share": "percent",
    "as_of": "as_of",
    "as_of_date": "as_of",
    "date": "as_of",
    "kind": "kind",
}
_UNKNOWN_PERCENT = {"", "?", "unknown", "n/a", "na"}
_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ENTITY_ID = re.compile(r"^[a-z][a-z0-9-]*:\S+$")


def read_ownership_file(path: Path) -> list[OwnershipRow]:
    """Every row of an ownership CSV, checked; OwnershipDataError lists what is wrong."""
    return _parse(path, _read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise OwnershipDataError(f"{path}: cannot read: {exc.strerror or exc}") from exc


def _parse(path: Path, raw: bytes) -> list[OwnershipRow]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OwnershipDataError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8 CSV"
        ) from exc
    first_line = text.split("\n", 1)[0]
    try:
        dialect: Any = csv.Sniffer().sniff(first_line, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, None)
    if header is None or not any(cell.strip() for cell in header):
        raise OwnershipDataError(f"{path}: empty file; expected a header row owner,owned,...")
    columns = _header_columns(path, header)
    rows: list[OwnershipRow] = []
    errors: list[str] = []
    for cells in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        try:
            rows.append(_row(line, cells, columns))
        except ValueError as exc:
            errors.append(f"{path}:{line}: {exc}")
    if not rows and not errors:
        raise OwnershipDataError(f"{path}: no rows after the header")
    _raise_if(errors)
    return rows


def _header_columns(path: Path, header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for position, cell in enumerate(header):
        name = _COLUMNS.get(cell.strip().lower().replace(" ", "_").replace("-", "_"))
        if name is None:
            raise OwnershipDataError(
                f"{path}:1: unknown column {cell.strip()!r}; the columns are owner, owned, "
                "percent, as_of and kind"
            )
        if name in columns:
            raise OwnershipDataError(f"{path}:1: column {name} appears twice")
        columns[name] = position
    missing = [c for c in ("owner", "owned") if c not in columns]
    if missing:
        raise OwnershipDataError(f"{path}:1: missing column(s) {', '.join(missing)}")
    return columns


def _row(line: int, cells: list[str], columns: dict[str, int]) -> OwnershipRow:
    def cell(name: str) -> str:
        position = columns.get(name)
        if position is None or position >= len(cells):
            return ""
        return " ".join(cells[position].split())

    owner, owned = cell("owner"), cell("owned")
    for column, value in (("owner", owner), ("owned", owned)):
        if not value:
            raise ValueError(f"{column}: empty")
        if len(value) > MAX_NAME_LENGTH:
            raise ValueError(f"{column}: longer than {MAX_NAME_LENGTH} characters")
    kind_text = cell("kind").lower() or RelationshipKind.OWNERSHIP.value
    try:
        kind = RelationshipKind(kind_text)
    except ValueError:
        known = ", ".join(k.value for k in RelationshipKind)
        raise ValueError(f"kind: {kind_text!r} is not one of {known}") from None
    percent = _percent(cell("percent"))
    if percent is not None and kind is not RelationshipKind.OWNERSHIP:
        raise ValueError(f"percent: given for a {kind.value} relationship (ownership only)")
    as_of = cell("as_of") or None
    if as_of is not None and not _is_iso_date(as_of):
        raise ValueError(f"as_of: {as_of!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return OwnershipRow(line, owner, owned, percent, as_of, kind)


def _percent(text: str) -> float | None:
    if text.lower() in _UNKNOWN_PERCENT:
        return None
    number = text.removesuffix("%").strip().replace(",", ".")
    try:
        value = float(number)
    except ValueError:
        raise ValueError(f"percent: {text!r} is not a number (0 to 100) or empty") from None
    if not 0 <= value <= 100:
        raise ValueError(f"percent: {text!r} is outside 0 to 100")
    return value


def _is_iso_date(text: str) -> bool:
    if not _ISO_PREFIX.match(text):
        return False
    try:
        date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        return False
    return True


def _raise_if(errors: list[str]) -> None:
    if errors:
        shown = errors[:MAX_REPORTED_ERRORS]
        more = len(errors) - len(shown)
        tail = f"\n... and {more} more" if more else ""
        raise OwnershipDataError("\n".join(shown) + tail)


# -- resolving parties ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Party:
    node: str
    caption: str
    match: float | None = None


def resolve_rows(
    rows: Iterable[OwnershipRow],
    *,
    path: Path,
    entity_ids: Collection[str],
    sources: Collection[str],
    screen: Callable[[str], Hit | None] | None,
) -> tuple[list[Stake], int, int]:
    """The rows as graph stakes, with the count of names matched to listed entities and
    of names left as named parties. ``screen`` returns the alerting hit for a name, or
    None; it is called once per distinct name."""
    resolved: dict[str, _Party] = {}
    errors: list[str] = []
    stakes: list[Stake] = []
    matched = unmatched = 0
    seen: dict[tuple[str, str, RelationshipKind], int] = {}
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        parties = []
        for column, ref in (("owner", row.owner), ("owned", row.owned)):
            party = resolved.get(ref)
            if party is None:
                try:
                    party = _resolve(ref, entity_ids, sources, screen)
                except ValueError as exc:
                    errors.append(f"{path}:{row.line}: {column}: {exc}")
                    continue
                resolved[ref] = party
                if party.match is not None:
                    matched += 1
                elif party.node.startswith(NAME_PREFIX):
                    unmatched += 1
            parties.append(party)
        if len(parties) < 2:
            continue
        owner, owned = parties
        if owner.node == owned.node:
            errors.append(f"{path}:{row.line}: owner and owned are the same party ({owner.node})")
            continue
        key = (owner.node, owned.node, row.kind)
        if key in seen:
            errors.append(
                f"{path}:{row.line}: the same {row.kind.value} of {owned.node} by "
                f"{owner.node} as line {seen[key]}"
            )
            continue
        seen[key] = row.line
        if row.percent is not None:
            totals[owned.node] += row.percent
        stakes.append(
            Stake(
                owner.node,
                owned.node,
                row.percent,
                row.kind,
                row.as_of,
                owner.caption,
                owned.caption,
                owner.match,
                owned.match,
            )
        )
    for node, total in totals.items():
        if total > 100 + 1e-6:
            errors.append(f"{path}: the stakes in {node} add up to {total:g}%, more than 100%")
    _raise_if(errors)
    return stakes, matched, unmatched


def _resolve(
    ref: str,
    entity_ids: Collection[str],
    sources: Collection[str],
    screen: Callable[[str], Hit | None] | None,
) -> _Party:
    if ref.startswith(CUSTOMER_PREFIX):
        customer = ref.removeprefix(CUSTOMER_PREFIX).strip()
        if not customer:
            raise ValueError(f"{ref!r}: no customer id after 'customer:'")
        return _Party(customer_node(customer), customer)
    if _ENTITY_ID.match(ref):
        source = ref.split(":", 1)[0]
        if source not in sources:
            known = ", ".join(sorted(sources)) or "none imported"
            raise ValueError(f"{ref!r}: no list {source!r} in the store (lists: {known})")
        if ref not in entity_ids:
            raise ValueError(f"{ref!r}: no such entity on the current {source} list")
        return _Party(ref, ref)
    if screen is None:
        raise ValueError(f"{ref!r} is a name, and names need the lists to screen against")
    hit = screen(ref)
    if hit is not None:
        return _Party(hit.entity_id, ref, hit.score)
    return _Party(name_node(ref), ref)


# -- the database --------------------------------------------------------------------------


def import_ownership(
    database: Database,
    path: Path,
    *,
    entity_ids: Collection[str],
    sources: Collection[str],
    screen: Callable[[str], Hit | None] | None,
    actor: str,
    replace: bool = False,
) -> OwnershipImport:
    """Check a whole ownership file, then store it in one transaction with an audit record.

    ``entity_ids`` and ``sources`` are the current lists' (to check entity ids);
    ``screen`` finds the listed entity a name is (see :func:`resolve_rows`)."""
    raw = _read_bytes(path)  # read once: the hash recorded is of the content imported
    stakes, matched, unmatched = resolve_rows(
        _parse(path, raw), path=path, entity_ids=entity_ids, sources=sources, screen=screen
    )
    digest = hashlib.sha256(raw).hexdigest()
    now = datetime.now(UTC).isoformat(timespec="seconds")
    mode = "replace" if replace else "merge"
    try:
        with database.begin() as connection:
            import_id = connection.execute(
                ownership_imports.insert().values(
                    file_name=path.name,
                    sha256=digest,
                    imported_at=now,
                    actor=actor,
                    mode=mode,
                    rows=len(stakes),
                    **dict.fromkeys(_COUNTS, 0),
                )
            ).inserted_primary_key[0]
            counts = _write(connection, stakes, import_id, replace)
            connection.execute(
                ownership_imports.update()
                .where(ownership_imports.c.id == import_id)
                .values(**counts)
            )
            result = OwnershipImport(
                import_id,
                path.name,
                digest,
                len(stakes),
                names_matched=matched,
                names_unmatched=unmatched,
                **counts,
            )
            event = AuditEvent(
                actor,
                "ownership.import",
                f"ownership-import:{import_id}",
                {**result.to_dict(), "mode": mode},
            )
            append(connection, event)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"{path}: the ownership data was not stored: {exc}") from exc
    return result


def _write(
    connection: Connection, stakes: list[Stake], import_id: int, replace: bool
) -> dict[str, int]:
    table = ownership_stakes
    existing = {
        (row.owner_node, row.owned_node, row.kind): row
        for row in connection.execute(sa.select(table))
    }
    counts = dict.fromkeys(_COUNTS, 0)
    inserts = []
    for stake in stakes:
        values = _stake_values(stake)
        key = (stake.owner, stake.owned, stake.kind.value)
        stored = existing.pop(key, None)
        if stored is None:
            inserts.append({**values, "import_id": import_id})
            counts["added"] += 1
        elif stored.as_of and stake.as_of and stake.as_of < stored.as_of:
            counts["kept_newer"] += 1
        elif all(getattr(stored, k) == v for k, v in values.items()):
            counts["unchanged"] += 1
        else:
            connection.execute(
                table.update().where(table.c.id == stored.id).values(**values, import_id=import_id)
            )
            counts["updated"] += 1
    if inserts:
        connection.execute(table.insert(), inserts)
    if replace and existing:
        stale = [row.id for row in existing.values()]
        for start in range(0, len(stale), 500):
            connection.execute(table.delete().where(table.c.id.in_(stale[start : start + 500])))
        counts["removed"] = len(stale)
    return counts


def _stake_values(stake: Stake) -> dict[str, Any]:
    return {
        "owner_node": stake.owner,
        "owned_node": stake.owned,
        "kind": stake.kind.value,
        "percent": stake.percent,
        "as_of": stake.as_of,
        "owner_ref": stake.owner_caption or stake.owner,
        "owned_ref": stake.owned_caption or stake.owned,
        "owner_match": stake.owner_match,
        "owned_match": stake.owned_match,
    }


def load_stakes(connection: Connection) -> list[Stake]:
    """Every stored relationship of the firm's data, as graph stakes."""
    return [
        Stake(
            row.owner_node,
            row.owned_node,
            row.percent,
            RelationshipKind(row.kind),
            row.as_of,
            row.owner_ref,
            row.owned_ref,
            row.owner_match,
            row.owned_match,
        )
        for row in connection.execute(sa.select(ownership_stakes).order_by(ownership_stakes.c.id))
    ]
