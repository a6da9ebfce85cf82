"""Name structure: particles, titles, joined compounds, name order, legal forms."""

from __future__ import annotations

import pytest

from sanctio.text import (
    canonical_tokens,
    generic_mask,
    is_generic_org_word,
    is_legal_form,
    is_particle,
    is_title,
    latin_tokens,
    org_generic_words,
    org_legal_forms,
    org_tokens,
    person_tokens,
    reorder_comma_name,
    split_joined,
    strip_legal_forms,
    strip_titles,
)


def canon(text: str) -> list[str]:
    return canonical_tokens(latin_tokens(text))


class TestParticles:
    @pytest.mark.parametrize(
        "token", ["al", "el", "ash", "ud", "bin", "ibn", "bint", "abu", "abd", "van", "von", "de"]
    )
    def test_particles(self, token):
        assert is_particle(token)

    @pytest.mark.parametrize("token", ["assad", "un", "an", "kim", "muhammad"])
    def test_name_words_are_not_particles(self, token):
        assert not is_particle(token)


class TestTitles:
    def test_leading_titles_are_dropped(self):
        assert strip_titles(["dr", "sheikh", "ahmad", "yasin"]) == ["ahmad", "yasin"]
        assert strip_titles(latin_tokens("Hajji Mullah Mohammed Omar")) == ["mohammed", "omar"]

    def test_multi_word_titles(self):
        assert strip_titles(latin_tokens("Lieutenant General Qassem Soleimani")) == [
            "qassem",
            "soleimani",
        ]
        assert strip_titles(latin_tokens("Hojjat ol-Eslam Ali Khamenei")) == ["ali", "khamenei"]

    def test_titles_in_other_scripts(self):
        assert strip_titles(latin_tokens("الشيخ أحمد ياسين")) == ["ahmad", "yasin"]
        assert strip_titles(latin_tokens("آیت‌الله علی خامنه‌ای")) == ["ali", "khamenei"]

    def test_a_title_later_in_the_name_stays(self):
        assert strip_titles(["ahmad", "sheikh"]) == ["ahmad", "sheikh"]

    def test_a_name_is_never_emptied(self):
        assert strip_titles(["emir"]) == ["emir"]
        assert strip_titles([]) == []

    @pytest.mark.parametrize("token", ["sheikh", "shaykh", "dr", "gen", "col", "hajji", "haji"])
    def test_is_title(self, token):
        assert is_title(token)


class TestJoinedCompounds:
    @pytest.mark.parametrize(
        ("token", "pieces"),
        [
            ("abdulrahman", ["abdul", "rahman"]),
            ("abdelkader", ["abdel", "kader"]),
            ("abdurrahman", ["abdur", "rahman"]),
            ("abulhassan", ["abul", "hassan"]),
            ("aboubakar", ["abou", "bakar"]),
            ("nasrullah", ["nasr", "ullah"]),
            ("salahuddin", ["salah", "uddin"]),
            ("muhammad", ["muhammad"]),
            ("abuja", ["abuja"]),
        ],
    )
    def test_split_joined(self, token, pieces):
        assert split_joined(token) == pieces

    @pytest.mark.parametrize(
        "spelling",
        ["Abd al-Rahman", "Abdul Rahman", "Abdulrahman", "Abdurrahman", "Abdel Rahman"],
    )
    def test_abd_al_rahman_spellings_meet(self, spelling):
        assert canon(spelling) == ["abd", "rahman"]

    @pytest.mark.parametrize("spelling", ["Abdullah", "Abd Allah", "Abdallah", "Abdulla"])
    def test_abdullah_spellings_meet(self, spelling):
        assert canon(spelling) == ["abd", "allah"]

    @pytest.mark.parametrize("spelling", ["Salahuddin", "Salah al-Din", "Salah-ud-Din"])
    def test_din_compounds_meet(self, spelling):
        assert canon(spelling) == ["salah", "din"]

    @pytest.mark.parametrize("spelling", ["Abu Bakr", "Abubakr", "Abou Bakr"])
    def test_abu_compounds_meet(self, spelling):
        assert canon(spelling) == ["abu", "bakr"]

    def test_the_article_goes_only_before_another_word(self):
        assert canon("Bashar al-Assad") == ["bashar", "assad"]
        assert canon("Jamaat as-Sahab") == ["jamaat", "sahab"]
        assert canon("Kim Jong Un") == ["kim", "jong", "un"]
        assert canon("An Chang Ho") == ["an", "chang", "ho"]


class TestNameOrder:
    def test_family_comma_given(self):
        assert reorder_comma_name("AL-ASSAD, Bashar") == "Bashar AL-ASSAD"

    def test_a_third_part_stays_last(self):
        assert reorder_comma_name("SMITH, John, Jr.") == "John SMITH Jr."

    def test_no_comma_tidies_spaces_only(self):
        assert reorder_comma_name("  Bashar   al-Assad ") == "Bashar al-Assad"

    def test_a_legal_form_or_suffix_after_the_comma_is_not_a_given_name(self):
        assert reorder_comma_name("Acme, Inc.") == "Acme Inc."
        assert reorder_comma_name("Smith, Jr.") == "Smith Jr."

    def test_arabic_comma(self):
        assert reorder_comma_name("الأسد، بشار") == "بشار الأسد"


class TestPersonTokens:
    def test_both_orders_and_titles_give_the_same_tokens(self):
        assert person_tokens("AL-ASSAD, Dr. Bashar") == person_tokens("Bashar al-Assad")

    def test_arabic_original_meets_the_latin_name(self):
        assert person_tokens("عبد الرحمن") == person_tokens("ABDULRAHMAN")


class TestOrganisations:
    @pytest.mark.parametrize(
        ("name", "tokens"),
        [
            ("Acme Trading LLC", ["acme", "trading"]),
            ("Rosneft Oil Company PJSC", ["rosneft", "oil"]),
            ("ООО «Ромашка»", ["romashka"]),
            ("ZAO Sberbank", ["sberbank"]),
            ("Siemens Aktiengesellschaft", ["siemens"]),
            ("Banco Nacional S.A.", ["banco", "nacional"]),
            ("Alpha FZCO", ["alpha"]),
            ("Emirates Co.", ["emirates"]),
            ("Acme GmbH", ["acme"]),
            ("Norsk Hydro ASA", ["norsk", "hydro"]),
            ("Sepehr Energy Company (Private Joint Stock)", ["sepehr", "energy"]),
            ("شركة الاتحاد", ["al", "athad"]),
            ("中国石油天然气股份有限公司", ["zhong", "guo", "shi", "you", "tian", "ran", "qi"]),
        ],
    )
    def test_legal_forms_are_removed(self, name, tokens):
        assert org_tokens(name) == tokens

    def test_nothing_left_keeps_the_name(self):
        assert strip_legal_forms(["llc"]) == ["llc"]

    def test_an_assimilated_article_is_not_a_legal_form(self):
        assert strip_legal_forms(["jamaat", "as", "sahab"]) == ["jamaat", "as", "sahab"]

    @pytest.mark.parametrize("text", ["LLC", "Ltd.", "JSC", "OOO", "GmbH", "S.A.", "شركة", "ООО"])
    def test_is_legal_form(self, text):
        assert is_legal_form(text)

    def test_legal_form_and_generic_word_lists(self):
        assert {"llc", "ltd", "jsc", "ooo", "gmbh", "fze", "co"} <= org_legal_forms
        assert {"trading", "company", "international", "bank"} <= org_generic_words
        assert is_generic_org_word("trading")
        assert not is_generic_org_word("rosneft")

    def test_generic_words_alone_are_marked(self):
        tokens = org_tokens("Acme General Trading International LLC")
        assert tokens == ["acme", "general", "trading", "international"]
        assert generic_mask(tokens) == [False, True, True, True]

    def test_generic_phrases_in_other_scripts(self):
        tokens = org_tokens("شركة النور للتجارة العامة")
        assert generic_mask(tokens)[-3:] == [True, True, True]
        assert generic_mask(latin_tokens("国际贸易"))[:2] == [True, True]

    def test_chinese_syllables_are_not_generic_alone(self):
        assert not is_generic_org_word("guo")
