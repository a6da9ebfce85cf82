"""One-line builders for entities and parsed lists in tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sanctio.model import Entity, FuzzyDate, Identifier, IdType, Name, NameKind, Schema
from sanctio.sources._common import ParsedList


def _entity(
    schema: Schema,
    source: str,
    local_id: str,
    name: str,
    aliases: Iterable[str],
    weak: Iterable[str],
    fields: dict[str, Any],
) -> Entity:
    names = (
        Name(name),
        *(Name(a, kind=NameKind.ALIAS) for a in aliases),
        *(Name(w, kind=NameKind.WEAK) for w in weak),
    )
    if "birth_dates" in fields:
        fields["birth_dates"] = tuple(FuzzyDate(d) for d in fields["birth_dates"])
    if "identifiers" in fields:
        fields["identifiers"] = tuple(_identifier(i) for i in fields["identifiers"])
    for key in ("nationalities", "countries", "programs"):
        if key in fields:
            fields[key] = tuple(fields[key])
    return Entity(id=f"{source}:{local_id}", source=source, schema=schema, names=names, **fields)


def _identifier(value: Identifier | str) -> Identifier:
    """An Identifier, or ``"passport:X123"`` text for one."""
    if isinstance(value, Identifier):
        return value
    kind, _, number = value.partition(":")
    return Identifier(type=IdType(kind), value=number)


def person(
    source: str, local_id: str, name: str, *aliases: str, weak: Iterable[str] = (), **fields: Any
) -> Entity:
    """A Person with a primary name, strong aliases, weak aliases and any other Entity fields
    (``birth_dates`` as ISO text, ``identifiers`` as ``"passport:X123"`` text)."""
    return _entity(Schema.PERSON, source, local_id, name, aliases, weak, fields)


def organization(
    source: str, local_id: str, name: str, *aliases: str, weak: Iterable[str] = (), **fields: Any
) -> Entity:
    """An Organization, built like :func:`person`."""
    return _entity(Schema.ORGANIZATION, source, local_id, name, aliases, weak, fields)


def vessel(
    source: str, local_id: str, name: str, *aliases: str, weak: Iterable[str] = (), **fields: Any
) -> Entity:
    """A Vessel, built like :func:`person` (``identifiers=["imo:9187629"]``)."""
    return _entity(Schema.VESSEL, source, local_id, name, aliases, weak, fields)


def parsed_list(
    tmp_path: Path, source: str, entities: list[Entity], *, content: str | None = None
) -> ParsedList:
    """A ParsedList backed by one small file whose bytes decide the version's content hash."""
    path = tmp_path / f"{source}-{len(entities)}-{abs(hash(content or ''))}.txt"
    path.write_text(content if content is not None else "\n".join(e.id for e in entities))
    return ParsedList(source=source, format="test", entities=entities, files=[path])
