# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The compiled inner loop of name matching: token similarity and token alignment.

names.py documents the rules; this module carries them out in C, because a screening
compares tens of names of several tokens each and the loops are what costs. Tokens are
held in a TokenTable (their ASCII texts, phonetic keys, roles and weights as C arrays);
a NameVector is a name as positions in a table, so the listed names of the index share
one table (the vocabulary) and a query's names share another.
"""

from libc.math cimport pow, sqrt
from libc.stdlib cimport free, malloc, qsort
from libc.string cimport memcmp, memcpy

cdef extern from *:
    int __builtin_popcountll(unsigned long long) nogil
from cpython.bytes cimport PyBytes_AS_STRING, PyBytes_GET_SIZE

import numpy as np

# The rule's constants (names.py explains them); Python reads them from here.
MIN_TOKEN_SIMILARITY = 0.7
LATIN_SOUND_MIN_SPELLING = 0.55
MISSING_LISTED_FACTOR = 0.5
SINGLE_PART_CAP = 0.7
STRONG_PART = 0.75
JOINED_MIN_SIMILARITY = 0.85
SIMILARITY_EXPONENT = 1.5
TRUNCATED_SIMILARITY = 0.88
DOUBLED_SIMILARITY = 0.97
RARE_SINGLE_WEIGHT = 7.0
TRUNCATED_MIN_LENGTH = 4
INITIAL_SIMILARITY = 0.75
SAME_KEY_SIMILARITY = ((0.8, 0.9, 0.93), (0.92, 0.95, 0.96))  # [across scripts][key length]
NEAR_KEY_SIMILARITY = (0.85, 0.88)  # [across scripts]

cdef double MIN_SIM = MIN_TOKEN_SIMILARITY
cdef double SOUND_MIN_SPELLING = LATIN_SOUND_MIN_SPELLING
cdef double MISSING_FACTOR = MISSING_LISTED_FACTOR
cdef double PART_CAP = SINGLE_PART_CAP
cdef double STRONG = STRONG_PART
cdef double JOINED_MIN = JOINED_MIN_SIMILARITY
cdef double EXPONENT = SIMILARITY_EXPONENT
cdef double TRUNCATED_SIM = TRUNCATED_SIMILARITY
cdef double DOUBLED_SIM = DOUBLED_SIMILARITY
cdef double RARE_SINGLE = RARE_SINGLE_WEIGHT
cdef int TRUNCATED_MIN = TRUNCATED_MIN_LENGTH
cdef double INITIAL_SIM = INITIAL_SIMILARITY
cdef double SAME_KEY[2][3]
cdef double NEAR_KEY[2]
for _across in range(2):
    NEAR_KEY[_across] = NEAR_KEY_SIMILARITY[_across]
    for _length in range(3):
        SAME_KEY[_across][_length] = SAME_KEY_SIMILARITY[_across][_length]

# Roles (prepare.Role) and ways two tokens agree (names.HOW lists the words).
cdef enum:
    NAME = 0
    PARTICLE = 1
    GENERIC = 2
    LEGAL = 3
cdef enum:
    EXACT = 0
    SPELLING = 1
    PHONETIC = 2
    INITIAL = 3
    JOINED = 4
    TRUNCATED = 5

cdef enum:
    MAX_TEXT = 255  # longer tokens are compared on their first 255 letters

ctypedef struct Tok:
    const char* text
    const char* plain  # y read as i
    const char* dedup  # runs of one letter as one
    const char* key
    const char* cross  # the key compared across scripts
    int text_len, plain_len, dedup_len, key_len, cross_len
    int role, syllables
    bint transliterated, abjad
    double weight  # rarity x role weight
    unsigned long long letters  # which letters ``plain`` holds, one bit each
    bint vowel_end  # ``plain`` ends in a vowel ("bushra"; not "bashar")


cdef int osa_distance(const char* a, int la, const char* b, int lb) nogil:
    """Optimal string alignment distance (Levenshtein with adjacent transpositions)."""
    cdef int rows[3][MAX_TEXT + 2]
    cdef int i, j, cost, best, prev2, prev, cur
    if la > MAX_TEXT or lb > MAX_TEXT:
        la = MAX_TEXT if la > MAX_TEXT else la
        lb = MAX_TEXT if lb > MAX_TEXT else lb
    for j in range(lb + 1):
        rows[0][j] = j
    for i in range(1, la + 1):
        cur = i % 3
        prev = (i - 1) % 3
        prev2 = (i - 2) % 3
        rows[cur][0] = i
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = rows[prev][j] + 1
            if rows[cur][j - 1] + 1 < best:
                best = rows[cur][j - 1] + 1
            if rows[prev][j - 1] + cost < best:
                best = rows[prev][j - 1] + cost
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                if rows[prev2][j - 2] + 1 < best:
                    best = rows[prev2][j - 2] + 1
            rows[cur][j] = best
    return rows[la % 3][lb]


cdef double osa_similarity(const char* a, int la, const char* b, int lb) nogil:
    """1 - distance / longer length, as rapidfuzz's OSA.normalized_similarity."""
    cdef int longer = la if la > lb else lb
    if longer == 0:
        return 1.0
    return 1.0 - <double>osa_distance(a, la, b, lb) / <double>longer


cdef bint within_one_edit(const char* a, int la, const char* b, int lb) nogil:
    """Levenshtein distance at most 1."""
    cdef int i = 0, j = 0, edits = 0
    if la - lb > 1 or lb - la > 1:
        return False
    while i < la and j < lb:
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        edits += 1
        if edits > 1:
            return False
        if la > lb:
            i += 1
        elif lb > la:
            j += 1
        else:
            i += 1
            j += 1
    return edits + (la - i) + (lb - j) <= 1


cdef unsigned long long letter_set(const char* text, int length) noexcept nogil:
    """One bit per letter or digit present (anything else shares the last bit)."""
    cdef unsigned long long found = 0, one = 1
    cdef int i
    cdef char ch
    for i in range(length):
        ch = text[i]
        if c'a' <= ch <= c'z':
            found |= one << (ch - c'a')
        elif c'0' <= ch <= c'9':
            found |= one << (26 + ch - c'0')
        else:
            found |= one << 63
    return found


cdef inline int popcount(unsigned long long bits) noexcept nogil:
    return __builtin_popcountll(bits)


cdef inline double most_spelling_similarity(const Tok* a, const Tok* b) noexcept nogil:
    """An upper bound of osa_similarity(a.plain, b.plain), cheap: each letter one of them
    lacks costs an edit, and so does each letter of difference in length."""
    cdef int longer = a.plain_len if a.plain_len > b.plain_len else b.plain_len
    cdef int edits = a.plain_len - b.plain_len if a.plain_len > b.plain_len else b.plain_len - a.plain_len
    cdef int missing = popcount(a.letters & ~b.letters)
    cdef int extra = popcount(b.letters & ~a.letters)
    if missing > edits:
        edits = missing
    if extra > edits:
        edits = extra
    return 1.0 - <double>edits / <double>longer if longer else 1.0


cdef inline bint same(const char* a, int la, const char* b, int lb) nogil:
    return la == lb and memcmp(a, b, la) == 0


cdef inline int ending(char last) noexcept nogil:
    """How a token ends: 1 in a vowel (a, i, o, u), 0 in a consonant, -1 either way (e, h, w,
    y: a silent e, or what a final ه, ة, و or ي may give)."""
    if last == c'a' or last == c'i' or last == c'o' or last == c'u':
        return 1
    if last == c'e' or last == c'h' or last == c'w' or last == c'y':
        return -1
    return 0


cdef inline bint endings_differ(const Tok* a, const Tok* b) noexcept nogil:
    """An Arabic-script token and a Latin spelling that end differently, one in a vowel and
    the other in a consonant: "bashar" (بشار) is not "bushra", nor "bshra" (بشرى) "bashar"."""
    cdef int x, y
    if a.abjad == b.abjad or a.text_len == 0 or b.plain_len == 0:
        return False
    x = ending(a.text[a.text_len - 1]) if a.abjad else ending(a.plain[a.plain_len - 1])
    y = ending(b.text[b.text_len - 1]) if b.abjad else ending(b.plain[b.plain_len - 1])
    return x >= 0 and y >= 0 and x != y


cdef double similarity(const Tok* a, const Tok* b, int* how) nogil:
    """How alike two tokens are (names.token_similarity documents the rule)."""
    cdef int sound
    cdef bint across = a.transliterated or b.transliterated
    cdef double best, spelling, phonetic
    cdef int short_key
    cdef bint same_key
    if a.abjad or b.abjad:
        # Only where the skeletons are the same: "mhmdali" (محمدعلی) is still "mohammad"'s
        # near namesake, a name glued to it aside.
        same_key = same(a.cross, a.cross_len, b.cross, b.cross_len)
        sound = 0 if same_key and endings_differ(a, b) else 2
    elif a.vowel_end != b.vowel_end:
        sound = 0
    elif a.syllables == b.syllables:
        sound = 2 if across else 1
    elif across and (a.syllables - b.syllables == 1 or b.syllables - a.syllables == 1) and a.key_len >= 5:
        sound = 2
    else:
        sound = 0
    if same(a.text, a.text_len, b.text, b.text_len):
        how[0] = EXACT
        return 1.0
    if same(a.dedup, a.dedup_len, b.dedup, b.dedup_len):
        if sound == 2:
            how[0] = EXACT
            return 1.0
        how[0] = SPELLING
        return DOUBLED_SIM
    # The spelling counts only from MIN_SIM (or, between Latin names, from the level at
    # which it lets phonetic keys count): below that, skip computing it.
    if most_spelling_similarity(a, b) < (SOUND_MIN_SPELLING if sound == 1 else MIN_SIM):
        spelling = 0.0
    else:
        spelling = osa_similarity(a.plain, a.plain_len, b.plain, b.plain_len)
    best = spelling
    how[0] = SPELLING
    across = sound == 2
    if not across and spelling < SOUND_MIN_SPELLING:
        sound = 0
    cdef const char* a_key = a.cross if across else a.key
    cdef const char* b_key = b.cross if across else b.key
    cdef int a_len = a.cross_len if across else a.key_len
    cdef int b_len = b.cross_len if across else b.key_len
    if sound and a_len >= 2 and same(a_key, a_len, b_key, b_len):
        short_key = a_len if a_len < 4 else 4
        phonetic = SAME_KEY[1 if across else 0][short_key - 2]
        if phonetic > best:
            best = phonetic
            how[0] = PHONETIC
    elif (
        sound
        and a_len >= 4
        and b_len >= 4
        and (across or a_key[0] == b_key[0])
        and within_one_edit(a_key, a_len, b_key, b_len)
    ):
        phonetic = NEAR_KEY[1 if across else 0]
        if phonetic > best:
            best = phonetic
            how[0] = PHONETIC
    if best < INITIAL_SIM and (
        (a.text_len == 1 and b.text_len >= 1 and b.text[0] == a.text[0])
        or (b.text_len == 1 and a.text_len >= 1 and a.text[0] == b.text[0])
    ):
        best = INITIAL_SIM
        how[0] = INITIAL
    return best


cdef class TokenTable:
    """Tokens (prepare.Token) with their weights, as C arrays."""

    cdef Tok* toks
    cdef readonly int size
    cdef list _keep  # the bytes objects the pointers point into

    def __cinit__(self, tokens, weights):
        cdef int i
        cdef bytes text, plain, dedup, key, cross
        self.size = len(tokens)
        self._keep = []
        self.toks = <Tok*>malloc(max(self.size, 1) * sizeof(Tok))
        if self.toks == NULL:
            raise MemoryError()
        for i in range(self.size):
            token = tokens[i]
            text = token.text.encode("ascii")
            plain = token.text.replace("y", "i").encode("ascii")
            dedup = _undoubled(token.text).encode("ascii")
            key = token.key.encode("ascii")
            cross = token.cross_key.encode("ascii")
            self._keep.extend((text, plain, dedup, key, cross))
            self.toks[i].text = PyBytes_AS_STRING(text)
            self.toks[i].text_len = min(PyBytes_GET_SIZE(text), MAX_TEXT)
            self.toks[i].plain = PyBytes_AS_STRING(plain)
            self.toks[i].plain_len = min(PyBytes_GET_SIZE(plain), MAX_TEXT)
            self.toks[i].letters = letter_set(self.toks[i].plain, self.toks[i].plain_len)
            self.toks[i].vowel_end = plain[-1:] in (b"a", b"e", b"i", b"o", b"u")
            self.toks[i].dedup = PyBytes_AS_STRING(dedup)
            self.toks[i].dedup_len = min(PyBytes_GET_SIZE(dedup), MAX_TEXT)
            self.toks[i].key = PyBytes_AS_STRING(key)
            self.toks[i].key_len = min(PyBytes_GET_SIZE(key), MAX_TEXT)
            self.toks[i].cross = PyBytes_AS_STRING(cross)
            self.toks[i].cross_len = min(PyBytes_GET_SIZE(cross), MAX_TEXT)
            self.toks[i].role = int(token.role)
            self.toks[i].syllables = token.syllables
            self.toks[i].transliterated = token.transliterated
            self.toks[i].abjad = token.abjad
            self.toks[i].weight = weights[i]

    def __dealloc__(self):
        free(self.toks)


def similar_among(
    TokenTable query, int i, TokenTable vocabulary, list groups, char[::1] mark, double at_least
):
    """``[(j, similarity)]`` for each vocabulary token ``j`` in any of ``groups`` (tuples of
    positions in ``vocabulary``; one may be in several) at least ``at_least`` alike to the
    query table's token ``i``. ``mark`` is a zeroed work array over the vocabulary, left
    zeroed."""
    cdef list found = []
    cdef tuple group
    cdef int j, how
    cdef double sim
    for group in groups:
        for item in group:
            j = item
            if mark[j]:
                continue
            mark[j] = 1
            sim = similarity(&query.toks[i], &vocabulary.toks[j], &how)
            if sim >= at_least:
                found.append((j, sim))
    for group in groups:
        for item in group:
            mark[<int>item] = 0
    return found


def _undoubled(str text):
    cdef list out = []
    cdef Py_UCS4 last = 0
    for c in text:
        if c != last:
            out.append(c)
        last = c
    return "".join(out)


cdef class NameVector:
    """A name as positions in a TokenTable."""

    cdef TokenTable table
    cdef int* pos
    cdef readonly int size

    def __cinit__(self, TokenTable table, positions):
        cdef int i
        self.table = table
        self.size = len(positions)
        self.pos = <int*>malloc(max(self.size, 1) * sizeof(int))
        if self.pos == NULL:
            raise MemoryError()
        for i in range(self.size):
            self.pos[i] = positions[i]

    def __dealloc__(self):
        free(self.pos)


ctypedef struct Option:
    double sim
    int q0, q1, c0, c1  # spans; q1 / c1 are -1 for a single token
    int how


ctypedef struct Work:
    # Buffers for aligning a name of up to max_q tokens with one of up to max_c tokens.
    int max_q, max_c
    const Tok** q
    const Tok** c
    double* q_best
    double* c_best
    double* q_sim
    double* c_sim
    Option* options
    int* chosen
    int n_chosen


cdef inline int max_options(int nq, int nc) noexcept nogil:
    return nq * nc + 2 * (nq * nc) + 1


cdef Work* work_new(int max_q, int max_c) noexcept nogil:
    cdef Work* w = <Work*>malloc(sizeof(Work))
    max_q = max_q if max_q > 1 else 1
    max_c = max_c if max_c > 1 else 1
    w.max_q, w.max_c = max_q, max_c
    w.q = <const Tok**>malloc(max_q * sizeof(Tok*))
    w.c = <const Tok**>malloc(max_c * sizeof(Tok*))
    w.q_best = <double*>malloc(max_q * sizeof(double))
    w.c_best = <double*>malloc(max_c * sizeof(double))
    w.q_sim = <double*>malloc(max_q * sizeof(double))
    w.c_sim = <double*>malloc(max_c * sizeof(double))
    w.options = <Option*>malloc(max_options(max_q, max_c) * sizeof(Option))
    w.chosen = <int*>malloc((max_q + max_c) * sizeof(int))
    return w


cdef void work_free(Work* w) noexcept nogil:
    free(w.q)
    free(w.c)
    free(w.q_best)
    free(w.c_best)
    free(w.q_sim)
    free(w.c_sim)
    free(w.options)
    free(w.chosen)
    free(w)


cdef int option_order(const void* x, const void* y) noexcept nogil:
    """Best first; at equal similarity joined options first, then earlier tokens."""
    cdef const Option* a = <const Option*>x
    cdef const Option* b = <const Option*>y
    cdef bint a_single, b_single
    if a.sim != b.sim:
        return -1 if a.sim > b.sim else 1
    a_single = a.q1 < 0 and a.c1 < 0
    b_single = b.q1 < 0 and b.c1 < 0
    if a_single != b_single:
        return 1 if a_single else -1
    if a.q0 != b.q0:
        return -1 if a.q0 < b.q0 else 1
    if a.q1 != b.q1:
        return -1 if a.q1 < b.q1 else 1
    if a.c0 != b.c0:
        return -1 if a.c0 < b.c0 else 1
    if a.c1 != b.c1:
        return -1 if a.c1 < b.c1 else 1
    return 0


cdef int joined_options(
    const Tok** split, int n_split, const Tok** whole, int n_whole,
    const double* split_best, const double* whole_best, Option* out, bint query_split,
) noexcept nogil:
    """Options where two adjacent tokens of ``split`` align with one token of ``whole``."""
    cdef char joined[2 * MAX_TEXT + 2]
    cdef int i, j, length, count = 0
    cdef double sim
    for i in range(n_split - 1):
        if split_best[i] >= JOINED_MIN and split_best[i + 1] >= JOINED_MIN:
            continue
        memcpy(joined, split[i].text, split[i].text_len)
        memcpy(joined + split[i].text_len, split[i + 1].text, split[i + 1].text_len)
        length = split[i].text_len + split[i + 1].text_len
        for j in range(n_whole):
            if whole_best[j] >= JOINED_MIN:
                continue
            if length - whole[j].text_len > 2 or whole[j].text_len - length > 2:
                continue
            sim = osa_similarity(joined, length, whole[j].text, whole[j].text_len)
            if sim >= JOINED_MIN:
                out[count].sim = sim
                out[count].how = JOINED
                if query_split:
                    out[count].q0, out[count].q1, out[count].c0, out[count].c1 = i, i + 1, j, -1
                else:
                    out[count].q0, out[count].q1, out[count].c0, out[count].c1 = j, -1, i, i + 1
                count += 1
    return count


cdef double coverage(const Tok** toks, int n, const double* sims, double missing) noexcept nogil:
    cdef double total = 0.0, matched = 0.0
    cdef int i
    for i in range(n):
        if sims[i]:
            total += toks[i].weight
            matched += toks[i].weight * pow(sims[i], EXPONENT)
        else:
            total += toks[i].weight * missing
    return matched / total if total else 0.0


cdef bint only_generic(const Tok** toks, int n) noexcept nogil:
    cdef int i
    for i in range(n):
        if toks[i].role != LEGAL and toks[i].role != GENERIC:
            return False
    return True


cdef bint rests_on_one_common_part(
    const Tok** q, int nq, const double* q_sim, const Tok** c, int nc, const double* c_sim
) noexcept nogil:
    """One side has a single name part and the match rests on a part common on the lists."""
    cdef int i, q_parts = 0, c_parts = 0, matched = 0
    cdef double lightest = 1e300
    for i in range(nq):
        if q[i].role == NAME:
            q_parts += 1
            if q_sim[i]:
                matched += 1
                lightest = q[i].weight if q[i].weight < lightest else lightest
    for i in range(nc):
        if c[i].role == NAME:
            c_parts += 1
            if c_sim[i]:
                matched += 1
                lightest = c[i].weight if c[i].weight < lightest else lightest
    if (q_parts if q_parts < c_parts else c_parts) != 1:
        return False
    return matched >= 1 and matched <= 2 and lightest < RARE_SINGLE


cdef bint same_words(
    const Tok** q, int nq, const double* q_sim, int nc, const double* c_sim
) noexcept nogil:
    """Both names are the same two or more words, each spelt alike ("Ansar Bank" and
    "ANSAR BANK"): the whole name matches, not only its one distinctive part."""
    cdef int i
    if nq < 2 or nq != nc:
        return False
    for i in range(nq):
        if q_sim[i] != 1.0 or c_sim[i] != 1.0:
            return False
    return True


cdef double align(
    const Tok* q_toks, const int* q_pos, int nq, const Tok* c_toks, const int* c_pos, int nc,
    bint person, Work* w,
) noexcept nogil:
    """Align two names (each as positions in a token array, within ``w``'s sizes) token to
    token and score the alignment (names.compare_names); ``w`` holds the alignment after."""
    cdef const Tok** q = w.q
    cdef const Tok** c = w.c
    cdef double* q_best = w.q_best
    cdef double* c_best = w.c_best
    cdef double* q_sim = w.q_sim
    cdef double* c_sim = w.c_sim
    cdef Option* options = w.options
    cdef int* chosen = w.chosen
    cdef int i, j, k, how, n_options = 0, last = nq - 1, listed_parts, strong_parts
    cdef double sim, score, lowest_q = 1.0, lowest_c = 1.0
    cdef Option* o
    cdef bint taken
    for i in range(nq):
        q[i] = &q_toks[q_pos[i]]
        q_best[i] = 0.0
        q_sim[i] = 0.0
    for j in range(nc):
        c[j] = &c_toks[c_pos[j]]
        c_best[j] = 0.0
        c_sim[j] = 0.0
    for i in range(nq):
        for j in range(nc):
            sim = similarity(q[i], c[j], &how)
            if (
                i == last
                and sim < TRUNCATED_SIM
                and q[i].text_len >= TRUNCATED_MIN
                and c[j].text_len >= q[i].text_len
                and memcmp(c[j].text, q[i].text, q[i].text_len) == 0
            ):
                sim = TRUNCATED_SIM
                how = TRUNCATED
            if sim >= MIN_SIM:
                o = &options[n_options]
                o.sim, o.how, o.q0, o.q1, o.c0, o.c1 = sim, how, i, -1, j, -1
                n_options += 1
                if sim > q_best[i]:
                    q_best[i] = sim
                if sim > c_best[j]:
                    c_best[j] = sim
    for i in range(nq):
        lowest_q = q_best[i] if q_best[i] < lowest_q else lowest_q
    for j in range(nc):
        lowest_c = c_best[j] if c_best[j] < lowest_c else lowest_c
    if lowest_q < JOINED_MIN or lowest_c < JOINED_MIN:
        n_options += joined_options(q, nq, c, nc, q_best, c_best, options + n_options, True)
        n_options += joined_options(c, nc, q, nq, c_best, q_best, options + n_options, False)
    qsort(options, n_options, sizeof(Option), option_order)
    w.n_chosen = 0
    for k in range(n_options):
        o = &options[k]
        taken = q_sim[o.q0] or c_sim[o.c0] or (o.q1 >= 0 and q_sim[o.q1]) or (o.c1 >= 0 and c_sim[o.c1])
        if taken:
            continue
        q_sim[o.q0] = o.sim
        c_sim[o.c0] = o.sim
        if o.q1 >= 0:
            q_sim[o.q1] = o.sim
        if o.c1 >= 0:
            c_sim[o.c1] = o.sim
        chosen[w.n_chosen] = k
        w.n_chosen += 1
    score = sqrt(coverage(q, nq, q_sim, 1.0) * coverage(c, nc, c_sim, MISSING_FACTOR))
    if only_generic(q, nq) and not only_generic(c, nc):
        score = min(score, PART_CAP)
    elif rests_on_one_common_part(q, nq, q_sim, c, nc, c_sim) and not same_words(
        q, nq, q_sim, nc, c_sim
    ):
        score = min(score, PART_CAP)
    elif person:
        listed_parts = strong_parts = 0
        for j in range(nc):
            if c[j].role == NAME:
                listed_parts += 1
                if c_sim[j] >= STRONG:
                    strong_parts += 1
        if listed_parts >= 2 and strong_parts < 2:
            score = min(score, PART_CAP)
    return score


def name_score(NameVector query, NameVector candidate, bint person):
    """The name score of two names (names.compare_names without the detail)."""
    cdef int nq = query.size, nc = candidate.size
    if nq == 0 or nc == 0:
        return 0.0
    cdef Work* w = work_new(nq, nc)
    cdef double score = align(
        query.table.toks, query.pos, nq, candidate.table.toks, candidate.pos, nc, person, w
    )
    work_free(w)
    return score


cdef tuple _span(int first, int second):
    if second < 0:
        return (first,)
    return (first, second)


def name_alignment(NameVector query, NameVector candidate, bint person):
    """``(score, pairs, query_sims, candidate_sims)``: the score, the aligned pairs as
    ``(query positions, candidate positions, similarity, how)`` in the order they were
    chosen, and each token's similarity to its partner (0 when it has none)."""
    cdef int nq = query.size, nc = candidate.size, k
    if nq == 0 or nc == 0:
        return 0.0, [], [0.0] * nq, [0.0] * nc
    cdef Work* w = work_new(nq, nc)
    cdef double score = align(
        query.table.toks, query.pos, nq, candidate.table.toks, candidate.pos, nc, person, w
    )
    cdef list pairs = []
    cdef Option* o
    for k in range(w.n_chosen):
        o = &w.options[w.chosen[k]]
        pairs.append((_span(o.q0, o.q1), _span(o.c0, o.c1), o.sim, o.how))
    q_sims = [w.q_sim[k] for k in range(nq)]
    c_sims = [w.c_sim[k] for k in range(nc)]
    work_free(w)
    return score, pairs, q_sims, c_sims


# ---- candidate voting (index.CandidateIndex) -------------------------------------------------
# Work arrays hold one value per listed name and are zero between queries; each step records
# the names it touched, so a query costs what it matches, not the size of the lists.


def vote_for_name(
    list postings, list units, double total,
    float[::1] votes, float[::1] best, float[::1] share,
    int[::1] unit_touched, int[::1] name_touched, int[::1] query_touched, int n_query_touched,
):
    """Add one query name's votes: each unit ``(weight, [(vocabulary id, similarity)])``
    gives every name holding a token like it ``weight x similarity`` (the closest such
    token once); a name's share is its votes over ``total``, the best over the query's
    names. Returns how many names the query has touched so far."""
    cdef int n_unit, n_name = 0, k, n
    cdef float value
    cdef int[::1] post
    cdef double weight, sim
    for weight, matches in units:
        n_unit = 0
        for v, sim in matches:
            post = postings[v]
            value = <float>(weight * sim)
            for k in range(post.shape[0]):
                n = post[k]
                if best[n] == 0:
                    unit_touched[n_unit] = n
                    n_unit += 1
                if value > best[n]:
                    best[n] = value
        for k in range(n_unit):
            n = unit_touched[k]
            if votes[n] == 0:
                name_touched[n_name] = n
                n_name += 1
            votes[n] += best[n]
            best[n] = 0
    for k in range(n_name):
        n = name_touched[k]
        value = votes[n] / <float>total
        if share[n] == 0:
            query_touched[n_query_touched] = n
            n_query_touched += 1
        if value > share[n]:
            share[n] = value
        votes[n] = 0
    return n_query_touched


def best_name_scores(
    list queries, TokenTable vocabulary, const int[::1] names, const int[::1] name_start,
    const int[::1] name_vocab, const char[::1] name_person, const char[::1] name_weak,
    bint query_person, double weak_factor,
):
    """For each of ``names`` (listed names, each ``name_vocab[name_start[n]:name_start[n + 1]]``
    as positions in ``vocabulary``), its best name score against the query's names
    (``queries``, NameVectors), times ``weak_factor`` for a weak alias: what
    score._best_name gives, for many names in one call."""
    cdef Py_ssize_t i
    cdef int k, n, nc, nq, n_queries = len(queries), max_q = 1, max_c = 1
    cdef double score, best
    cdef NameVector query
    result = np.zeros(names.shape[0], dtype=np.float64)
    cdef double[::1] out = result
    if n_queries == 0 or names.shape[0] == 0:
        return result
    cdef const Tok** q_toks = <const Tok**>malloc(n_queries * sizeof(Tok*))
    cdef const int** q_pos = <const int**>malloc(n_queries * sizeof(int*))
    cdef int* q_size = <int*>malloc(n_queries * sizeof(int))
    for k in range(n_queries):
        query = queries[k]
        q_toks[k], q_pos[k], q_size[k] = query.table.toks, query.pos, query.size
        max_q = query.size if query.size > max_q else max_q
    for i in range(names.shape[0]):
        nc = name_start[names[i] + 1] - name_start[names[i]]
        max_c = nc if nc > max_c else max_c
    cdef Work* w = work_new(max_q, max_c)
    with nogil:
        for i in range(names.shape[0]):
            n = names[i]
            nc = name_start[n + 1] - name_start[n]
            best = 0.0
            for k in range(n_queries):
                nq = q_size[k]
                if nq == 0 or nc == 0:
                    continue
                score = align(
                    q_toks[k], q_pos[k], nq, vocabulary.toks, &name_vocab[name_start[n]], nc,
                    query_person or name_person[n], w,
                )
                if name_weak[n]:
                    score = score * weak_factor
                if score > best:
                    best = score
            out[i] = best
    free(q_toks)
    free(q_pos)
    free(q_size)
    work_free(w)
    return result
