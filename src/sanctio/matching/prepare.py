"""Names turned into comparable tokens: the one path that list names (at index time)
and query names (at query time) both take.

    clean_input (invisible characters, look-alike letters, dashes)
    -> "FAMILY, Given" put in written order (people)
    -> latin_tokens (any script to Latin ASCII words)
    -> titles dropped (people), legal forms dropped (organisations)
    -> canonical_tokens (abdul/abdel -> abd, al- dropped, joined compounds split)
    -> each token with its phonetic skeleton and its role

A token's role says how much it can count: an ordinary name part, a particle (bin, van,
de), or a generic organisation word (trading, company, bank) that must not make a match
on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from sanctio.model import Schema
from sanctio.text.names import (
    canonical_tokens,
    generic_mask,
    is_particle,
    reorder_comma_name,
    strip_legal_forms,
    strip_titles,
)
from sanctio.text.normalize import clean_input, latin_tokens
from sanctio.text.phonetic import skeleton
from sanctio.text.scripts import detect_script

__all__ = ["PreparedName", "Role", "Token", "prepare_name"]


class Role(IntEnum):
    """What a token is in its name: how much it can count."""

    NAME = 0
    PARTICLE = 1
    GENERIC = 2


@dataclass(frozen=True, slots=True)
class Token:
    """One comparable token of a name."""

    text: str  # Latin ASCII, lower case
    key: str  # phonetic skeleton
    role: Role


@dataclass(frozen=True, slots=True)
class PreparedName:
    """A name ready to compare: its tokens and the script it was written in."""

    original: str
    tokens: tuple[Token, ...]
    script: str

    @property
    def text(self) -> str:
        """The tokens' text, space separated."""
        return " ".join(t.text for t in self.tokens)


_PERSONAL = (Schema.PERSON, Schema.UNKNOWN)


@lru_cache(maxsize=300_000)
def prepare_name(name: str, schema: Schema = Schema.UNKNOWN) -> PreparedName:
    """The comparable tokens of one name, read as a name of ``schema``."""
    text = clean_input(name)
    script = detect_script(text)
    if schema in _PERSONAL:
        text = reorder_comma_name(text)
    words = latin_tokens(text)
    if schema in _PERSONAL:
        words = strip_titles(words)
    if schema is not Schema.PERSON:
        words = strip_legal_forms(words)
    words = canonical_tokens(words)
    generic = generic_mask(words) if schema is not Schema.PERSON else [False] * len(words)
    tokens = tuple(
        Token(
            word,
            skeleton(word),
            Role.PARTICLE if is_particle(word) else Role.GENERIC if is_generic else Role.NAME,
        )
        for word, is_generic in zip(words, generic, strict=True)
    )
    return PreparedName(name, tokens, script)
