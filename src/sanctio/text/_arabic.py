"""Arabic-script names to Latin letters and to consonant-class keys.

Private: the public entry points are :func:`sanctio.text.scripts.to_latin` and
:func:`sanctio.text.phonetic.arabic_skeleton`. Covers Arabic and the extra letters of
Persian, Urdu, Pashto and Kurdish. Short vowels are not written in these scripts, so
the Latin rendering of an unknown word has only the long vowels; a small lexicon of
frequent name words gives their usual spelling (``محمد`` → ``muhammad``).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["arabic_word_key", "arabic_word_latin", "is_persian", "strip_arabic_marks"]

# Harakat, Quranic marks, tatweel and invisible joiners: never part of a name's letters.
_MARKS = re.compile("[\u0610-\u061a\u061c\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f]")

# Letters only Persian (and Urdu, Pashto, Kurdish) uses; Arabic text uses ي and ك.
_PERSIAN_LETTERS = frozenset("پچژگکیۀ")

_ARTICLE = "ال"
_VOWEL_LETTERS = frozenset("اآأإىيیوۆێېۍے")

# Consonants: one Latin rendering each (the spelling most lists use).
_CONSONANTS = {
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ٹ": "t",
    "ټ": "t",
    "ث": "th",
    "ج": "j",
    "چ": "ch",
    "ح": "h",
    "خ": "kh",
    "څ": "ts",
    "ځ": "dz",
    "د": "d",
    "ڈ": "d",
    "ډ": "d",
    "ذ": "dh",
    "ر": "r",
    "ڑ": "r",
    "ړ": "r",
    "ڕ": "r",
    "ز": "z",
    "ژ": "zh",
    "ږ": "zh",
    "س": "s",
    "ش": "sh",
    "ښ": "sh",
    "ص": "s",
    "ض": "d",
    "ط": "t",
    "ظ": "z",
    "غ": "gh",
    "ف": "f",
    "ڤ": "v",
    "ق": "q",
    "ڨ": "g",
    "ك": "k",
    "ک": "k",
    "گ": "g",
    "ګ": "g",
    "ڭ": "g",
    "ل": "l",
    "ڵ": "l",
    "م": "m",
    "ن": "n",
    "ں": "n",
    "ڼ": "n",
    "ه": "h",
    "ہ": "h",
    "ھ": "h",
    "ۀ": "h",
}

# Consonant classes of arabic_word_key: the same alphabet as phonetic.skeleton (see
# docs/text.md for why each class holds what it holds). Letters not listed are vowels.
_CLASSES = {
    "ب": "b",
    "پ": "b",
    "ت": "t",
    "ٹ": "t",
    "ټ": "t",
    "ط": "t",
    "ث": "t",
    "د": "d",
    "ڈ": "d",
    "ډ": "d",
    "ذ": "d",
    "ض": "d",
    "ظ": "s",
    "ز": "s",
    "ژ": "s",
    "ږ": "s",
    "س": "s",
    "ص": "s",
    "څ": "ts",
    "ځ": "s",
    "ش": "c",
    "ښ": "c",
    "چ": "c",
    "ج": "k",
    "غ": "k",
    "ق": "k",
    "ك": "k",
    "ک": "k",
    "گ": "k",
    "ګ": "k",
    "ڭ": "k",
    "ڨ": "k",
    "خ": "x",
    "ح": "h",
    "ه": "h",
    "ہ": "h",
    "ھ": "h",
    "ف": "f",
    "ڤ": "f",
    "ر": "r",
    "ڑ": "r",
    "ړ": "r",
    "ڕ": "r",
    "ل": "l",
    "ڵ": "l",
    "م": "m",
    "ن": "n",
    "ں": "n",
    "ڼ": "n",
}
# Persian, Urdu and Pashto say ث as s and ذ ض ظ as z.
_PERSIAN_CONSONANTS = {**_CONSONANTS, "ث": "s", "ذ": "z", "ض": "z", "ظ": "z"}
_PERSIAN_CLASSES = {**_CLASSES, "ث": "s", "ذ": "s", "ض": "s", "ظ": "s"}

# A word starting with one of these starts with a vowel sound (the key's "a" marker).
_LEADING_VOWELS = frozenset("اأإآعءئؤ")

# Frequent name words and their usual Latin spelling. Keys are written without
# diacritics; both Arabic (ي ك) and Persian (ی ک) spellings where they differ.
_LEXICON = {
    "محمد": "muhammad",
    "أحمد": "ahmad",
    "احمد": "ahmad",
    "محمود": "mahmud",
    "مصطفى": "mustafa",
    "مصطفي": "mustafa",
    "علي": "ali",
    "على": "ali",
    "حسن": "hasan",
    "حسين": "husayn",
    "عمر": "umar",
    "عثمان": "uthman",
    "عبد": "abd",
    "عبدالله": "abdallah",
    "عبدو": "abdu",
    "عبده": "abduh",
    "أبو": "abu",
    "ابو": "abu",
    "بن": "bin",
    "ابن": "ibn",
    "بنت": "bint",
    "الله": "allah",
    "يوسف": "yusuf",
    "إبراهيم": "ibrahim",
    "ابراهيم": "ibrahim",
    "إسماعيل": "ismail",
    "اسماعيل": "ismail",
    "إسحاق": "ishaq",
    "خالد": "khalid",
    "سعد": "saad",
    "سعيد": "said",
    "صالح": "salih",
    "صلاح": "salah",
    "طارق": "tariq",
    "عادل": "adil",
    "عزيز": "aziz",
    "فيصل": "faysal",
    "كمال": "kamal",
    "جمال": "jamal",
    "ناصر": "nasir",
    "نصر": "nasr",
    "هاشم": "hashim",
    "يحيى": "yahya",
    "يحيي": "yahya",
    "زكريا": "zakariya",
    "موسى": "musa",
    "عيسى": "isa",
    "سليمان": "sulayman",
    "داود": "dawud",
    "داوود": "dawud",
    "مراد": "murad",
    "رشيد": "rashid",
    "سعود": "saud",
    "فهد": "fahd",
    "بشار": "bashar",
    "أسد": "asad",
    "اسد": "asad",
    "حافظ": "hafiz",
    "ماهر": "mahir",
    "رامي": "rami",
    "معمر": "muammar",
    "قذافي": "qadhafi",
    "صدام": "saddam",
    "قاسم": "qasim",
    "أسامة": "usama",
    "اسامة": "usama",
    "لادن": "ladin",
    "أيمن": "ayman",
    "ايمن": "ayman",
    "ظواهري": "zawahiri",
    "بكر": "bakr",
    "بغدادي": "baghdadi",
    "جعفر": "jafar",
    "حمزة": "hamza",
    "فاطمة": "fatima",
    "عائشة": "aisha",
    "زينب": "zaynab",
    "مريم": "maryam",
    "خديجة": "khadija",
    "نور": "nur",
    "أمين": "amin",
    "امين": "amin",
    "ياسين": "yasin",
    "ياسر": "yasir",
    "وليد": "walid",
    "هشام": "hisham",
    "عماد": "imad",
    "زياد": "ziyad",
    "رياض": "riyad",
    "منصور": "mansur",
    "سلطان": "sultan",
    "شيخ": "shaykh",
    "حاج": "hajj",
    "ملا": "mulla",
    "سيد": "sayyid",
    "شريف": "sharif",
    "حبيب": "habib",
    "كريم": "karim",
    "رحمن": "rahman",
    "رحيم": "rahim",
    "جبار": "jabbar",
    "ستار": "sattar",
    "غفور": "ghafur",
    "لطيف": "latif",
    "مجيد": "majid",
    "حميد": "hamid",
    "حامد": "hamid",
    "محسن": "muhsin",
    "مهدي": "mahdi",
    "هادي": "hadi",
    "عدنان": "adnan",
    "دين": "din",
    "طه": "taha",
    "عزت": "izzat",
    "حكمت": "hikmat",
    "مخلوف": "makhluf",
    "شوكت": "shawkat",
    "أنيسة": "anisa",
    "عبيد": "ubayd",
    "عبيدي": "ubaydi",
    "جزائري": "jazairi",
    "مسعود": "masud",
    "إدريس": "idris",
    "ادريس": "idris",
    "إلياس": "ilyas",
    "الياس": "ilyas",
    "نبيل": "nabil",
    "وائل": "wail",
    "سامي": "sami",
    "سمير": "samir",
    "بدر": "badr",
    "شهاب": "shihab",
    "ثامر": "thamir",
    "تكريتي": "tikriti",
    # Persian spellings (Farsi yeh ی, keheh ک).
    "علی": "ali",
    "حسین": "hossein",
    "رضا": "reza",
    "محمدرضا": "mohammadreza",
    "مهدی": "mahdi",
    "هادی": "hadi",
    "مجتبی": "mojtaba",
    "مرتضی": "morteza",
    "مصطفی": "mostafa",
    "موسی": "musa",
    "عیسی": "isa",
    "یحیی": "yahya",
    "سلیمانی": "soleimani",
    "خامنه‌ای": "khamenei",
    "خامنه": "khamene",
    "روحانی": "rouhani",
    "احمدی": "ahmadi",
    "احمدی‌نژاد": "ahmadinejad",
    "نژاد": "nejad",
    "زاده": "zadeh",
    "جواد": "javad",
    "ظریف": "zarif",
    "کریم": "karim",
    "رحیم": "rahim",
    "یوسف": "yusef",
    "ابراهیم": "ebrahim",
    "اسماعیل": "esmail",
    "سید": "seyed",
    "شیخ": "sheikh",
    "پرویز": "parviz",
    "فاطمه": "fatemeh",
    "زینب": "zeynab",
    "شرکت": "sherkat",
}

_LEXICON = {_MARKS.sub("", k): v for k, v in _LEXICON.items()}

# Compounds written as one word: "عبدالرحمن" is "abd al rahman", "نصرالله" "nasr allah".
_COMPOUND_HEAD = re.compile("^(عبد|أبو|ابو|بو)ال(..+)$")
_ALLAH_TAIL = re.compile("^(..+?)(الله)$")


def is_persian(text: str) -> bool:
    """True when the text uses a letter of Persian (or Urdu, Pashto) that Arabic lacks."""
    return not _PERSIAN_LETTERS.isdisjoint(text)


def strip_arabic_marks(text: str) -> str:
    """Remove harakat, Quranic marks, tatweel and zero-width joiners."""
    return _MARKS.sub("", text)


_strip = strip_arabic_marks


@lru_cache(maxsize=65536)
def arabic_word_latin(word: str, persian: bool = False) -> str:
    """One Arabic-script word in Latin letters; an article or compound becomes several words.

    ``الأسد`` → ``al asad``, ``عبدالرحمن`` → ``abd al rahman``, ``محمد`` → ``muhammad``.
    """
    word = _strip(word)
    if not word:
        return ""
    if word in _LEXICON:
        return _LEXICON[word]
    if word.startswith(_ARTICLE) and len(word) > 3:
        return "al " + arabic_word_latin(word[2:], persian)
    if m := _COMPOUND_HEAD.match(word):
        head, rest = m.groups()
        return f"{arabic_word_latin(head, persian)} al {arabic_word_latin(rest, persian)}"
    if (m := _ALLAH_TAIL.match(word)) and len(m.group(1)) >= 2:
        return f"{arabic_word_latin(m.group(1), persian)} allah"
    return _letters_latin(word, persian)


def _letters_latin(word: str, persian: bool) -> str:
    consonants = _PERSIAN_CONSONANTS if persian else _CONSONANTS
    out: list[str] = []
    n = len(word)
    for i, ch in enumerate(word):
        prev = word[i - 1] if i else ""
        nxt = word[i + 1] if i + 1 < n else ""
        if ch in _CONSONANTS:
            if ch in "هۀہ" and i == n - 1 and n > 2:
                # Final ha: a vowel after a consonant ("fatemeh", "abduh"), h after a vowel.
                out.append("h" if prev in _VOWEL_LETTERS else ("eh" if persian else "ah"))
            else:
                out.append(consonants[ch])
        elif ch in "اآأ":
            out.append("a")
        elif ch == "إ":
            out.append("i")
        elif ch in "ءئ":
            out.append("a" if i == 0 else ("i" if ch == "ئ" else ""))
        elif ch == "ؤ":
            out.append("u")
        elif ch == "ع":
            # Ayn: a vowel sound of its own between consonants (sad, jafar), else silent.
            if i == 0 or (prev not in _VOWEL_LETTERS and nxt not in _VOWEL_LETTERS):
                out.append("a")
        elif ch in "وۆ":
            if i == 0 or nxt in "اآ" or (prev in "اآ" and nxt and nxt not in _VOWEL_LETTERS):
                out.append("v" if persian else "w")
            elif persian and nxt in "یي":
                out.append("v")
            else:
                out.append("o" if persian or ch == "ۆ" else "u")
        elif ch in "يیێېۍے":
            if i == 0 or (nxt in "اآو" and i < n - 1) or (prev in "اآو" and i < n - 1):
                out.append("y")
            elif ch in "ێېے":
                out.append("e")
            else:
                out.append("i")
        elif ch == "ى":
            out.append("a")
        elif ch == "ة":
            out.append("a" if i == n - 1 else "t")
        elif ch.isdigit():
            out.append(str(int(ch)))
        elif ch.isalpha():
            out.append(ch)
    text = "".join(out)
    # Two vowels of the Latin rendering never come from one letter; keep them readable.
    return text.replace("aa", "a") if text.startswith("aa") else text


@lru_cache(maxsize=65536)
def arabic_word_key(word: str, persian: bool = False) -> str:
    """The consonant-class key of one Arabic-script word (see phonetic.arabic_skeleton)."""
    classes = _PERSIAN_CLASSES if persian else _CLASSES
    word = _strip(word)
    word = "".join(ch for ch in word if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f")
    if word in ("الله", "لله"):
        return "al"
    if word.startswith(_ARTICLE) and len(word) > 3:
        word = word[2:]
    if not word:
        return ""
    lead = word[0] in _LEADING_VOWELS
    if len(word) > 2 and word[-1] in "هہح":
        word = word[:-1]
    word = word.replace("تش", "چ")
    out: list[str] = []
    last = ""
    for ch in word:
        cls = classes.get(ch, "")
        if cls and cls != last:
            out.append(cls)
        last = cls or last
    key = "".join(out)
    return "a" + key if lead else key
