"""The one normalisation path that list names (at index time) and queries both take.

``clean_input`` repairs a string without changing its script; ``latin_tokens`` turns
it into lower case ASCII tokens, transliterating other scripts on the way::

    clean_input:  NFKC · drop invisible, format and control characters, harakat,
                  tatweel, Hebrew points · one dash, one apostrophe, one double quote ·
                  look-alike letters of another script folded into the word's script ·
                  single spaces
    latin_tokens: clean_input · to_latin (scripts.py) · ä ö ü → ae oe ue, ß → ss,
                  other diacritics dropped, ø → o, æ → ae ... · lower case ·
                  apostrophes dropped (Ma'ruf → maruf, O'Brien → obrien) ·
                  split on every other non-alphanumeric character
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sanctio.text.scripts import any_to_latin, to_latin

__all__ = ["ascii_fold", "clean_input", "fold_lookalikes", "latin_tokens"]

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u05be"
_APOSTROPHES = (
    "\u2018\u2019\u201a\u201b\u2032\u2035\u0060\u00b4\u02b9\u02bb\u02bc\u02bd\u02be\u02bf"
    "\u02c8\u02ca\u02cb\u055a\ua78b\ua78c\uff07\u05f3\u0313\u0314"
)
_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u2036\u05f4\u301d\u301e\uff02"
_DROP_ALSO = (
    "\u00ad\u034f\u061c\u0640\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f"
    "\u3164\uffa0\ufeff"
)
# Vowel signs and cantillation of Arabic and Hebrew: not written in the lists.
_DROP_RANGES = (
    (0x0591, 0x05BD),
    (0x05BF, 0x05BF),
    (0x05C1, 0x05C2),
    (0x05C4, 0x05C5),
    (0x05C7, 0x05C7),
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0xFE00, 0xFE0F),
    (0xE0000, 0xE007F),
    (0xE0100, 0xE01EF),
)


def _build_clean_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for cp in range(0x10000):
        cat = unicodedata.category(chr(cp))
        if cat == "Cf":
            table[cp] = None
        elif cat == "Cc":
            table[cp] = " " if chr(cp).isspace() else None
        elif cat in ("Zs", "Zl", "Zp") and cp != 0x20:
            table[cp] = " "
        elif cat == "Pd" and cp != 0x2D:
            table[cp] = "-"
    for start, end in _DROP_RANGES:
        for cp in range(start, end + 1):
            table[cp] = None
    for ch in _DROP_ALSO:
        table[ord(ch)] = None
    for ch in _DASHES:
        table[ord(ch)] = "-"
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _QUOTES:
        table[ord(ch)] = '"'
    # The wave dash and Japanese double hyphen are Pd but mean "to"/a name joiner there.
    table.pop(0x301C, None)
    table.pop(0x30A0, None)
    return table


_CLEAN = _build_clean_table()
_ASCII_CLEAN = {cp: v for cp, v in _CLEAN.items() if cp < 128}

# Look-alike letters: Cyrillic and Greek letters that look like Latin ones, and back.
_CYRL_TO_LATN = dict(
    zip(
        "аеорсхуіјѕԁԛԝһӏүАВЕКМНОРСТХУІЈЅҺҮԚԜӀ",
        "aeopcxyijsdqwhlyABEKMHOPCTXYIJSHYQWI",
        strict=True,
    )
)
_GREK_TO_LATN = dict(zip("αονριυκχϲϳΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aovpiukxcjABEZHIKMNOPTYX", strict=True))
_LATN_TO_CYRL = dict(zip("aeopcxyijABEKMHOPCTXYIJ", "аеорсхуіјАВЕКМНОРСТХУІЈ", strict=True))
_LATN_TO_GREK = dict(zip("oviukABEZHIKMNOPTYX", "ονιυκΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", strict=True))
_FOLD_TO = {
    "Latn": str.maketrans({**_CYRL_TO_LATN, **_GREK_TO_LATN}),
    "Cyrl": str.maketrans(_LATN_TO_CYRL),
    "Grek": str.maketrans(_LATN_TO_GREK),
}
_MIXED_GATE = re.compile("[\u0370-\u03ff\u0400-\u052f]")
_LATIN_GATE = re.compile("[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"\w+")


def _letter_script(ch: str) -> str:
    cp = ord(ch)
    if cp < 0x250 or 0x1E00 <= cp <= 0x1EFF:
        return "Latn" if ch.isalpha() else ""
    if 0x400 <= cp <= 0x52F:
        return "Cyrl"
    if 0x370 <= cp <= 0x3FF or 0x1F00 <= cp <= 0x1FFF:
        return "Grek"
    return ""


def fold_lookalikes(text: str) -> str:
    """Replace letters that only look like the letters of the word they sit in.

    In a word mostly in Latin letters, Cyrillic ``а е о р с х у і`` and Greek
    ``α ο ν ρ ι κ`` become their Latin twins ("Bаshar" with a Cyrillic а → "Bashar");
    in a Cyrillic or Greek word, Latin twins become Cyrillic or Greek. A tie in a word
    goes to the script with most letters in the whole text, then to Latin.
    """
    if not _MIXED_GATE.search(text) or not _LATIN_GATE.search(text):
        return text
    overall: dict[str, int] = {}
    for ch in text:
        s = _letter_script(ch)
        if s:
            overall[s] = overall.get(s, 0) + 1
    if len(overall) < 2:
        return text

    def fold(match: re.Match[str]) -> str:
        word = match.group(0)
        counts: dict[str, int] = {}
        for ch in word:
            s = _letter_script(ch)
            if s:
                counts[s] = counts.get(s, 0) + 1
        if len(counts) < 2:
            return word
        best = max(counts.items(), key=lambda kv: (kv[1], overall.get(kv[0], 0), kv[0] == "Latn"))
        return word.translate(_FOLD_TO[best[0]])

    return _WORD.sub(fold, text)


def clean_input(text: str) -> str:
    """Repair a name string without changing its script.

    NFKC; zero-width, bidi, format and control characters, soft hyphens, the BOM,
    tatweel, Arabic harakat and Hebrew points removed; every dash becomes ``-``, every
    apostrophe-like mark ``'`` and every double quote ``"``; look-alike letters from
    another script folded (:func:`fold_lookalikes`); runs of white space become one
    space; no space at either end.

    >>> clean_input("Ba\\u200bshar  al\\u2013Assad ")
    'Bashar al-Assad'
    """
    if text.isascii():
        return " ".join(text.translate(_ASCII_CLEAN).split())
    text = text.translate(_CLEAN)
    normal = unicodedata.normalize("NFKC", text)
    if normal != text:
        # NFKC can create spacing marks, spaces and dashes of its own.
        text = normal.translate(_CLEAN)
    return " ".join(fold_lookalikes(text).split())


_SPECIAL_FOLD = {
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "Ä": "Ae",
    "Ö": "Oe",
    "Ü": "Ue",
    "ß": "ss",
    "ẞ": "SS",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "TH",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ħ": "h",
    "Ħ": "H",
    "ı": "i",
    "ĸ": "k",
    "ŋ": "ng",
    "Ŋ": "NG",
    "ŀ": "l",
    "Ŀ": "L",
    "ſ": "s",
    "ƒ": "f",
    "ǝ": "e",
    "ə": "e",
    "Ə": "E",
    "ɛ": "e",
    "Ɛ": "E",
    "ɔ": "o",
    "Ɔ": "O",
    "ʹ": "",
    "ʺ": "",
    "·": "",
    "ʾ": "'",
    "ʿ": "'",
}


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x80, 0x250), (0x1E00, 0x1F00), (0x2C60, 0x2C80), (0xA720, 0xA800)]
    for start, end in ranges:
        for cp in range(start, end):
            ch = chr(cp)
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            )
            if base != ch and base.isascii():
                table[cp] = base
    for cp in range(0x80, 0x10000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = str(unicodedata.digit(ch))
        elif unicodedata.category(ch) == "Mn":
            table[cp] = ""
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch, ascii_ in _SPECIAL_FOLD.items():
        table[ord(ch)] = ascii_
    return table


_FOLD = _build_fold_table()


@lru_cache(maxsize=16384)
def _ascii_word(word: str) -> str:
    """Last resort for a word still not ASCII after folding (symbols, rare scripts)."""
    out = any_to_latin(word).translate(_FOLD)
    return "".join(c if c.isascii() else " " for c in out)


def ascii_fold(text: str) -> str:
    """Latin letters with diacritics to ASCII, German-style: ``Müller`` → ``Mueller``.

    ä ö ü → ae oe ue, ß → ss, æ → ae, ø → o, ł → l and so on; other letters lose their
    accents (``Đoković`` → ``Dokovic``); digits of any script become ASCII digits.
    Text in other scripts is transliterated first only by :func:`latin_tokens`; here it
    is passed through ICU Any-Latin as a last resort.
    """
    if text.isascii():
        return text
    text = text.translate(_FOLD)
    if text.isascii():
        return text
    return "".join(c if c.isascii() else _ascii_word(c) for c in text)


_TOKEN = re.compile(r"[a-z0-9]+")


def latin_tokens(text: str) -> list[str]:
    """The tokens of a name in lower case ASCII: the form both sides are compared in.

    :func:`clean_input`, then other scripts transliterated (:func:`~sanctio.text.scripts.to_latin`),
    then :func:`ascii_fold`, lower case, apostrophes removed (they mark an ayn or
    hamza inside Arabic names, or elide a vowel: ``Ma'ruf`` → ``maruf``,
    ``O'Brien`` → ``obrien``), and a split on every other character that is not a
    letter or digit, so hyphens split: ``al-Assad`` → ``["al", "assad"]``.

    >>> latin_tokens("AL-ASSAD, Bashar")
    ['al', 'assad', 'bashar']
    >>> latin_tokens("Müller")
    ['mueller']
    """
    text = clean_input(text)
    if not text.isascii():
        text = ascii_fold(to_latin(text))
    return _TOKEN.findall(text.lower().replace("'", ""))
