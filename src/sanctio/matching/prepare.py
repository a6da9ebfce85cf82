"""Names turned into comparable tokens: the one path that list names (at index time)
and query names (at query time) both take.

    clean_input (invisible characters, look-alike letters, dashes)
    -> people: leading titles dropped from each comma part, "FAMILY, Given" reordered
    -> latin_tokens (any script to Latin ASCII words)
    -> canonical_tokens (abdul/abdel -> abd, al- dropped, joined compounds split)
    -> each token with its phonetic skeleton and its role

A token's role says how much it can count: an ordinary name part, a particle (bin, van,
de), a generic organisation word (trading, bank), or a legal form (LLC, JSC, GmbH).
Legal forms are kept, with almost no weight, so that a query with a misspelt one
("LIMITFD") still meets the list's. A token one letter away from a legal form or a
generic word takes that role too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from sanctio.model import Schema
from sanctio.text.names import (
    canonical_tokens,
    generic_mask,
    is_particle,
    is_title,
    legal_form_mask,
    org_generic_words,
    org_legal_words,
    reorder_comma_name,
    strip_titles,
)
from sanctio.text.normalize import clean_input, latin_tokens
from sanctio.text.phonetic import cross_script_skeleton, skeleton
from sanctio.text.scripts import detect_script

__all__ = ["ROLE_WEIGHT", "PreparedName", "Role", "Token", "joined_token", "prepare_name"]


class Role(IntEnum):
    """What a token is in its name: how much it can count."""

    NAME = 0
    PARTICLE = 1
    GENERIC = 2
    LEGAL = 3


# How much a token of each role counts, times its rarity (a particle or a legal form little).
ROLE_WEIGHT = {Role.NAME: 1.0, Role.PARTICLE: 0.15, Role.GENERIC: 0.25, Role.LEGAL: 0.05}


@dataclass(frozen=True, slots=True)
class Token:
    """One comparable token of a name."""

    text: str  # Latin ASCII, lower case
    key: str  # phonetic skeleton
    role: Role
    syllables: int  # groups of vowels: "jing" 1, "jinghe" 2, "muhammad" 3
    transliterated: bool  # written in another script and turned into Latin letters
    abjad: bool  # from a script that leaves short vowels unwritten (Arabic, Hebrew)
    cross_key: str  # the skeleton compared across scripts (initial w as v)


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name ready to compare: its tokens and the script it was written in."""

    original: str
    tokens: tuple[Token, ...]
    script: str
    schema: Schema

    @property
    def text(self) -> str:
        """The tokens' text, space separated."""
        return " ".join(t.text for t in self.tokens)


_PERSONAL = (Schema.PERSON, Schema.UNKNOWN)
_ABJADS = frozenset({"Arab", "Hebr", "Syrc", "Thaa"})
_NEAR_MIN_LENGTH = 6  # shorter words are too often real names one letter off (stork, stock)
_ORG_WORDS = {w: Role.LEGAL for w in org_legal_words if len(w) >= _NEAR_MIN_LENGTH}
_ORG_WORDS.update({w: Role.GENERIC for w in org_generic_words if len(w) >= _NEAR_MIN_LENGTH})
_ORG_WORD_LIST = sorted(_ORG_WORDS)


@lru_cache(maxsize=100_000)
def _near_org_word(word: str) -> Role | None:
    """The role of the legal form or generic word ``word`` is one edit away from."""
    if len(word) < _NEAR_MIN_LENGTH:
        return None
    found = process.extractOne(
        word, _ORG_WORD_LIST, scorer=OSA.distance, score_cutoff=1 if len(word) < 8 else 2
    )
    return _ORG_WORDS[found[0]] if found else None


_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _syllables(word: str) -> int:
    return len(_VOWEL_GROUPS.findall(word))


_OCR_DIGITS = str.maketrans("0134578", "oleastb")
_MIXED = re.compile(r"(?=.*[a-z])(?=.*[0-9])")


def _ocr_fold(word: str) -> str:
    """Digits inside a word of letters read as the letters they resemble ("c0" -> "co",
    "8uisir" -> "buisir"): a name's letters misread by OCR or typed as look-alikes."""
    return word.translate(_OCR_DIGITS) if _MIXED.match(word) else word


def _person_words(text: str) -> list[str]:
    """Tokens of a person name: leading titles off each comma part, then written order;
    in a name of three or more words, a title word anywhere but last goes too."""
    parts = [" ".join(strip_titles(latin_tokens(part))) for part in text.split(",")]
    words = latin_tokens(reorder_comma_name(", ".join(p for p in parts if p)))
    if len(words) >= 3:
        words = [w for i, w in enumerate(words) if i == len(words) - 1 or not is_title(w)]
    return words


# Names come again (a list's aliases, a customer screened daily), but a batch of millions
# of distinct customers must not grow memory without end: the cache holds the latest 50,000.
@lru_cache(maxsize=50_000)
def prepare_name(name: str, schema: Schema = Schema.UNKNOWN) -> PreparedName:
    """The comparable tokens of one name, read as a name of ``schema``."""
    text = clean_input(name)
    script = detect_script(text)
    words = _person_words(text) if schema in _PERSONAL else latin_tokens(text)
    words = canonical_tokens([_ocr_fold(w) for w in words])
    if schema is Schema.PERSON:
        legal = generic = [False] * len(words)
    else:
        legal, generic = legal_form_mask(words), generic_mask(words)
    tokens = []
    transliterated = script != "Latn"
    last = len(words) - 1
    for i, (word, is_legal, is_generic) in enumerate(zip(words, legal, generic, strict=True)):
        if is_legal:
            role = Role.LEGAL
        elif is_generic:
            role = Role.GENERIC
        elif 0 < i < last and is_particle(word):  # "Bin Yang": a first or last "bin" is a name
            role = Role.PARTICLE
        elif schema is not Schema.PERSON and (near := _near_org_word(word)) is not None:
            role = near
        else:
            role = Role.NAME
        tokens.append(_token(word, role, _syllables(word), transliterated, script in _ABJADS))
    return PreparedName(name, tuple(tokens), script, schema)


def _token(word: str, role: Role, syllables: int, transliterated: bool, abjad: bool) -> Token:
    return Token(
        word,
        skeleton(word),
        role,
        syllables,
        transliterated,
        abjad,
        cross_script_skeleton(word, transliterated),
    )


def joined_token(first: Token, second: Token) -> Token:
    """Two adjacent tokens written as one ("leas" "ing" -> "leasing"), with the syllables of
    both: a name part if either is one, else what the weightier of the two is."""
    return _token(
        first.text + second.text,
        max(first.role, second.role, key=ROLE_WEIGHT.__getitem__),
        first.syllables + second.syllables,
        first.transliterated or second.transliterated,
        first.abjad or second.abjad,
    )
