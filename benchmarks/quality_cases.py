"""Labelled screening cases generated from the real lists: deterministic for a given seed.

Each case is a query, the class and subclass of its variation, and the listed entity it
must find (None for negatives, which must raise no alert at all). Positive cases vary a
real list name (benign, adversarial, degraded) or use the same entity's name in Arabic or
Cyrillic script as the list itself gives it (cross-script, from the UK OFSI spreadsheet
and the UN list, screened against the Latin names only).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from namepools import COMPANY_KINDS, COMPANY_WORDS, FAMILY, GIVEN, LEGAL_FORMS, PUBLIC_FIGURES

from sanctio.model import Entity, NameKind, Schema
from sanctio.text.scripts import detect_script


@dataclass(frozen=True)
class Case:
    """One labelled query."""

    cls: str
    subclass: str
    query: str
    schema: str
    expected: str | None  # entity id, or None for a negative
    origin: str  # the list name it was made from


Variation = Callable[[str, Schema, random.Random], str | None]

_WORD = re.compile(r"[^\W\d_]+")


def _tokens(name: str) -> list[str]:
    return name.split()


# ---- benign ----------------------------------------------------------------------------


def case_change(name, schema, rng):
    return rng.choice([name.lower(), name.upper(), name.title(), name.swapcase()])


_ACCENTS = {"a": "áàâä", "e": "éèêë", "i": "íî", "o": "óôö", "u": "úüû", "c": "ç", "n": "ñ"}


def diacritics(name, schema, rng):
    spots = [i for i, ch in enumerate(name) if ch.lower() in _ACCENTS]
    if not spots:
        return None
    chars = list(name)
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        accented = rng.choice(_ACCENTS[chars[i].lower()])
        chars[i] = accented.upper() if chars[i].isupper() else accented
    return "".join(chars)


def punctuation(name, schema, rng):
    stripped = re.sub(r"[^\w\s]", " ", name)
    stripped = re.sub(r"\s+", " ", stripped).strip()
    if stripped != name:
        return stripped
    words = name.split()
    if len(words) < 2:
        return None
    return ", ".join(words[:1]) + " " + ". ".join(words[1:]) + "."


_PARTICLE_SWAPS = [
    (r"\bal-", "el-"),
    (r"\bAL-", "EL-"),
    (r"\bal ", "el "),
    (r"\bAL ", "EL "),
    (r"\bal-", ""),
    (r"\bAL-", ""),
    (r"\bbin\b", "ibn"),
    (r"\bBIN\b", "IBN"),
    (r"\bbin\b", "ben"),
    (r"\bAbu\b", "Abou"),
    (r"\bABU\b", "ABOU"),
    (r"\bvan\b", "van der"),
    (r"\bde\b", "de la"),
]


def particles(name, schema, rng):
    options = [(p, r) for p, r in _PARTICLE_SWAPS if re.search(p, name)]
    if not options:
        return None
    pattern, replacement = rng.choice(options)
    return re.sub(pattern, replacement, name, count=1)


def word_order(name, schema, rng):
    if "," in name:
        last, _, first = name.partition(",")
        return f"{first.strip()} {last.strip()}"
    words = name.split()
    if len(words) < 2:
        return None
    return f"{words[-1].upper()}, {' '.join(words[:-1])}"


_TITLES = ["Dr.", "Sheikh", "General", "Mr.", "Hajji", "Colonel", "Prof.", "Mrs.", "Shaykh"]


def titles(name, schema, rng):
    if schema is not Schema.PERSON:
        return None
    return f"{rng.choice(_TITLES)} {name}"


_LEGAL = re.compile(
    r"\b(LLC|L\.L\.C\.|LTD\.?|LIMITED|JSC|OJSC|CJSC|PJSC|OOO|GMBH|S\.A\.|SA|CO\.|COMPANY|INC\.?|"
    r"CORP\.?|CORPORATION|PLC|FZE|LLP)\b",
    re.I,
)


def legal_forms(name, schema, rng):
    if schema is not Schema.ORGANIZATION:
        return None
    if _LEGAL.search(name):
        return _LEGAL.sub(lambda _m: rng.choice(LEGAL_FORMS), name, count=1)
    return f"{name} {rng.choice(LEGAL_FORMS)}"


_SPELLINGS = [
    ["muhammad", "mohammed", "mohamed", "mohammad", "muhammed", "mohamad"],
    ["ahmad", "ahmed"],
    ["hussein", "husayn", "hussain", "husain", "hossein"],
    ["hassan", "hasan"],
    ["mahmoud", "mahmud", "mahmood"],
    ["abdul", "abdel", "abd al", "abdal"],
    ["abdullah", "abdallah", "abdulla"],
    ["yusuf", "youssef", "yousef", "yousif"],
    ["omar", "umar"],
    ["osama", "usama", "oussama"],
    ["khalid", "khaled"],
    ["said", "saeed", "sayed", "saied"],
    ["qaddafi", "gaddafi", "kadhafi", "qadhafi"],
    ["nasser", "nasir", "naser"],
    ["mustafa", "mostafa", "moustafa"],
    ["ali", "aly"],
    ["ibrahim", "ebrahim", "brahim"],
    ["ismail", "ismael", "esmail"],
    ["jamal", "gamal"],
    ["karim", "kareem"],
    ["rahman", "rehman"],
    ["suleiman", "sulaiman", "soleiman", "suleyman"],
    ["yahya", "yehia"],
    ["aleksandr", "alexander", "aleksander"],
    ["sergey", "sergei"],
    ["yuri", "yury", "iurii"],
    ["dmitry", "dmitri", "dmitriy"],
    ["andrey", "andrei"],
    ["alexey", "aleksei", "alexei", "aleksey"],
    ["evgeny", "yevgeny", "evgeniy"],
]
_SPELLING_OF = {v: group for group in _SPELLINGS for v in group}


def transliteration(name, schema, rng):
    words = name.split()
    spots = [i for i, w in enumerate(words) if w.lower().strip(",.") in _SPELLING_OF]
    if spots:
        i = rng.choice(spots)
        word = words[i].lower().strip(",.")
        other = rng.choice([v for v in _SPELLING_OF[word] if v != word])
        words[i] = other.upper() if words[i].isupper() else other.title()
        return " ".join(words)
    rules = [
        ("ou", "u"),
        ("ee", "i"),
        ("y", "i"),
        ("kh", "h"),
        ("q", "k"),
        ("ph", "f"),
        ("j", "dj"),
    ]
    rng.shuffle(rules)
    for a, b in rules:
        pattern = re.compile(re.escape(a), re.I)
        if pattern.search(name):
            return pattern.sub(
                lambda m, b=b: b.upper() if m.group(0).isupper() else b, name, count=1
            )
    return None


def missing_middle(name, schema, rng):
    if schema is not Schema.PERSON:
        return None
    words = [w for w in re.split(r"[\s,]+", name) if w]
    if len(words) < 3:
        return None
    drop = rng.randrange(1, len(words) - 1)
    return " ".join(w for i, w in enumerate(words) if i != drop)


# ---- adversarial -----------------------------------------------------------------------

_HOMOGLYPHS = {
    "a": "а",
    "e": "е",
    "o": "о",
    "p": "р",
    "c": "с",
    "x": "х",
    "y": "у",
    "i": "і",
    "A": "А",
    "E": "Е",
    "O": "О",
    "P": "Р",
    "C": "С",
    "H": "Н",
    "K": "К",
    "M": "М",
    "T": "Т",
    "B": "В",
    "X": "Х",
}


def lookalikes(name, schema, rng):
    spots = [i for i, ch in enumerate(name) if ch in _HOMOGLYPHS]
    if not spots:
        return None
    chars = list(name)
    for i in rng.sample(spots, min(len(spots), rng.randint(1, 3))):
        chars[i] = _HOMOGLYPHS[chars[i]]
    return "".join(chars)


_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060", "\u200e"]


def invisible(name, schema, rng):
    chars = list(name)
    for _ in range(rng.randint(1, 3)):
        chars.insert(rng.randrange(1, len(chars)), rng.choice(_INVISIBLE))
    return "".join(chars)


def spacing(name, schema, rng):
    words = name.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5]
    trick = rng.choice(["split", "hyphen", "dots", "spaces"])
    if trick in ("split", "hyphen") and long_words:
        i = rng.choice(long_words)
        cut = rng.randrange(2, len(words[i]) - 1)
        glue = " " if trick == "split" else "-"
        words[i] = words[i][:cut] + glue + words[i][cut:]
        return " ".join(words)
    if trick == "dots" and len(words) > 1:
        return ".".join(words)
    return "   ".join(words)


def doubled_dropped(name, schema, rng):
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    doubles = [i for i in range(1, len(name)) if name[i] == name[i - 1] and name[i].isalpha()]
    if doubles and rng.random() < 0.5:
        i = rng.choice(doubles)
        return name[:i] + name[i + 1 :]
    i = rng.choice(letters)
    return name[:i] + name[i] + name[i:]


# ---- degraded --------------------------------------------------------------------------

_KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm".split()


def _neighbour(ch: str, rng: random.Random) -> str:
    low = ch.lower()
    for row in _KEYBOARD:
        if low in row:
            i = row.index(low)
            options = [row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)]
            pick = rng.choice(options)
            return pick.upper() if ch.isupper() else pick
    return ch


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["sub", "del", "ins", "swap"])
    if kind == "sub":
        return word[:i] + _neighbour(word[i], rng) + word[i + 1 :]
    if kind == "del":
        return word[:i] + word[i + 1 :]
    if kind == "ins":
        return word[:i] + _neighbour(word[i], rng) + word[i:]
    return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]


def _typos(name: str, rng: random.Random, count: int) -> str | None:
    words = name.split()
    spots = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if len(spots) < count:
        return None
    for i in rng.sample(spots, count):
        words[i] = _typo(words[i], rng)
    return " ".join(words)


def one_typo(name, schema, rng):
    return _typos(name, rng, 1)


def two_typos(name, schema, rng):
    return _typos(name, rng, 2)


_OCR = [
    ("rn", "m"),
    ("m", "rn"),
    ("l", "1"),
    ("I", "l"),
    ("O", "0"),
    ("e", "c"),
    ("cl", "d"),
    ("h", "b"),
    ("S", "5"),
    ("B", "8"),
    ("E", "F"),
]


def ocr(name, schema, rng):
    options = [(a, b) for a, b in _OCR if a in name]
    if not options:
        return None
    a, b = rng.choice(options)
    spots = [m.start() for m in re.finditer(re.escape(a), name)]
    i = rng.choice(spots)
    return name[:i] + b + name[i + len(a) :]


def truncation(name, schema, rng):
    words = name.split()
    if len(words) >= 4 and rng.random() < 0.3:
        return " ".join(words[:-1])
    last = max(range(len(words)), key=lambda i: len(words[i]))
    if len(words[last]) < 7:
        return None
    words[last] = words[last][: -rng.randint(1, 2)]
    return " ".join(words)


VARIATIONS: dict[str, list[tuple[str, Variation]]] = {
    "benign": [
        ("case", case_change),
        ("diacritics", diacritics),
        ("punctuation", punctuation),
        ("particles", particles),
        ("word order", word_order),
        ("titles", titles),
        ("legal forms", legal_forms),
        ("transliteration", transliteration),
        ("missing middle name", missing_middle),
    ],
    "adversarial": [
        ("look-alike letters", lookalikes),
        ("invisible characters", invisible),
        ("spacing and hyphens", spacing),
        ("doubled or dropped letters", doubled_dropped),
    ],
    "degraded": [
        ("one typo", one_typo),
        ("two typos", two_typos),
        ("OCR confusions", ocr),
        ("truncation", truncation),
    ],
}


def _latin_names(entity: Entity) -> list[str]:
    return [
        n.full
        for n in entity.names
        if n.kind is not NameKind.WEAK and detect_script(n.full) == "Latn" and len(n.full) >= 6
    ]


def variation_cases(
    entities: Sequence[Entity], rng: random.Random, per_subclass: int
) -> list[Case]:
    """Benign, adversarial and degraded variants of listed persons' and organisations' names."""
    pool = [
        e for e in entities if e.schema in (Schema.PERSON, Schema.ORGANIZATION) and _latin_names(e)
    ]
    cases = []
    for cls, variations in VARIATIONS.items():
        for subclass, vary in variations:
            made = 0
            order = rng.sample(range(len(pool)), len(pool))
            for pos in order:
                entity = pool[pos]
                name = _latin_names(entity)[0]
                if subclass not in ("legal forms",) and len(name.split()) < 2:
                    continue
                variant = vary(name, entity.schema, rng)
                if not variant or variant == name:
                    continue
                cases.append(Case(cls, subclass, variant, entity.schema.value, entity.id, name))
                made += 1
                if made >= per_subclass:
                    break
    return cases


def cross_script_cases(
    entities: Sequence[Entity], rng: random.Random, per_script: int
) -> list[Case]:
    """Arabic and Cyrillic names of listed persons, as their own lists write them."""
    found: dict[str, list[Case]] = {"Arab": [], "Cyrl": []}
    for entity in entities:
        if entity.schema is not Schema.PERSON or not _latin_names(entity):
            continue
        for name in entity.names:
            script = detect_script(name.full)
            if script in found and len(name.full.split()) >= 2:
                label = {"Arab": "Arabic", "Cyrl": "Cyrillic"}[script]
                found[script].append(
                    Case(
                        "cross-script",
                        label,
                        name.full,
                        "Person",
                        entity.id,
                        _latin_names(entity)[0],
                    )
                )
                break
    cases = []
    for items in found.values():
        cases += rng.sample(items, min(per_script, len(items)))
    return cases


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _consonants(token: str) -> str:
    """A token without vowels and doubled letters: "Nikolayev" and "Nikolaev" give "nklv"."""
    stripped = re.sub(r"[aeiouy]", "", token)
    return re.sub(r"(.)\1+", r"\1", stripped) or token


def negative_cases(entities: Sequence[Entity], rng: random.Random, count: int) -> list[Case]:
    """Unlisted names from many cultures, companies, public figures, and near misses that
    share one or two tokens with a listed name. A name is left out when its tokens, or
    their spellings without vowels (Dmitri ~ Dmitry, Muhammad ~ Mohammad), all stand in
    one listed name, or a listed name's all stand in it: that would be a genuine hit."""
    listed: list[frozenset[str]] = []
    index: dict[str, list[int]] = {}
    for entity in entities:
        for name in entity.names:
            tokens = frozenset(_consonants(t) for t in _WORD.findall(_fold(name.full)))
            if tokens:
                for t in tokens:
                    index.setdefault(t, []).append(len(listed))
                listed.append(tokens)

    def is_listed(query: str) -> bool:
        tokens = frozenset(_consonants(t) for t in _WORD.findall(_fold(query)))
        if not tokens:
            return True
        rarest = min(tokens, key=lambda t: len(index.get(t, ())))
        return any(tokens <= listed[i] or listed[i] <= tokens for i in index.get(rarest, ()))

    cultures = sorted(GIVEN)
    people, companies, near = [], [], []
    while len(people) < count * 0.5:
        culture = rng.choice(cultures)
        given = rng.choice(GIVEN[culture].split())
        family = rng.choice(FAMILY[culture].split())
        name = f"{given} {family}" if rng.random() < 0.8 else f"{family.upper()}, {given}"
        if not is_listed(name):
            people.append(Case("negative", f"person ({culture})", name, "Person", None, ""))
    while len(companies) < count * 0.2:
        name = (
            f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_WORDS)} "
            f"{rng.choice(COMPANY_KINDS)} {rng.choice(LEGAL_FORMS)}"
        )
        if not is_listed(name):
            companies.append(Case("negative", "company", name, "Organization", None, ""))
    figures = [
        Case("negative", "public figure", n, "Person", None, "")
        for n in PUBLIC_FIGURES
        if not is_listed(n)
    ]
    persons = [e for e in entities if e.schema is Schema.PERSON and _latin_names(e)]
    while len(near) < count - len(people) - len(companies) - len(figures):
        entity = rng.choice(persons)
        words = _latin_names(entity)[0].replace(",", " ").split()
        if len(words) < 2:
            continue
        keep = rng.sample(words, 1 if len(words) < 4 else 2)
        culture = rng.choice(cultures)
        extra = [rng.choice(FAMILY[culture].split())]
        name = " ".join(keep + extra)
        if not is_listed(name):
            near.append(Case("negative", "near miss", name, "Person", None, " ".join(words)))
    return people + companies + figures + near


def generate(
    entities: Sequence[Entity],
    *,
    seed: int = 20261130,
    per_subclass: int = 60,
    per_script: int = 300,
    negatives: int = 1000,
) -> list[Case]:
    """Every case, in a fixed order for a given seed and set of lists."""
    rng = random.Random(seed)
    ordered = sorted(entities, key=lambda e: e.id)
    return (
        variation_cases(ordered, rng, per_subclass)
        + cross_script_cases(ordered, rng, per_script)
        + negative_cases(ordered, rng, negatives)
    )
