"""One-line builders for entities and parsed lists in tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sanctio.model import Entity, FuzzyDate, Name, NameKind, Schema
from sanctio.sources._common import ParsedList


def person(source: str, local_id: str, name: str, *aliases: str, **fields: Any) -> Entity:
    """A Person with a primary name, strong aliases and any other Entity fields."""
    names = (Name(name), *(Name(a, kind=NameKind.ALIAS) for a in aliases))
    if "birth_dates" in fields:
        fields["birth_dates"] = tuple(FuzzyDate(d) for d in fields["birth_dates"])
    return Entity(
        id=f"{source}:{local_id}", source=source, schema=Schema.PERSON, names=names, **fields
    )


def parsed_list(
    tmp_path: Path, source: str, entities: list[Entity], *, content: str | None = None
) -> ParsedList:
    """A ParsedList backed by one small file whose bytes decide the version's content hash."""
    path = tmp_path / f"{source}-{len(entities)}-{abs(hash(content or ''))}.txt"
    path.write_text(content if content is not None else "\n".join(e.id for e in entities))
    return ParsedList(source=source, format="test", entities=entities, files=[path])
