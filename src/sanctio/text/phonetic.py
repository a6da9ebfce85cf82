"""Consonant skeletons: keys on which the Latin renderings of one name agree.

Arabic does not write short vowels, and each Arabic letter has several Latin
renderings (ق is q, k or g; ش is sh or ch; ف is f, or v in names from other
languages). :func:`skeleton` keys a Latin token by the classes of its consonants,
so that ``Muhammad``, ``Mohammed`` and ``Mohamad`` all give ``mhmd``, and
:func:`arabic_skeleton` computes the same key straight from the Arabic letters.

Classes (key letter: Latin spellings / Arabic letters), learnt from the
ar2en-train and Wikidata name pairs (see docs/text.md)::

    a  a vowel at the start of the word: a e i o u / ا أ إ آ ع ء ئ ؤ
    b  b p / ب پ                      f  f v ph / ف ڤ
    t  t th / ت ط ث                   d  d dh / د ذ ض
    s  s z, c before e i y, sz / س ص ز ظ
    c  sh ch sch tch cz, -ic / ش چ تش
    k  k q g j c ck gh dj qu / ك ق غ ج گ
    x  kh, x as its k / خ            h  h / ح ه
    l m n r  themselves
    vowels a e i o u y w (and "ou" before a vowel), ع ء, ا و ي ى ة: dropped

Doubled letters and repeats of a class (even across a dropped vowel) count once;
a final h after a vowel, and a final ه, are dropped (Abdullah, Abdulla, عبدالله).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sanctio.text._arabic import arabic_word_key, is_persian
from sanctio.text.normalize import latin_tokens

__all__ = ["arabic_skeleton", "cross_script_skeleton", "skeleton", "skeleton_distance"]

_GRAPHEMES = re.compile(
    r"tsch|sch|tch|tsh|chr|chl|cht|sh|ch|cz|sz|kh|gh|ph|th|dh|ck|qu|dj"
    r"|ic$|."
)
_CLASS = {
    "tsch": "c",
    "sch": "c",
    "tch": "c",
    "tsh": "c",
    "chr": "kr",
    "chl": "kl",
    "cht": "xt",
    "sh": "c",
    "ch": "c",
    "cz": "c",
    "sz": "s",
    "kh": "x",
    "gh": "k",
    "ph": "f",
    "th": "t",
    "dh": "d",
    "ck": "k",
    "qu": "k",
    "dj": "k",
    "ic": "c",
    "c": "k",
    "b": "b",
    "p": "b",
    "f": "f",
    "v": "f",
    "t": "t",
    "d": "d",
    "s": "s",
    "z": "s",
    "g": "k",
    "j": "k",
    "k": "k",
    "q": "k",
    "x": "ks",
    "h": "h",
    "l": "l",
    "m": "m",
    "n": "n",
    "r": "r",
}
for _d in "0123456789":
    _CLASS[_d] = _d
_VOWELS = frozenset("aeiouy")
_DIGRAPH_FIRST = frozenset("sctkgpd")
_SIMPLE = re.compile(r"[a-z0-9]+")
_ARTICLES = frozenset({"al", "el"})


@lru_cache(maxsize=262144)
def _token_skeleton(token: str) -> str:
    if not token:
        return ""
    lead = token[0] in "aeiou"
    if token.startswith("ou") and len(token) > 2 and token[2] in _VOWELS:
        # French "ou" for w: Ouali, Ouattara.
        lead = False
        token = token[2:]
    if len(token) > 2 and token[-1] == "h" and token[-2] not in _DIGRAPH_FIRST:
        # A final h is ح, ه or ة, whose Arabic key drops them: Saleh, Abdullah, Fatimah.
        token = token[:-1]
    out: list[str] = []
    last = ""
    for match in _GRAPHEMES.finditer(token):
        grapheme = match.group(0)
        if grapheme[0] == "c" and len(grapheme) == 1:
            cls = "s" if token[match.end() : match.end() + 1] in ("e", "i", "y") else "k"
        else:
            cls = _CLASS.get(grapheme, "")
        for c in cls:
            if c != last:
                out.append(c)
                last = c
    key = "".join(out)
    return "a" + key if lead else key


def skeleton(text: str) -> str:
    """The consonant-class key of a Latin name token (see the module docstring).

    Several words are keyed as if written as one (``Abdul Rahman`` and
    ``Abdulrahman`` both give ``abdlrhmn``), after dropping a leading article that
    stands apart (``al-Assad`` gives the key of ``Assad``, as ``الأسد`` does). Text
    that is not lower case ASCII goes through :func:`~sanctio.text.normalize.latin_tokens`
    first, so Cyrillic, Greek or Hebrew words are keyed by their transliteration.

    >>> skeleton("mohammed"), skeleton("Muhammad"), skeleton("Qaddafi"), skeleton("Gaddafi")
    ('mhmd', 'mhmd', 'kdf', 'kdf')
    """
    if _SIMPLE.fullmatch(text):
        return _token_skeleton(text)
    tokens = latin_tokens(text)
    if len(tokens) > 1 and tokens[0] in _ARTICLES:
        tokens = tokens[1:]
    return _token_skeleton("".join(tokens))


def cross_script_skeleton(word: str, transliterated: bool) -> str:
    """The key a Latin token is compared under against another script's rendering: as
    :func:`skeleton`, but a word-initial consonant w counts as v (class f), since Arabic
    and Persian write both with one letter (و: Wali and Persian Vali), as Cyrillic does
    (В: Wladimir, Vladimir). A w is a consonant before a vowel, and always in a
    transliterated word (the script wrote a consonant there).

    >>> cross_script_skeleton("wali", False), cross_script_skeleton("vli", True)
    ('fl', 'fl')
    """
    if word.startswith("w") and (transliterated or word[1:2] in _VOWELS):
        return _token_skeleton("v" + word[1:])
    return skeleton(word)


def arabic_skeleton(text: str, persian: bool | None = None) -> str:
    """The :func:`skeleton` key computed from Arabic-script letters.

    Each letter maps to its class (``ق ك غ ج`` → k, ``ش`` → c, ``ث ط ت`` → t ...),
    vowel letters and ayn/hamza are dropped, a word-initial vowel letter gives the
    leading ``a``, a leading article ``ال`` is dropped (as :func:`skeleton` drops a
    separate ``al``), a final ``ه``/``ح``/``ة`` is dropped (as a final Latin h is).
    Several words are keyed as one. Persian, Urdu and Pashto say ث as s and ذ ض ظ as z:
    ``persian`` chooses that reading, and by default it is chosen when the text has a
    letter that only those languages use (پ چ ژ گ ک ی).

    >>> arabic_skeleton("محمد"), arabic_skeleton("القذافي"), arabic_skeleton("الأسد")
    ('mhmd', 'kdf', 'asd')
    """
    if persian is None:
        persian = is_persian(text)
    return arabic_word_key("".join(text.split()), persian)


def skeleton_distance(a: str, b: str) -> int:
    """Levenshtein distance between two skeleton keys (0 = same key, 1 = one class apart)."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)
