"""Explanations: why a hit scored what it did, in words an analyst understands.

Kept as small slotted records while scoring; turned into text or dicts only at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sanctio.matching.names import TokenPair

__all__ = ["Evidence", "Explanation"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of secondary evidence and what it did to the score."""

    feature: str
    adjustment: float
    reason: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """The matched names, the token alignment and the evidence behind a score."""

    query_name: str
    matched_name: str
    name_kind: str  # primary, alias, weak
    name_score: float
    pairs: tuple[TokenPair, ...]
    query_unmatched: tuple[str, ...]
    candidate_unmatched: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    weak_alias_factor: float = 1.0

    def summary(self) -> str:
        """One line: the name that matched and the strongest reasons."""
        kind = {"primary": "name", "alias": "alias", "weak": "weak alias"}[self.name_kind]
        parts = [
            f"{kind} {self.matched_name!r} matched {self.query_name!r} ({self.name_score:.2f})"
        ]
        parts += [e.reason for e in self.evidence if e.adjustment]
        return "; ".join(parts)

    def lines(self) -> list[str]:
        """The whole explanation, one statement per line."""
        kind = {"primary": "primary name", "alias": "alias", "weak": "weak alias"}[self.name_kind]
        out = [f"query {self.query_name!r} matched the {kind} {self.matched_name!r}"]
        for pair in self.pairs:
            how = {
                "exact": "exactly",
                "spelling": "by spelling",
                "phonetic": "by sound/transliteration",
                "initial": "as an initial",
                "joined": "written together",
                "truncated": "as its cut-off start",
            }[pair.how]
            out.append(f"  {pair.query!r} ~ {pair.candidate!r} {how} ({pair.similarity:.2f})")
        if self.query_unmatched:
            out.append(f"  not found in the listed name: {', '.join(self.query_unmatched)}")
        if self.candidate_unmatched:
            out.append(
                f"  listed name parts not in the query: {', '.join(self.candidate_unmatched)}"
            )
        out.append(f"  name score {self.name_score:.2f}")
        if self.weak_alias_factor != 1.0:
            out.append(f"  weak alias: score times {self.weak_alias_factor:.2f}")
        for e in self.evidence:
            sign = "+" if e.adjustment > 0 else "-" if e.adjustment < 0 else "="
            out.append(f"  {sign} {e.reason}")
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "summary": self.summary(),
            "query_name": self.query_name,
            "matched_name": self.matched_name,
            "name_kind": self.name_kind,
            "name_score": round(self.name_score, 4),
            "tokens": [
                {
                    "query": p.query,
                    "candidate": p.candidate,
                    "similarity": p.similarity,
                    "how": p.how,
                }
                for p in self.pairs
            ],
            "query_unmatched": list(self.query_unmatched),
            "candidate_unmatched": list(self.candidate_unmatched),
            "evidence": [
                {"feature": e.feature, "adjustment": e.adjustment, "reason": e.reason}
                for e in self.evidence
            ],
        }

    def __str__(self) -> str:
        return "\n".join(self.lines())
