"""Name structure: particles, titles, joined compounds, name order, company legal forms.

Every word list here is kept in the form :func:`~sanctio.text.normalize.latin_tokens`
gives, and built through it from the spellings people write (Latin, Arabic, Persian,
Cyrillic, Chinese ...), so a list entry and a query meet whatever script they came in.

Typical use::

    person_tokens("AL-ASSAD, Dr. Bashar")   # ['bashar', 'assad']
    org_tokens("Rosneft Oil Company PJSC")  # ['rosneft', 'oil']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rigour.names import extract_org_types

from sanctio.text.normalize import clean_input, latin_tokens

__all__ = [
    "canonical_tokens",
    "generic_mask",
    "is_generic_org_word",
    "is_legal_form",
    "is_particle",
    "is_title",
    "legal_form_mask",
    "org_generic_words",
    "org_legal_forms",
    "org_legal_words",
    "org_tokens",
    "person_tokens",
    "reorder_comma_name",
    "split_joined",
    "strip_legal_forms",
    "strip_titles",
]

# -- particles ---------------------------------------------------------------------

# The Arabic article as lists write it apart ("al-Assad", "el-Sayed", "ul-Haq").
# "il" is not here: it is a Korean name part (Kim Il Sung) far more often than an article.
_ARTICLES = frozenset({"al", "el", "ul"})
# The article assimilated to a following "sun letter": as-Sayyid, ud-Din, ar-Rahman.
# Only an article when the next token starts with the same consonant.
_SUN_ARTICLES = {
    f"{v}{c}": c
    for v in "aue"
    for c in ("d", "r", "s", "sh", "t", "z", "n", "th", "dh")
    if f"{v}{c}" not in {"ed", "en", "et", "es"}
}
_PARTICLES = frozenset(
    {
        *_ARTICLES,
        # "an", "un", "er", "ez" are also name words (the Korean An, Kim Jong Un).
        *(a for a in _SUN_ARTICLES if a not in {"an", "un", "er", "ez"}),
        "bin",
        "ibn",
        "ben",
        "bint",
        "binti",
        "bte",
        "ibnu",
        "abu",
        "abou",
        "abo",
        "umm",
        "um",
        "abd",
        "abdul",
        "abdel",
        "abdal",
        "abdoul",
        "abdol",
        "ould",
        "ag",
        "ait",
        "van",
        "von",
        "der",
        "den",
        "de",
        "da",
        "di",
        "du",
        "des",
        "del",
        "della",
        "dos",
        "das",
        "do",
        "la",
        "le",
        "lo",
        "los",
        "las",
        "zu",
        "ter",
        "ten",
    }
)


def is_particle(token: str) -> bool:
    """True for name particles: the Arabic article (al, el, as-, ud- ...), bin, ibn,
    bint, abu, umm, abd and its forms, ould, van, von, de, da, di, du, del, la, le ...

    Particles belong to the name but say little on their own: a matcher should give
    them little weight, not drop them. ``token`` is a :func:`latin_tokens` token.
    """
    return token in _PARTICLES


# -- titles and honorifics -----------------------------------------------------------

_TITLE_SPELLINGS = """
mr; mrs; ms; miss; mister; madam; madame; mme; mlle; monsieur; herr; frau; senor; senora;
sr; sra; signor; sig; sir; lord; lady; dame; dr; doctor; prof; professor; rev; reverend;
father; rabbi; bishop; archbishop; eng; engr; engineer; judge; justice; senator;
governor; gov; president; pres; vice president; minister; deputy minister; prime minister;
ambassador; amb; excellency; his excellency; her excellency; h e; hrh; hon; honourable;
honorable; the honourable; prince; princess; king; queen; crown prince; emir; sheikh;
shaikh; shaykh; sheik; shaik; cheikh; chaikh; sheykh; shiekh; sheikha; shaykha; shk;
general; gen; lieutenant general; lt gen; ltgen; major general; maj gen; brigadier general;
brig gen; brigadier; brig; colonel; col; lieutenant colonel; lt col; major; maj; captain;
capt; cpt; commander; cdr; admiral; adm; vice admiral; rear admiral; marshal;
field marshal; lieutenant; lt; sergeant; sgt; commodore; hajji; haji; hajj; haj; hadj;
hadji; hajja; hajjah; alhaji; alhaj; alhajji; elhadj; el hadj; mullah; mulla; molla;
mollah; maulana; mawlana; moulana; maulvi; mawlawi; mawlavi; molvi; moulvi; mufti; imam;
qari; ayatollah; ayatullah; grand ayatollah; hojatoleslam; hojjatoleslam; hojatolislam;
hojjat ol eslam; hujjat al islam; ustadh; ustaz; ustad; gospodin; gospozha;
الشيخ; شيخ; الحاج; حاج; الحاجة; الدكتور; دكتور; اللواء; العميد; العقيد; الفريق; المشير;
الرئيس; السيد; السيدة; الملا; ملا; مولوي; مولانا; المفتي; مفتي; الإمام; الامام;
آية الله; آیت الله; آیت‌الله; حجت الاسلام; حجت‌الاسلام; سردار; سرلشکر; سرتیپ; سرهنگ;
دکتر; مهندس; حاجی; آقای; خانم; ملا; مولوی;
генерал; полковник; господин; госпожа; доктор; шейх; ד"ר; הרב
"""


def _phrases(spellings: Iterable[str]) -> frozenset[tuple[str, ...]]:
    out = set()
    for spelling in spellings:
        tokens = tuple(latin_tokens(spelling))
        if tokens:
            out.add(tokens)
    return frozenset(out)


def _split_list(text: str) -> list[str]:
    return [s.strip() for s in text.replace("\n", " ").split(";") if s.strip()]


def _build_titles() -> frozenset[tuple[str, ...]]:
    phrases = set(_phrases(_split_list(_TITLE_SPELLINGS)))
    # Titles with the article in front, as in "al-Sheikh", "ash-Shaykh", "el-Hadj".
    for phrase in list(phrases):
        if len(phrase) == 1 and phrase[0][0] in "shm":
            phrases.add(("al", *phrase))
            phrases.add(("el", *phrase))
            if phrase[0].startswith("sh"):
                phrases.add(("ash", *phrase))
    return frozenset(phrases)


_TITLE_PHRASES = _build_titles()
_TITLE_MAX = max(len(p) for p in _TITLE_PHRASES)
_TITLE_WORDS = frozenset(p[0] for p in _TITLE_PHRASES if len(p) == 1)


def is_title(token: str) -> bool:
    """True for a one-word title or honorific (dr, sheikh, hajji, general, mullah ...)."""
    return token in _TITLE_WORDS


def _match_at(
    tokens: Sequence[str], i: int, phrases: frozenset[tuple[str, ...]], longest: int
) -> int:
    """Length of the longest phrase starting at tokens[i], 0 if none."""
    for n in range(min(longest, len(tokens) - i), 0, -1):
        if tuple(tokens[i : i + n]) in phrases:
            return n
    return 0


def strip_titles(tokens: Sequence[str]) -> list[str]:
    """Drop the titles and honorifics a person name starts with.

    ``["dr", "sheikh", "ahmad", "yasin"]`` → ``["ahmad", "yasin"]``; multi-word titles
    too (``lieutenant general``, ``hojjat ol eslam``, ``al shaykh``). Only leading
    titles go, since a title word later in a name may be part of it, and at least one
    token always remains (a name that is only "Emir" stays "Emir").
    """
    i = 0
    while i < len(tokens):
        n = _match_at(tokens, i, _TITLE_PHRASES, _TITLE_MAX)
        if n == 0 or i + n >= len(tokens):
            break
        i += n
    return list(tokens[i:])


# -- joined compounds --------------------------------------------------------------

_ABD_ALLAH = re.compile(r"^abd[aeiou]{0,2}l{1,2}(?:a|ah|ahi|ai|aye|ay|o|oh)$")
_ABD_ARTICLE = re.compile(r"^(abd[aeiou]{0,2}l)([a-z]{3,})$")
_ABD_SUN = re.compile(r"^(abd[aeiou]{1,2}(?:sh|th|dh|[rstznd]))((?:sh|th|dh|[rstznd])[a-z]{2,})$")
_ABD_PLAIN = re.compile(r"^(abd[aeiou]{1,2})([b-df-hj-np-tv-z][a-z]{3,})$")
_ABU = re.compile(r"^(ab(?:u|ou|o)l?)([b-df-hj-np-tv-z][a-z]{3,})$")
_ALLAH_TAIL = re.compile(r"^([a-z]{3,}?)(ullah|ollah|allah|ulla|olla|alla|ulloh)$")
_DIN_TAIL = re.compile(
    r"^([a-z]{3,}?)(uddin|uddeen|eddin|eddine|edine|addin|aldin|eldin|oddin|udin|uddine)$"
)


@lru_cache(maxsize=65536)
def _split(token: str) -> tuple[str, ...]:
    if len(token) < 6:
        return (token,)
    if _ABD_ALLAH.match(token):
        # Abdullah, Abdallah, Abdulla, Abdoulaye, Abdullahi: one name, "servant of God".
        return ("abd", token[3:])
    for pattern in (_ABD_ARTICLE, _ABD_SUN, _ABD_PLAIN, _ABU):
        if m := pattern.match(token):
            return (m.group(1), *_split(m.group(2)))
    for pattern in (_ALLAH_TAIL, _DIN_TAIL):
        if m := pattern.match(token):
            return (m.group(1), m.group(2))
    return (token,)


def split_joined(token: str) -> list[str]:
    """Split a name written as one word where lists also write it as two.

    Prefixes ``abd`` (with its article: abdul, abdel, abdur ...) and ``abu``/``abou``,
    and suffixes ``-ullah``/``-allah`` and ``-uddin``/``-eddine``::

        abdulrahman → abdul rahman     abdelkader → abdel kader
        abdurrahman → abdur rahman     abdullah   → abd ullah
        abulhassan  → abul hassan      aboubakar  → abou bakar
        nasrullah   → nasr ullah       salahuddin → salah uddin

    The pieces keep their spelling; :func:`canonical_tokens` then makes them meet the
    two-word forms. Tokens that are not such compounds come back alone.
    """
    return list(_split(token))


_ABD_FORMS = ("abdul", "abdel", "abdal", "abdoul", "abdol", "abdil")
_ABD_SUN_FORMS = tuple(
    f"abd{v}{c}" for v in ("u", "e", "a") for c in ("r", "s", "sh", "t", "z", "n", "d")
)
_CANONICAL = {
    **{form: "abd" for form in _ABD_FORMS + _ABD_SUN_FORMS},
    **{form: "abu" for form in ("abou", "abo", "abul", "aboul", "abol")},
}
_ALLAH_PIECE = re.compile(r"^[aeiou]?ll(?:a|ah|o|oh)$")
_ABD_PIECE = re.compile(r"^abd[aeiou]{0,2}(?:sh|th|dh|[lrstznd])?$")
_ABU_PIECE = re.compile(r"^ab(?:u|ou|o)l?$")
_CANONICAL_DIN = frozenset(
    {"uddin", "uddeen", "eddin", "eddine", "edine", "addin", "aldin", "eldin", "oddin"}
    | {"udin", "uddine"}
)


def _is_article(token: str, following: str | None) -> bool:
    if following is None:
        return False
    if token in _ARTICLES:
        return True
    consonant = _SUN_ARTICLES.get(token)
    return consonant is not None and following.startswith(consonant)


def _canonical_piece(piece: str, prefix: bool) -> str:
    if piece in _CANONICAL_DIN:
        return "din"
    if piece in _CANONICAL:
        return _CANONICAL[piece]
    if _ALLAH_PIECE.match(piece) and piece != "la":
        return "allah"
    if prefix and _ABD_PIECE.match(piece):
        return "abd"
    if prefix and _ABU_PIECE.match(piece):
        return "abu"
    return piece


def canonical_tokens(tokens: Sequence[str]) -> list[str]:
    """One spelling for the compound names and articles that lists write many ways.

    Joined compounds are split (:func:`split_joined`), the Arabic article is dropped
    before another token (al-, el-, and the assimilated as-, ud-, ar- ... before a
    matching letter), ``abdul``/``abdel``/``abdur``... become ``abd``, ``abul``/``abou``
    become ``abu``, ``ullah``/``alla`` become ``allah`` and ``uddin``/``eddine`` become
    ``din``. So "Abd al-Rahman", "Abdul Rahman", "Abdulrahman", "Abdurrahman" and
    "Abdel Rahman" all give ``["abd", "rahman"]``, and "Bashar al-Assad" gives
    ``["bashar", "assad"]``.
    """
    pieces: list[str] = []
    for token in tokens:
        pieces.extend(_canonical_split(token))
    return [
        piece
        for i, piece in enumerate(pieces)
        if not _is_article(piece, pieces[i + 1] if i + 1 < len(pieces) else None)
    ]


@lru_cache(maxsize=65536)
def _canonical_split(token: str) -> tuple[str, ...]:
    """The canonical pieces of one token (articles are dropped later, in context)."""
    if _ABD_ALLAH.match(token):
        return ("abd", "allah")
    split = _split(token)
    if len(split) == 1:
        return (_canonical_piece(token, False),)
    return tuple(_canonical_piece(piece, i == 0) for i, piece in enumerate(split))


# -- name order ------------------------------------------------------------------------

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "junior", "senior"})
_COMMAS = re.compile("[,\u060c\uff0c]")


def reorder_comma_name(text: str) -> str:
    """Put a "FAMILY, Given" person name in written order: "Given FAMILY".

    A comma in a person name means the surname comes first (the OFAC and UK style):
    ``"AL-ASSAD, Bashar"`` → ``"Bashar AL-ASSAD"``. A third part after another comma
    stays last (``"SMITH, John, Jr."`` → ``"John SMITH Jr."``). Without a comma, or
    when the part after the comma is only a suffix or a legal form ("Acme, Inc."), the
    text comes back with its white space tidied. Arabic and full-width commas count.
    """
    parts = [p.strip() for p in _COMMAS.split(text)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return " ".join(" ".join(parts).split())
    family, given, rest = parts[0], parts[1], parts[2:]
    given_tokens = latin_tokens(given)
    if not given_tokens or all(t in _SUFFIXES for t in given_tokens) or is_legal_form(given):
        return " ".join(" ".join(parts).split())
    return " ".join(" ".join([given, family, *rest]).split())


# -- organisations -----------------------------------------------------------------------

_LEGAL_FORM_SPELLINGS = """
llc; l l c; ltd; limited; co; company; corp; corporation; inc; incorporated; plc; llp; lp;
jsc; ojsc; cjsc; pjsc; pao; oao; zao; ooo; ao; nao; tov; pat; prat; too; fgup; gup; ano;
gmbh; mbh; ag; kg; gmbh co kg; kgaa; se; sa; s a; sas; s a s; sarl; s a r l; eurl; snc;
spa; s p a; srl; s r l; sapa; bv; b v; nv; n v; vof; cv; sp z o o; spolka z o o; fze; fzco;
fzc; fz llc; fz co; fze llc; est; establishment; pte; pty; pte ltd; pty ltd; pvt; pvt ltd;
private limited; sdn bhd; bhd; tbk; pt; ltda; s de rl; sa de cv; kk; kabushiki kaisha;
yugen kaisha; ab; oy; oyj; asa; aps; a s; kft; zrt; nyrt; rt; sro; s r o; doo; d o o; ead;
ood; eood; sal; s a l; sae; s a e; wll; w l l; spc; qsc; qpsc; q s c; bsc; b s c; psc;
ksc; kscc; saog; saoc; joint stock company; closed joint stock company;
open joint stock company; public joint stock company; private joint stock company;
private joint stock; public joint stock; joint stock; limited liability company;
limited liability partnership; limited partnership; company limited; co ltd; coltd;
public company; public limited company; private company; sherkat; sherkate; sahami khas;
sahami am; sherkat sahami khas; sherkat sahami am; moasseseh; moassesseh; moassese;
mosasseh; anonim sirketi; limited sirketi; ltd sti; sti; as; aktiengesellschaft;
gesellschaft mit beschrankter haftung; societe anonyme; sociedad anonima;
sociedad limitada; societa per azioni; societa a responsabilita limitata;
obshchestvo s ogranichennoy otvetstvennostyu; aktsionernoe obshchestvo;
zakrytoe aktsionernoe obshchestvo; otkrytoe aktsionernoe obshchestvo;
publichnoe aktsionernoe obshchestvo; tovarystvo z obmezhenoyu vidpovidalnistyu;
youxian gongsi; gufen youxian gongsi; youxian zeren gongsi;
شركة; شركه; مؤسسة; مؤسسه; موسسة; ش م م; ذ م م; ش م ل; ش م ع; ش م ب; ش ذ م م;
ذات مسؤولية محدودة; ذات المسؤولية المحدودة; المحدودة; محدودة; مساهمة; مساهمة عامة;
مساهمة خاصة; شرکت; سهامی خاص; سهامی عام; موسسه; مؤسسه; با مسئولیت محدود;
ООО; ЗАО; ОАО; ПАО; АО; НАО; ТОВ; ПАТ; ПрАТ; ТОО; ФГУП; ГУП; ОДО; ЧП; АНО;
Общество с ограниченной ответственностью; Акционерное общество;
Закрытое акционерное общество; Открытое акционерное общество;
Публичное акционерное общество; Товариство з обмеженою відповідальністю;
有限公司; 股份有限公司; 有限责任公司; 公司; 주식회사; 유한회사; 株式会社; 有限会社; בע"מ
"""

_GENERIC_SPELLINGS = """
trading; trade; traders; trader; general trading; company; companies; co; international;
intl; bank; banking; group; groupe; gruppe; grupo; holding; holdings; industries; industry;
industrial; general; commercial; commerce; comercial; commerciale; services; service;
enterprise; enterprises; import; export; imports; exports; impex; investment; investments;
development; engineering; construction; petroleum; oil; gas; energy; shipping; logistics;
management; consulting; technology; technologies; tech; solutions; global; world;
national; united; the; and; of; for; association; organization; organisation; foundation;
institute; center; centre; agency; office; factory; manufacturing; production; products;
systems; network; media; partners; resources; capital; finance; financial; exchange;
market; marine; maritime; airlines; air; aviation; transport; electronics; electric;
chemical; chemicals; pharmaceutical; medical; mining; metals; steel; supply; supplies;
equipment; machinery; handel; handels; handelsgesellschaft; internacional;
internationale; international; compania; compagnie; empresa; banco; banque; societe;
sociedad; societa; industrie; industria; tejarat; tejarati; tijarat; tijara; bazargani;
sanaye; sanat; sanati; gostaresh; tose; tosee; mohandesi; sakhtemani; beynolmelal;
khadamat; tolid; torgovy; torgovyy; torgovaya; kompaniya; gruppa; promyshlennaya;
mezhdunarodnyy; mezhdunarodnaya;
تجارة; للتجارة; التجارية; تجارية; العامة; الدولية; دولية; مصرف; بنك; مجموعة;
الصناعية; صناعة; للصناعة; الاستثمار; للاستثمار; للخدمات; خدمات; الخدمات; الهندسية;
بازرگانی; صنعت; صنایع; توسعه; مهندسی; بین المللی; خدمات; تولید;
Торговый; Торговая; Компания; Группа; Банк; Международный; Международная;
貿易; 贸易; 国际; 國際; 银行; 銀行; 集团; 集團; 工业; 工業
"""


def _single_words(phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(" ".join(p) for p in phrases)


_LEGAL_PHRASES = _phrases(_split_list(_LEGAL_FORM_SPELLINGS))
_LEGAL_MAX = max(len(p) for p in _LEGAL_PHRASES)
_GENERIC_PHRASES = _phrases(_split_list(_GENERIC_SPELLINGS))

#: Legal forms as space-joined :func:`latin_tokens` phrases ("llc", "joint stock company",
#: "ooo", "shrka" for شركة ...). :func:`strip_legal_forms` also uses rigour's table.
org_legal_forms: frozenset[str] = _single_words(_LEGAL_PHRASES)
#: Every word that occurs in a legal form, alone or in a phrase ("joint", "stock").
org_legal_words: frozenset[str] = frozenset(w for p in _LEGAL_PHRASES for w in p)
#: Words frequent in company names that identify nothing by themselves ("trading",
#: "international", "bank" ...), as :func:`latin_tokens` tokens: a match on these alone is
#: no match. Phrases of several tokens (Arabic "al tjaria", Chinese "mao yi") are in
#: :func:`generic_mask` only, since their words alone ("al", "guo") are not generic.
org_generic_words: frozenset[str] = frozenset(p[0] for p in _GENERIC_PHRASES if len(p) == 1)
_GENERIC_MAX = max(len(p) for p in _GENERIC_PHRASES)

# rigour recognises these as legal forms, but in a name they are usually something
# else: the assimilated Arabic article (as-Sham) and a Tuareg "son of" (ag).
_NOT_LEGAL_ALONE = frozenset({"as", "ad", "ag", "an", "at", "ar"})


def is_legal_form(text: str) -> bool:
    """True when the whole text is a company legal form ("LLC", "Ltd.", "ООО", "شركة")."""
    tokens = tuple(latin_tokens(text))
    return bool(tokens) and (
        tokens in _LEGAL_PHRASES or _rigour_spans(tokens) == [(0, len(tokens))]
    )


def is_generic_org_word(token: str) -> bool:
    """True for a generic company-name word ("trading", "bank", "international" ...)."""
    return token in org_generic_words


def generic_mask(tokens: Sequence[str]) -> list[bool]:
    """For each token of an organisation name, whether it is a generic word.

    Single words (:data:`org_generic_words`) and generic phrases in any script
    (``للتجارة العامة`` "general trading", ``贸易`` "trade") are marked; a name whose
    tokens are all generic or legal forms has nothing to match on.
    """
    mask = [False] * len(tokens)
    i = 0
    while i < len(tokens):
        n = _match_at(tokens, i, _GENERIC_PHRASES, _GENERIC_MAX)
        if n:
            mask[i : i + n] = [True] * n
            i += n
        else:
            i += 1
    return mask


def _rigour_spans(tokens: Sequence[str]) -> list[tuple[int, int]]:
    """Token spans rigour's org-type table recognises as legal forms."""
    text = " ".join(tokens)
    found = extract_org_types(text)
    if not found:
        return []
    spans = []
    starts = {}
    pos = 0
    for i, token in enumerate(tokens):
        starts[pos] = i
        pos += len(token) + 1
    search_from = 0
    for matched, _target in found:
        m_tokens = matched.split()
        at = text.find(matched, search_from)
        while at != -1 and at not in starts:
            at = text.find(matched, at + 1)
        if at == -1:
            continue
        i = starts[at]
        n = len(m_tokens)
        if tuple(tokens[i : i + n]) != tuple(m_tokens):
            continue
        search_from = at + len(matched)
        if n == 1 and m_tokens[0] in _NOT_LEGAL_ALONE:
            continue
        spans.append((i, i + n))
    return spans


def legal_form_mask(tokens: Sequence[str]) -> list[bool]:
    """For each token, whether it is part of a company legal form, wherever it stands.

    Uses this module's multi-language list (LLC, Ltd, JSC, OOO, GmbH, SA, FZE, شركة,
    شرکت سهامی خاص, ООО, 有限公司 ...) and rigour's org-type table (ISO 20275 and more).
    """
    mask = [False] * len(tokens)
    i = 0
    while i < len(tokens):
        n = _match_at(tokens, i, _LEGAL_PHRASES, _LEGAL_MAX)
        if n and not (
            n == 1 and _is_article(tokens[i], tokens[i + 1] if i + 1 < len(tokens) else None)
        ):
            mask[i : i + n] = [True] * n
            i += n
        else:
            i += 1
    for start, end in _rigour_spans(tokens):
        mask[start:end] = [True] * (end - start)
    return mask


def strip_legal_forms(tokens: Sequence[str]) -> list[str]:
    """Remove company legal forms from a token list (see :func:`legal_form_mask`).

    ``["rosneft", "oil", "company", "pjsc"]`` → ``["rosneft", "oil"]``. When nothing
    would remain, the tokens come back unchanged.
    """
    kept = [t for t, legal in zip(tokens, legal_form_mask(tokens), strict=True) if not legal]
    return kept if kept else list(tokens)


# -- whole names -------------------------------------------------------------------------


def person_tokens(text: str) -> list[str]:
    """A person name as comparable tokens: name order fixed, titles dropped, compounds
    and articles made canonical.

    ``"AL-ASSAD, Dr. Bashar"`` and ``"بشار الأسد"`` both give ``["bashar", "assad"]``
    up to spelling (``["bashar", "asad"]`` for the Arabic).
    """
    return canonical_tokens(strip_titles(latin_tokens(reorder_comma_name(clean_input(text)))))


def org_tokens(text: str) -> list[str]:
    """An organisation name as comparable tokens, legal forms removed.

    Generic words stay (they are part of the name); weigh them down with
    :func:`is_generic_org_word`.
    """
    return strip_legal_forms(latin_tokens(text))
