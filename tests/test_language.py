"""Each article's language, from its own words."""

from __future__ import annotations

import pytest

from compare.language import UNKNOWN, detect_language, language_name


@pytest.mark.parametrize("code, text", [
    ("en", "The central bank raised its main interest rate by half a point on Thursday, its third rise this year."),
    ("es", "El banco central subió el jueves su tipo de interés principal medio punto, la tercera subida del año."),
    ("fr", "La banque centrale a relevé jeudi son principal taux d'intérêt d'un demi-point, la troisième hausse."),
    ("de", "Die Zentralbank hat am Donnerstag ihren Leitzins um einen halben Punkt angehoben, zum dritten Mal."),
    ("it", "La banca centrale ha alzato giovedì il suo tasso di interesse principale di mezzo punto."),
    ("nl", "De centrale bank heeft donderdag haar belangrijkste rente met een half procentpunt verhoogd."),
    ("pt", "O banco central elevou na quinta-feira a sua principal taxa de juro em meio ponto percentual."),
    ("ru", "Центральный банк в четверг повысил основную процентную ставку на половину пункта."),
    ("uk", "Центральний банк у четвер підвищив основну процентну ставку на пів пункту, це третє підвищення."),
])
def test_the_language_of_a_paragraph_is_found(code, text):
    assert detect_language(text) == code


def test_a_text_too_short_to_tell_has_no_language():
    assert detect_language("Airbus A380") == UNKNOWN
    assert detect_language("") == UNKNOWN
    assert detect_language("12:45 — 3,000") == UNKNOWN


def test_languages_are_named_in_english_and_unlisted_codes_stay_codes():
    assert language_name("es") == "Spanish"
    assert language_name("uk") == "Ukrainian"
    assert language_name("xx") == "xx"
    assert language_name(UNKNOWN) == ""


def test_function_words_of_other_languages_are_blanked_and_english_is_left_alone():
    from compare.language import without_stop_words

    assert without_stop_words("Il titolo della Airbus è sceso nella giornata di ieri", "it").split() == [
        "titolo", "Airbus", "sceso", "giornata", "ieri"]
    assert without_stop_words("The war was long", "en") == "The war was long"
    assert without_stop_words("Der Krieg war lang", "de").split() == ["Krieg", "lang"]
    assert without_stop_words("Tekst zonder lijst", "xx") == "Tekst zonder lijst"
