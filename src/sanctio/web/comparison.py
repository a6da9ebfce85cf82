"""An alert's customer and listed entity side by side, each field marked as agreeing or
conflicting by the screening's own evidence.

The verdicts are not worked out here: they are read from the scorer's own explanation
(the matched name, and the evidence features with their adjustments). Monitoring keeps
only a one-line summary with each alert, so :func:`explain_alert` asks the scorer again,
with the customer's record against the entity as the alert's list version has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sanctio.matching.query import Query
from sanctio.matching.score import Comparison, prepare_query_names, score_entity
from sanctio.model import Entity
from sanctio.monitor.material import FIELD_LABELS

__all__ = ["FEATURE_OF", "ComparedField", "compare_sides", "explain_alert"]

# Field of monitoring's material snapshots (customer_data, entity_data) -> the evidence
# feature that compares it; the names are compared by the name match itself.
FEATURE_OF = {
    "schema": "schema_mismatch",
    "birth_dates": "birth_date",
    "countries": "country",
    "gender": "gender",
    "identifiers": "identifier_match",
}
# What a feature's zero adjustment means: gender and identical identifiers agree without
# moving the score (an identical identifier is decisive instead); a birth year one year
# off is close, neither for nor against.
_ZERO = {"gender": "agree", "identifier_match": "agree", "birth_date": "close"}


@dataclass(frozen=True, slots=True)
class ComparedField:
    """One row: the customer's values, the entity's, the verdict and the evidence's words."""

    label: str
    customer: tuple[str, ...]
    entity: tuple[str, ...]
    verdict: str  # "agree", "conflict", "close", "matched" or "" (not compared)
    reason: str
    highlight_customer: str | None = None  # the value the verdict is about, where one is
    highlight_entity: str | None = None


def _verdict(feature: str, adjustment: float) -> str:
    if adjustment > 0:
        return "agree"
    if adjustment < 0:
        return "conflict"
    return _ZERO.get(feature, "close")


def compare_sides(
    customer: dict[str, list[str]], entity: dict[str, list[str]], explanation: dict[str, Any]
) -> list[ComparedField]:
    """The rows of the side-by-side table, in a fixed order; fields neither side has are left
    out."""
    evidence = {e["feature"]: e for e in explanation.get("evidence", [])}
    rows = []
    for field, name in FIELD_LABELS.items():
        label, feature = name.capitalize(), FEATURE_OF.get(field)
        ours, theirs = tuple(customer.get(field, [])), tuple(entity.get(field, []))
        if not ours and not theirs:
            continue
        if field == "names":
            matched = explanation.get("matched_name", "")
            reason = (
                f"“{explanation.get('query_name', '')}” matched “{matched}”, name score "
                f"{explanation.get('name_score', 0):.2f}"
            )
            rows.append(
                ComparedField(
                    label,
                    ours,
                    theirs,
                    "matched",
                    reason,
                    highlight_customer=explanation.get("query_name"),
                    highlight_entity=next((v for v in theirs if v.startswith(matched)), None),
                )
            )
            continue
        found = evidence.get(feature) if feature else None
        if found is None:
            reason = "" if ours and theirs else "only one side has this"
            rows.append(ComparedField(label, ours, theirs, "", reason))
        else:
            verdict = _verdict(found["feature"], found["adjustment"])
            rows.append(ComparedField(label, ours, theirs, verdict, found["reason"]))
    return rows


def explain_alert(customer_record: dict[str, Any], entity: Entity, threshold: float) -> Comparison:
    """The scorer's full comparison of a customer's record with a listed entity."""
    query = Query.from_record(customer_record)
    return score_entity(query, prepare_query_names(query), entity, threshold=threshold)
