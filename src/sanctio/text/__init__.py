"""Text layer: one normalisation path for list names and queries.

``normalize`` cleans and tokenises, ``scripts`` detects and transliterates scripts,
``phonetic`` gives consonant-skeleton keys that survive transliteration, ``names``
knows name structure (particles, titles, compounds, name order, legal forms).
See docs/text.md.
"""

from sanctio.text.names import (
    canonical_tokens,
    generic_mask,
    is_generic_org_word,
    is_legal_form,
    is_particle,
    is_title,
    org_generic_words,
    org_legal_forms,
    org_tokens,
    person_tokens,
    reorder_comma_name,
    split_joined,
    strip_legal_forms,
    strip_titles,
)
from sanctio.text.normalize import ascii_fold, clean_input, fold_lookalikes, latin_tokens
from sanctio.text.phonetic import (
    arabic_skeleton,
    cross_script_skeleton,
    skeleton,
    skeleton_distance,
)
from sanctio.text.scripts import detect_script, script_of, to_latin

__all__ = [
    "arabic_skeleton",
    "ascii_fold",
    "canonical_tokens",
    "clean_input",
    "cross_script_skeleton",
    "detect_script",
    "fold_lookalikes",
    "generic_mask",
    "is_generic_org_word",
    "is_legal_form",
    "is_particle",
    "is_title",
    "latin_tokens",
    "org_generic_words",
    "org_legal_forms",
    "org_tokens",
    "person_tokens",
    "reorder_comma_name",
    "script_of",
    "skeleton",
    "skeleton_distance",
    "split_joined",
    "strip_legal_forms",
    "strip_titles",
    "to_latin",
]
