"""Comparing two prepared names: token similarity, alignment, and a weighted name score.

Tokens are aligned one to one, best pairs first; two adjacent tokens may also align
with one token of the other name when written together (jin ping ~ jinping,
abdul rahman ~ abdulrahman). A token weighs its rarity on the lists times its role
(a particle or a legal form weighs little); an aligned pair weighs what the listed
token weighs, so a misspelt query token counts as what it stands for.

Each side's coverage is the share of its weight that found a partner, scaled by the
power 1.5 of how close the partner is. Listed name parts missing from the query (a middle
name, a patronymic) weigh half, since queries often leave them out. The name score is
the geometric mean of both coverages. A person cannot match on one name part alone:
when the listed name has two or more name parts and fewer than two of them are matched
closely (similarity at least 0.75), the score is capped below any sensible threshold;
so is a query made only of legal forms and generic words ("Trading Company LLC") against
a listed name with a distinctive part, and
a match resting on a single name part that is common on the lists ("Mohammed" against
the alias "MOHAMED"); a rare single name ("Rosneft", "Hezbollah") can alert.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import OSA
from rapidfuzz.distance import Levenshtein as Lev

from sanctio.matching.prepare import PreparedName, Role, Token
from sanctio.model import Schema

__all__ = ["NameMatch", "TokenPair", "compare_names", "token_similarity"]

MIN_TOKEN_SIMILARITY = 0.7
LATIN_SOUND_MIN_SPELLING = 0.55
ROLE_WEIGHT = {Role.NAME: 1.0, Role.PARTICLE: 0.15, Role.GENERIC: 0.25, Role.LEGAL: 0.05}
MISSING_LISTED_FACTOR = 0.5
SINGLE_PART_CAP = 0.7
STRONG_PART = 0.75
JOINED_MIN_SIMILARITY = 0.85
SIMILARITY_EXPONENT = 1.5
TRUNCATED_SIMILARITY = 0.88
DOUBLED_SIMILARITY = 0.97
_DOUBLED = re.compile(r"(.)\1+")
RARE_SINGLE_WEIGHT = 7.0  # log(names / names with it): about one name in 1,100
TRUNCATED_MIN_LENGTH = 4


@dataclass(frozen=True, slots=True)
class TokenPair:
    """A query token aligned with a candidate token, and how closely they agree."""

    query: str
    candidate: str
    similarity: float
    how: str  # "exact", "spelling", "phonetic", "initial", "joined", "truncated"


@dataclass(frozen=True, slots=True)
class NameMatch:
    """How one query name compares with one candidate name."""

    score: float
    pairs: tuple[TokenPair, ...]
    query_unmatched: tuple[str, ...]
    candidate_unmatched: tuple[str, ...]


# Similarity of two tokens whose phonetic keys agree, by key length. Across scripts the
# key is most of what can be compared (short vowels are not written in Arabic), so it
# counts for more than between two Latin spellings.
_SAME_KEY = {False: (0.8, 0.9, 0.93), True: (0.92, 0.95, 0.96)}
_NEAR_KEY = {False: 0.85, True: 0.88}


def _similarity(a_text: str, a_key: str, b_text: str, b_key: str, sound: int) -> tuple[float, str]:
    """``sound``: 0 = keys do not count, 1 = Latin spellings, 2 = across scripts."""
    if a_text == b_text:
        return 1.0, "exact"
    if _DOUBLED.sub(r"\1", a_text) == _DOUBLED.sub(r"\1", b_text):
        # Assad ~ Asad: Arabic does not write a doubled consonant, so across scripts this
        # is the same spelling; between two Latin spellings, nearly.
        return (1.0, "exact") if sound == 2 else (DOUBLED_SIMILARITY, "spelling")
    # y and i are one letter in transliteration (Ryu ~ Riu, Husayn ~ Husain, Bay ~ Bai).
    spelling = OSA.normalized_similarity(a_text.replace("y", "i"), b_text.replace("y", "i"))
    best, how = spelling, "spelling"
    across = sound == 2
    if not across and spelling < LATIN_SOUND_MIN_SPELLING:
        sound = 0
    if sound and a_key == b_key and len(a_key) >= 2:
        phonetic = _SAME_KEY[across][min(len(a_key), 4) - 2]
        if phonetic > best:
            best, how = phonetic, "phonetic"
    elif (
        sound
        and min(len(a_key), len(b_key)) >= 4
        and (across or a_key[0] == b_key[0])
        and Lev.distance(a_key, b_key) <= 1
    ):
        phonetic = _NEAR_KEY[across]
        if phonetic > best:
            best, how = phonetic, "phonetic"
    is_initial = (len(a_text) == 1 and b_text.startswith(a_text)) or (
        len(b_text) == 1 and a_text.startswith(b_text)
    )
    if is_initial and best < 0.75:
        best, how = 0.75, "initial"
    return best, how


_PAIR_CACHE: dict[int, tuple[float, str]] = {}
_PAIR_CACHE_SIZE = 2_000_000


def token_similarity(a: Token, b: Token) -> tuple[float, str]:
    """How alike two tokens are, 0 to 1, and in what way.

    Phonetic keys count where the tokens may be renderings of one spoken name: one of
    them comes from a script that leaves short vowels unwritten (Arabic, Hebrew), or both
    have as many syllables (so "Mohammed" ~ "Muhammad" and "Qaddafi" ~ "Kadhafi", but not
    "Jing" ~ "Jinghe" nor "Putin" ~ "Potanin"). They count most across scripts.
    """
    pair = (a.id << 32) | b.id
    found = _PAIR_CACHE.get(pair)
    if found is None:
        across = a.transliterated or b.transliterated
        if a.abjad or b.abjad:
            sound = 2
        elif a.syllables == b.syllables:
            sound = 2 if across else 1
        elif across and abs(a.syllables - b.syllables) == 1 and len(a.key) >= 5:
            sound = 2  # Aleksandr ~ Alexander: long keys tell names apart on their own
        else:
            sound = 0
        found = _similarity(a.text, a.key, b.text, b.key, sound)
        if len(_PAIR_CACHE) >= _PAIR_CACHE_SIZE:
            _PAIR_CACHE.clear()
        _PAIR_CACHE[pair] = found
    return found


Weigh = Callable[[Token], float]


def compare_names(query: PreparedName, candidate: PreparedName, weigh: Weigh) -> NameMatch:
    """Align the tokens of two names and score the alignment (see the module docstring)."""
    q_tokens, c_tokens = query.tokens, candidate.tokens
    if not q_tokens or not c_tokens:
        return NameMatch(0.0, (), tuple(t.text for t in q_tokens), tuple(t.text for t in c_tokens))
    options = _alignment_options(q_tokens, c_tokens)
    q_sim = [0.0] * len(q_tokens)
    c_sim = [0.0] * len(c_tokens)
    pairs: list[TokenPair] = []
    for sim, q_span, c_span, how in options:
        if any(q_sim[i] for i in q_span) or any(c_sim[j] for j in c_span):
            continue
        for i in q_span:
            q_sim[i] = sim
        for j in c_span:
            c_sim[j] = sim
        q_text = " ".join(q_tokens[i].text for i in q_span)
        c_text = " ".join(c_tokens[j].text for j in c_span)
        pairs.append(TokenPair(q_text, c_text, round(sim, 3), how))
    q_weight = [weigh(t) * ROLE_WEIGHT[t.role] for t in q_tokens]
    c_weight = [weigh(t) * ROLE_WEIGHT[t.role] for t in c_tokens]
    q_cov = _coverage(q_weight, q_sim, 1.0)
    c_cov = _coverage(c_weight, c_sim, MISSING_LISTED_FACTOR)
    score = math.sqrt(q_cov * c_cov)
    if _only_generic(q_tokens) and not _only_generic(c_tokens):
        score = min(score, SINGLE_PART_CAP)  # "Trading Company LLC" is not "Acme Trading Co"
    elif _rests_on_one_common_part(q_tokens, c_tokens, (q_sim, c_sim), (q_weight, c_weight)):
        score = min(score, SINGLE_PART_CAP)  # "Mohammed" against the alias "MOHAMED"
    elif Schema.PERSON in (query.schema, candidate.schema):
        listed_parts = [s for t, s in zip(c_tokens, c_sim, strict=True) if t.role is Role.NAME]
        if len(listed_parts) >= 2 and sum(1 for s in listed_parts if s >= STRONG_PART) < 2:
            score = min(score, SINGLE_PART_CAP)
    return NameMatch(
        score=score,
        pairs=tuple(pairs),
        query_unmatched=tuple(t.text for t, s in zip(q_tokens, q_sim, strict=True) if not s),
        candidate_unmatched=tuple(t.text for t, s in zip(c_tokens, c_sim, strict=True) if not s),
    )


def _only_generic(tokens: tuple[Token, ...]) -> bool:
    """True when every token is a legal form or a generic organisation word."""
    return all(t.role in (Role.LEGAL, Role.GENERIC) for t in tokens)


def _rests_on_one_common_part(
    q_tokens: tuple[Token, ...],
    c_tokens: tuple[Token, ...],
    sims: tuple[list[float], list[float]],
    weights: tuple[list[float], list[float]],
) -> bool:
    """True when one side has a single name part and the match rests on it although it is
    common on the lists (weight below RARE_SINGLE_WEIGHT on either side)."""
    sides = []
    for tokens, side_sims, side_weights in zip((q_tokens, c_tokens), sims, weights, strict=True):
        parts = [
            (s, w)
            for t, s, w in zip(tokens, side_sims, side_weights, strict=True)
            if t.role is Role.NAME
        ]
        sides.append(parts)
    if min(len(sides[0]), len(sides[1])) != 1:
        return False
    matched = [w for parts in sides for s, w in parts if s]
    return bool(matched) and len(matched) <= 2 and min(matched) < RARE_SINGLE_WEIGHT


Option = tuple[float, tuple[int, ...], tuple[int, ...], str]


def _alignment_options(q_tokens: tuple[Token, ...], c_tokens: tuple[Token, ...]) -> list[Option]:
    """Every way a query token, or two adjacent ones written together, may align with a
    candidate token (or two adjacent ones), best first; ties prefer the earlier tokens.
    The query's last token may be cut short (a payment field's length limit): as the
    start of a longer listed token it aligns at TRUNCATED_SIMILARITY."""
    options: list[Option] = []
    last = len(q_tokens) - 1
    q_best = [0.0] * len(q_tokens)
    c_best = [0.0] * len(c_tokens)
    for i, qt in enumerate(q_tokens):
        for j, ct in enumerate(c_tokens):
            sim, how = token_similarity(qt, ct)
            if (
                i == last
                and sim < TRUNCATED_SIMILARITY
                and len(qt.text) >= TRUNCATED_MIN_LENGTH
                and ct.text.startswith(qt.text)
            ):
                sim, how = TRUNCATED_SIMILARITY, "truncated"
            if sim >= MIN_TOKEN_SIMILARITY:
                options.append((sim, (i,), (j,), how))
                q_best[i] = max(q_best[i], sim)
                c_best[j] = max(c_best[j], sim)
    # Two tokens written together only matter where a token found no close partner alone.
    if min(q_best) < JOINED_MIN_SIMILARITY or min(c_best) < JOINED_MIN_SIMILARITY:
        _joined_options(q_tokens, c_tokens, q_best, c_best, options, query_split=True)
        _joined_options(c_tokens, q_tokens, c_best, q_best, options, query_split=False)
    options.sort(key=lambda o: (-o[0], len(o[1]) + len(o[2]) == 2, o[1], o[2]))
    return options


def _joined_options(
    split: tuple[Token, ...],
    whole: tuple[Token, ...],
    split_best: list[float],
    whole_best: list[float],
    options: list[Option],
    *,
    query_split: bool,
) -> None:
    """Options where two adjacent tokens of ``split`` align with one token of ``whole``."""
    for i in range(len(split) - 1):
        if split_best[i] >= JOINED_MIN_SIMILARITY and split_best[i + 1] >= JOINED_MIN_SIMILARITY:
            continue
        joined = split[i].text + split[i + 1].text
        for j, other in enumerate(whole):
            if whole_best[j] >= JOINED_MIN_SIMILARITY or abs(len(joined) - len(other.text)) > 2:
                continue
            sim = OSA.normalized_similarity(joined, other.text)
            if sim >= JOINED_MIN_SIMILARITY:
                spans = ((i, i + 1), (j,)) if query_split else ((j,), (i, i + 1))
                options.append((sim, *spans, "joined"))


def _coverage(weights: list[float], sims: list[float], missing_factor: float) -> float:
    """Share of the weight that found a partner; an unmatched token weighs ``missing_factor``
    times its weight. A near match counts less than its similarity alone says: 0.9 -> 0.85."""
    total = matched = 0.0
    for weight, sim in zip(weights, sims, strict=True):
        if sim:
            total += weight
            matched += weight * sim**SIMILARITY_EXPONENT
        else:
            total += weight * missing_factor
    return matched / total if total else 0.0
