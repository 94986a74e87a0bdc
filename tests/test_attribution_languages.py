import pytest

from compare.analysis.attribution_languages import LANGUAGES, find_attributions_in
from compare.analysis.parse import parse_article
from compare.analysis.quotes import quoted_parts
from compare.analysis.sources import article_sources


def _speakers(sentence: str, language: str) -> list[str]:
    [quotes] = quoted_parts([sentence])
    return [a.speaker for a in find_attributions_in(sentence, quotes, language)]


@pytest.mark.parametrize("language, sentence, speaker", [
    ("es", "Marta Olivares dijo que el puerto seguirá cerrado.", "Marta Olivares"),
    ("es", "La ministra de Pesca, Marta Olivares, afirmó que habrá ayudas.", "Marta Olivares"),
    ("es", "Marta Olivares, ministra de Pesca, ha declarado que habrá ayudas.", "Marta Olivares"),
    ("es", "«Habrá ayudas para todos», aseguró el portavoz del ministerio.", "el portavoz del ministerio"),
    ("es", "Según Marta Olivares, el puerto seguirá cerrado.", "Marta Olivares"),
    ("es", "El puerto seguirá cerrado, dijo la ministra de Pesca de Arvenia, Marta Olivares.", "Marta Olivares"),
    ("fr", "Le porte-parole Jules Ferrant a déclaré que le port resterait fermé.", "Jules Ferrant"),
    ("fr", "« Le port restera fermé », a précisé Jules Ferrant.", "Jules Ferrant"),
    ("fr", "Selon Jules Ferrant, le port restera fermé.", "Jules Ferrant"),
    ("de", "Der Sprecher Jonas Kettler sagte, der Hafen bleibe geschlossen.", "Jonas Kettler"),
    ("de", "Laut Jonas Kettler bleibt der Hafen geschlossen.", "Jonas Kettler"),
    ("it", "«Il porto resterà chiuso», ha spiegato Giulia Ferretti.", "Giulia Ferretti"),
    ("it", "Secondo il portavoce Giulia Ferretti, il porto resterà chiuso.", "Giulia Ferretti"),
    ("nl", "Woordvoerder Pieter van Dalen zei dat de haven dicht blijft.", "Pieter van Dalen"),
    ("nl", "Volgens woordvoerder Pieter van Dalen blijft de haven dicht.", "Pieter van Dalen"),
    ("pt", "Segundo Ana Coutinho, o porto continuará fechado.", "Ana Coutinho"),
    ("ru", "Пресс-секретарь Иван Лапин заявил, что порт останется закрытым.", "Иван Лапин"),
    ("ru", "По словам Ивана Лапина, порт останется закрытым.", "Ивана Лапина"),
    ("uk", "За словами Олени Гринько, порт залишиться закритим.", "Олени Гринько"),
])
def test_the_speaker_of_a_reporting_verb_or_according_to(language, sentence, speaker):
    assert speaker in _speakers(sentence, language)


@pytest.mark.parametrize("language, sentence", [
    ("es", "El acuerdo fue anunciado el martes en la capital."),  # passive: nobody is said to speak
    ("es", "La nueva versión, anunciada el noviembre pasado, llegará en mayo."),
    ("es", "El modelo anunciado el año pasado llegará en mayo."),  # a participle without its auxiliary
    ("it", "Tali accuse sono state respinte dal tribunale."),  # a sentence's common first word is no name
    ("nl", "De deal werd gemeld door de krant."),
    ("es", "La pancarta decía: «El ministro dijo que volvería»."),  # a cue inside a quote is the quote's
])
def test_no_speaker_where_nobody_is_said_to_speak(language, sentence):
    assert _speakers(sentence, language) == []


def test_english_and_unknown_languages_are_not_read_here():
    assert "en" not in LANGUAGES and find_attributions_in("Ana said so.", quoted_parts(["Ana said so."])[0], "en") == []


def test_an_article_in_another_language_has_its_sources():
    text = ("El puerto de Vallerta seguirá cerrado hasta el lunes. La ministra de Pesca, Marta Olivares, "
            "afirmó que habrá ayudas para los pescadores. «Nadie perderá su barco», aseguró Olivares.")
    article = parse_article("a1", "Diario", "Cierra el puerto", text, language="es")
    sources = article_sources(article)
    assert [s.canonical for s in sources] == ["Marta Olivares", "Marta Olivares"]  # "Olivares" is the same person
    assert sources[1].quote == "Nadie perderá su barco"
