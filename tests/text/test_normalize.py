"""clean_input repairs a name without changing its script; latin_tokens gives ASCII tokens."""

from __future__ import annotations

import pytest

from sanctio.text import ascii_fold, clean_input, fold_lookalikes, latin_tokens


class TestCleanInput:
    def test_zero_width_and_bidi_characters_are_removed(self):
        text = "\ufeffBa\u200bsh\u200car\u200d \u200eal\u200f-\u202aAssad\u202c\u2066\u2069"
        assert clean_input(text) == "Bashar al-Assad"

    def test_soft_hyphen_and_control_characters_are_removed(self):
        assert clean_input("Mu\u00adham\u0007mad") == "Muhammad"

    def test_tatweel_and_harakat_are_removed(self):
        assert clean_input("مُحَمَّـــد") == "محمد"

    def test_hebrew_points_are_removed(self):
        assert clean_input("מֹשֶׁה") == "משה"

    @pytest.mark.parametrize("dash", ["\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"])
    def test_every_dash_becomes_a_hyphen(self, dash):
        assert clean_input(f"al{dash}Assad") == "al-Assad"

    @pytest.mark.parametrize(
        "mark", ["\u2019", "\u2018", "`", "\u00b4", "\u02bc", "\u02bf", "\u02be"]
    )
    def test_every_apostrophe_becomes_one(self, mark):
        assert clean_input(f"Ma{mark}ruf") == "Ma'ruf"

    def test_white_space_is_collapsed_and_trimmed(self):
        assert clean_input("  Bashar\t\n al-Assad\u00a0\u3000 ") == "Bashar al-Assad"

    def test_nfkc_folds_full_width_and_ligatures(self):
        assert clean_input("ＡＬ－ＡＳＳＡＤ ﬁrm") == "AL-ASSAD firm"

    def test_arabic_presentation_forms_become_letters(self):
        assert clean_input("ﻣﺤﻤﺪ") == "محمد"

    def test_the_script_is_kept(self):
        assert clean_input("Башар Асад") == "Башар Асад"
        assert clean_input("بشار الأسد") == "بشار الأسد"

    def test_cyrillic_lookalike_inside_a_latin_word_is_folded(self):
        assert clean_input("B\u0430shar") == "Bashar"  # Cyrillic а
        assert clean_input("\u0421hristopher R\u0435x") == "Christopher Rex"

    def test_greek_lookalike_inside_a_latin_word_is_folded(self):
        assert clean_input("Ρut\u03b9n") == "Putin"  # Greek Ρ and ι

    def test_latin_lookalike_inside_a_cyrillic_word_is_folded(self):
        assert clean_input("Ромашкa") == "Ромашка"  # Latin a at the end
        assert clean_input("Путин Bлaдимир") == "Путин Владимир"

    def test_words_entirely_in_another_script_are_kept(self):
        assert fold_lookalikes("ООО Acme") == "ООО Acme"

    def test_ascii_is_unchanged_apart_from_spaces(self):
        assert clean_input("O'Brien,  John") == "O'Brien, John"


class TestLatinTokens:
    def test_lower_case_ascii_split_on_punctuation(self):
        assert latin_tokens("AL-ASSAD, Bashar") == ["al", "assad", "bashar"]
        assert latin_tokens("al-Assad") == ["al", "assad"]

    def test_german_umlauts_and_sharp_s(self):
        assert latin_tokens("Müller") == ["mueller"]
        assert latin_tokens("Jürgen Größe") == ["juergen", "groesse"]

    def test_other_diacritics_are_dropped(self):
        assert latin_tokens("Đoković Hernández Øster Łukasz") == [
            "dokovic",
            "hernandez",
            "oster",
            "lukasz",
        ]

    def test_apostrophes_join_rather_than_split(self):
        assert latin_tokens("Ma'ruf O’Brien") == ["maruf", "obrien"]

    def test_digits_of_any_script_become_ascii(self):
        assert latin_tokens("Vessel ٣٤٥ №7") == ["vessel", "345", "no7"]

    def test_invisible_characters_do_not_split_tokens(self):
        assert latin_tokens("Ba\u200bshar") == ["bashar"]

    def test_lookalike_letters_give_the_latin_token(self):
        assert latin_tokens("B\u0430sh\u0430r") == ["bashar"]

    def test_other_scripts_are_transliterated(self):
        assert latin_tokens("Башар Асад") == ["bashar", "asad"]
        assert latin_tokens("بشار الأسد") == ["bashar", "al", "asad"]

    def test_output_is_ascii_alphanumeric(self):
        for text in ["Ǆǅǆ Ʃ ⅻ ©℗", "Ἀλέξανδρος", "ქართული", "ﷺ ﷲ", "🙂 Ali"]:
            for token in latin_tokens(text):
                assert token.isascii() and token.isalnum() and token == token.lower()

    def test_empty_and_punctuation_only(self):
        assert latin_tokens("") == []
        assert latin_tokens(" -- , ") == []


def test_ascii_fold_keeps_case():
    assert ascii_fold("Müller Ærø") == "Mueller AEro"
