"""The peers Sanctio is measured against, run on the same cases and lists.

- ``JaroWinklerScreen``: a plain rapidfuzz Jaro-Winkler screen over normalised names, the
  method of OFAC's own Sanctions List Search: the best similarity over every listed name.
- ``NomenklaturaScreen``: OpenSanctions' nomenklatura matcher ``logic-v2``, the default of
  yente (benchmark-only extra: ``pip install nomenklatura``). yente retrieves candidates
  with ElasticSearch; here it is given the Jaro-Winkler top candidates plus the expected
  entity, so its recall is an upper bound of yente's.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from normality import normalize
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from sanctio.model import Entity, IdType, NameKind, Schema


def _normal(name: str) -> str:
    return normalize(name, latinize=True) or ""


class JaroWinklerScreen:
    """Best Jaro-Winkler similarity over every listed name."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.names: list[str] = []
        self.owner: list[int] = []
        for pos, entity in enumerate(entities):
            for name in entity.names:
                text = _normal(name.full)
                if text:
                    self.names.append(text)
                    self.owner.append(pos)
        self.owner_array = np.array(self.owner)

    def scores(self, query: str, limit: int = 10) -> dict[int, float]:
        """Entity position -> best similarity, for the ``limit`` best entities."""
        found = process.extract(
            _normal(query), self.names, scorer=JaroWinkler.normalized_similarity, limit=limit * 5
        )
        best: dict[int, float] = {}
        for _, score, idx in found:
            pos = self.owner[idx]
            if score > best.get(pos, 0.0):
                best[pos] = score
        return dict(sorted(best.items(), key=lambda kv: -kv[1])[:limit])


_FTM_SCHEMA = {
    Schema.PERSON: "Person",
    Schema.ORGANIZATION: "Organization",
    Schema.VESSEL: "Vessel",
    Schema.AIRCRAFT: "Airplane",
    Schema.UNKNOWN: "LegalEntity",
}


class NomenklaturaScreen:
    """nomenklatura logic-v2 over given candidates."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig

        self.model = model
        self.algorithm = get_algorithm("logic-v2")
        self.config = ScoringConfig.defaults()
        self.entities = entities
        self._proxies: dict[int, object] = {}
        self._ids = itertools.count()  # nomenklatura caches by entity id: one id per query

    def proxy(self, pos: int) -> object:
        """The FollowTheMoney form of a listed entity."""
        if pos not in self._proxies:
            entity = self.entities[pos]
            proxy = self.model.make_entity(_FTM_SCHEMA[entity.schema])
            proxy.id = entity.id
            for name in entity.names:
                prop = "weakAlias" if name.kind is NameKind.WEAK else "name"
                proxy.add(prop, name.full, quiet=True)
            if entity.schema is Schema.PERSON:
                proxy.add("birthDate", [d.value for d in entity.birth_dates], quiet=True)
                proxy.add("nationality", list(entity.nationalities), quiet=True)
            proxy.add("country", list(entity.countries), quiet=True)
            for ident in entity.identifiers:
                if ident.type is IdType.IMO and entity.schema is Schema.VESSEL:
                    proxy.add("imoNumber", ident.value, quiet=True)
                elif entity.schema is not Schema.VESSEL:
                    proxy.add("idNumber", ident.value, quiet=True)
            self._proxies[pos] = proxy
        return self._proxies[pos]

    def query_proxy(self, name: str, schema: str) -> object:
        """A query as a FollowTheMoney entity."""
        proxy = self.model.make_entity(
            schema if schema in ("Person", "Organization") else "LegalEntity"
        )
        proxy.id = f"query-{next(self._ids)}"
        proxy.add("name", name, quiet=True)
        return proxy

    def score(self, query: object, pos: int) -> float:
        """logic-v2 score of a query against one listed entity."""
        return float(self.algorithm.compare(query, self.proxy(pos), self.config).score)
