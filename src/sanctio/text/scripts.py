"""Writing systems: which script a name is written in, and its Latin transliteration.

One scheme per script, chosen to give the spellings the sanctions lists use:

=========  ==================================================================
Arabic     own table (ICU's is scholarly, with diacritics): the article and
           ``عبد``/``أبو`` compounds become separate words, ``ة``/``ى`` → a,
           long vowels ا و ي → a, u/w, i/y; Persian, Urdu and Pashto letters;
           a small lexicon of frequent name words (``محمد`` → ``muhammad``)
Cyrillic   ICU BGN/PCGN, by language (Russian; Ukrainian, Belarusian, Serbian,
           Macedonian, Kazakh when their letters show): ``Башар Асад`` →
           ``Bashar Asad``
Greek      ICU UNGEGN (modern pronunciation: β → v, η → i)
Hebrew     own consonant table (ICU needs vowel points)
Han        ICU Han-Latin/Names: pinyin with surname readings, tones removed,
           one word per syllable (``习近平`` → ``xi jin ping``)
Kana       ICU Hiragana/Katakana-Latin (Hepburn), long-vowel marks removed
Hangul     own Revised Romanisation, one word per syllable
           (``김정은`` → ``gim jeong eun``)
others     ICU Any-Latin
=========  ==================================================================
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from functools import lru_cache

import icu
from rigour._core import codepoint_script

from sanctio.text._arabic import arabic_word_latin, is_persian, strip_arabic_marks

__all__ = ["any_to_latin", "detect_script", "script_of", "to_latin"]

# ISO 15924 codes for the script names rigour's Unicode tables give.
_ISO = {
    "Latin": "Latn",
    "Arabic": "Arab",
    "Cyrillic": "Cyrl",
    "Greek": "Grek",
    "Hebrew": "Hebr",
    "Han": "Hani",
    "Hiragana": "Jpan",
    "Katakana": "Jpan",
    "Hangul": "Kore",
    "Armenian": "Armn",
    "Georgian": "Geor",
    "Thai": "Thai",
    "Devanagari": "Deva",
    "Bengali": "Beng",
    "Ethiopic": "Ethi",
    "Syriac": "Syrc",
    "Thaana": "Thaa",
    "Tamil": "Taml",
    "Gujarati": "Gujr",
    "Gurmukhi": "Guru",
    "Khmer": "Khmr",
    "Lao": "Laoo",
    "Myanmar": "Mymr",
    "Mongolian": "Mong",
    "Tibetan": "Tibt",
    "Sinhala": "Sinh",
    "Telugu": "Telu",
    "Kannada": "Knda",
    "Malayalam": "Mlym",
    "Oriya": "Orya",
}
_NONE = "Zyyy"


@lru_cache(maxsize=8192)
def script_of(char: str) -> str:
    """ISO 15924 code of one character's script; ``Zyyy`` for digits, marks, punctuation.

    Kana give ``Jpan`` and Hangul ``Kore`` (the codes of the writing systems that use
    them), so a run of Japanese or Korean letters has one code.
    """
    name = codepoint_script(ord(char))
    if name is None or name in ("Common", "Inherited"):
        return _NONE
    return _ISO.get(name, name[:4].title())


def detect_script(text: str) -> str:
    """The dominant script of the letters in ``text`` as an ISO 15924 code.

    ``Latn``, ``Arab``, ``Cyrl``, ``Grek``, ``Hebr``, ``Hani``, ``Jpan`` (any kana
    present, with or without kanji), ``Kore`` (Hangul, with or without hanja), ...;
    ``Zyyy`` when there is no letter. Ties go to the script seen first.

    >>> detect_script("بشار الأسد")
    'Arab'
    """
    if text.isascii():
        return "Latn" if any(c.isalpha() for c in text) else _NONE
    counts: Counter[str] = Counter(script_of(c) for c in text if c.isalpha())
    counts.pop(_NONE, None)
    if not counts:
        return _NONE
    if "Jpan" in counts:
        return "Jpan"
    if "Kore" in counts and counts["Kore"] >= counts.get("Hani", 0):
        return "Kore"
    return counts.most_common(1)[0][0]


# -- ICU transliterators: created once per thread (ICU objects are not thread-safe).

_LOCAL = threading.local()


def _icu(transform_id: str) -> icu.Transliterator:
    cache: dict[str, icu.Transliterator] | None = getattr(_LOCAL, "cache", None)
    if cache is None:
        cache = _LOCAL.cache = {}
    tr = cache.get(transform_id)
    if tr is None:
        tr = cache[transform_id] = icu.Transliterator.createInstance(transform_id)
    return tr


def _strip_marks(text: str) -> str:
    """Remove combining marks (tones, macrons, accents) that ICU output carries."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# BGN/PCGN writes the soft and hard signs as primes and separates some digraphs with a
# middle dot; none of them is part of a name's spelling in the lists.
_BGN_NOISE = str.maketrans({"ʹ": None, "ʺ": None, "·": None, "'": None, "’": None})

_CYRILLIC_LANGUAGE = (
    (re.compile("[іїєґІЇЄҐ]"), "Ukrainian-Latin/BGN"),
    (re.compile("[ўЎ]"), "Belarusian-Latin/BGN"),
    (re.compile("[ђћџљњЂЋЏЉЊ]"), "Serbian-Latin/BGN"),
    (re.compile("[ѓќѕЃЌЅ]"), "Macedonian-Latin/BGN"),
    (re.compile("[әғқңөұүһӘҒҚҢӨҰҮҺ]"), "Kazakh-Latin/BGN"),
)


def _cyrillic_transform(text: str) -> str:
    """The BGN/PCGN table for the language whose letters the text shows; Russian else."""
    for letters, transform in _CYRILLIC_LANGUAGE:
        if letters.search(text):
            return transform
    return "Russian-Latin/BGN"


def _cyrillic(run: str, transform: str) -> str:
    out = _icu(transform).transliterate(run)
    if not out.isascii():
        out = _icu("Cyrillic-Latin").transliterate(out)
    return out.translate(_BGN_NOISE)


def _greek(run: str) -> str:
    return _strip_marks(_icu("Greek-Latin/UNGEGN").transliterate(run))


def _han(run: str) -> str:
    out = _strip_marks(_icu("Han-Latin/Names").transliterate(run))
    return " ".join(out.split())


def _kana(run: str) -> str:
    out = _icu("Katakana-Latin").transliterate(_icu("Hiragana-Latin").transliterate(run))
    # Han characters in Japanese text (kanji) have no reading without a dictionary:
    # they fall back to their pinyin.
    if any(script_of(c) == "Hani" for c in out):
        out = _icu("Han-Latin/Names").transliterate(out)
    return " ".join(_strip_marks(out).replace("\u30fc", "").split())


# Revised Romanisation of Korean, by syllable (initial, vowel, final jamo).
_HANGUL_INITIAL = "g kk n d tt r m b pp s ss - j jj ch k t p h".split(" ")
_HANGUL_VOWEL = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split(" ")
_HANGUL_FINAL = ["", *"k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split(" ")]


def _hangul_syllable(char: str) -> str:
    code = ord(char) - 0xAC00
    if not 0 <= code < 11172:
        return _strip_marks(_icu("Any-Latin").transliterate(char))
    initial = _HANGUL_INITIAL[code // 588]
    vowel = _HANGUL_VOWEL[(code % 588) // 28]
    final = _HANGUL_FINAL[code % 28]
    return ("" if initial == "-" else initial) + vowel + final


def _hangul(run: str) -> str:
    words = []
    for word in run.split():
        words.extend(_hangul_syllable(c) if c.isalpha() else c for c in word)
    return " ".join(w for w in words if w.strip())


# Hebrew without vowel points: consonants, with the usual reading of the letters that
# are also vowels (ו, י) and of the letters whose sound depends on position (ב כ פ).
_HEBREW = {
    "א": "",
    "ב": "v",
    "ג": "g",
    "ד": "d",
    "ה": "h",
    "ו": "o",
    "ז": "z",
    "ח": "kh",
    "ט": "t",
    "י": "i",
    "כ": "kh",
    "ך": "kh",
    "ל": "l",
    "מ": "m",
    "ם": "m",
    "נ": "n",
    "ן": "n",
    "ס": "s",
    "ע": "",
    "פ": "f",
    "ף": "f",
    "צ": "ts",
    "ץ": "ts",
    "ק": "k",
    "ר": "r",
    "ש": "sh",
    "ת": "t",
}
_HEBREW_INITIAL = {"ב": "b", "כ": "k", "פ": "p", "ו": "v", "י": "y", "א": "a", "ע": "a"}
_HEBREW_GERESH = {"ג": "j", "ז": "zh", "צ": "ch", "ת": "t"}


def _hebrew_word(word: str) -> str:
    word = "".join(c for c in word if not unicodedata.combining(c))
    out: list[str] = []
    n = len(word)
    i = 0
    while i < n:
        ch = word[i]
        if i + 1 < n and word[i + 1] in "'\u05f3" and ch in _HEBREW_GERESH:
            out.append(_HEBREW_GERESH[ch])
            i += 2
            continue
        if i == 0 and ch in _HEBREW_INITIAL:
            out.append(_HEBREW_INITIAL[ch])
        elif ch in "וי" and i + 1 < n and word[i + 1] == ch:
            out.append("v" if ch == "ו" else "y")
            i += 1
        elif ch == "ו" and i == n - 1:
            out.append("u")
        elif ch == "ו" and i == n - 2 and word[i + 1] == "י":
            out.append("v")
        elif ch == "ה" and i == n - 1 and n > 2:
            out.append("e" if word[i - 1] not in "וי" else "h")
        elif ch in _HEBREW:
            out.append(_HEBREW[ch])
        elif ch.isalnum():
            out.append(ch)
        i += 1
    return "".join(out)


# Punctuation inside a run (a hyphen, an apostrophe) stays where it is.
_NON_WORD = re.compile(r"([^\w'\u05f3]+)")


def _hebrew(run: str) -> str:
    run = "".join(c for c in run if not unicodedata.combining(c))
    return "".join(p if i % 2 else _hebrew_word(p) for i, p in enumerate(_NON_WORD.split(run)))


def _arabic(run: str, persian: bool) -> str:
    parts = _NON_WORD.split(strip_arabic_marks(run))
    return "".join(p if i % 2 else arabic_word_latin(p, persian) for i, p in enumerate(parts))


def any_to_latin(text: str) -> str:
    """ICU Any-Latin with accents dropped: the fallback for scripts without a scheme here."""
    return _strip_marks(_icu("Any-Latin").transliterate(text))


@lru_cache(maxsize=65536)
def _run_to_latin(script: str, run: str, variant: str) -> str:
    """One run of one script in Latin; ``variant`` is the language the whole text
    suggests ("fa" for Arabic script with Persian letters, a BGN table for Cyrillic)."""
    if script == "Arab":
        return _arabic(run, variant == "fa")
    if script == "Cyrl":
        return _cyrillic(run, variant)
    if script == "Grek":
        return _greek(run)
    if script == "Hebr":
        return _hebrew(run)
    if script == "Hani":
        return _han(run)
    if script == "Jpan":
        return _kana(run)
    if script == "Kore":
        return _hangul(run)
    return any_to_latin(run)


@lru_cache(maxsize=65536)
def _runs(text: str) -> tuple[tuple[str, str], ...]:
    """Split a word into (script, segment) runs; digits, marks and punctuation join the
    run they sit in."""
    runs: list[tuple[str, str]] = []
    current = _NONE
    start = 0
    for i, ch in enumerate(text):
        script = script_of(ch) if ch.isalpha() else _NONE
        if script in (_NONE, current):
            continue
        if current == _NONE:
            current = script
            continue
        # Kanji inside a Japanese word stay with the kana; hanja with Hangul.
        if {script, current} <= {"Jpan", "Hani"} or {script, current} <= {"Kore", "Hani"}:
            current = "Jpan" if "Jpan" in (script, current) else current
            continue
        runs.append((current, text[start:i]))
        start = i
        current = script
    if start < len(text):
        runs.append((current, text[start:]))
    return tuple(runs)


_SPACES = re.compile(r"(\s+)")


def to_latin(text: str) -> str:
    """Transliterate every non-Latin part of ``text`` to Latin letters.

    Latin letters (with their diacritics), digits and punctuation are left as they are;
    each other script goes through its scheme (see the module docstring). The output of
    a non-Latin run is lower case ASCII. Expects :func:`~sanctio.text.normalize.clean_input`
    output, but copes with raw text.

    >>> to_latin("بشار الأسد")
    'bashar al asad'
    >>> to_latin("Башар Асад")
    'Bashar Asad'
    """
    if text.isascii():
        return text
    variants: dict[str, str] = {}
    out = []
    for word in _SPACES.split(text):
        if word.isascii():
            out.append(word)
            continue
        for script, run in _runs(word):
            if script in (_NONE, "Latn"):
                out.append(run)
                continue
            variant = variants.get(script)
            if variant is None:
                variant = variants[script] = _variant(script, text)
            out.append(_run_to_latin(script, run, variant))
    return "".join(out)


def _variant(script: str, text: str) -> str:
    if script == "Arab":
        return "fa" if is_persian(text) else "ar"
    if script == "Cyrl":
        return _cyrillic_transform(text)
    return ""
