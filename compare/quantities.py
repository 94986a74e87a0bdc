"""Quantities in a sentence: numbers with their units, qualifiers ("about", "more than") and
ranges, as the analyser compares them across outlets ("40 people" against "about 40 people")."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from compare.text import content_words

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "a decade": 10,
    "a year": 1, "a week": 1, "a month": 1, "half": 0.5,
}
# Vague amounts are ranges, [low, high): "thousands" agrees with "about 5,000", not with "300".
_VAGUE = {
    "dozens": (24.0, 200.0), "scores": (40.0, 200.0), "hundreds": (200.0, 1e3), "thousands": (2e3, 1e6),
    "tens of thousands": (2e4, 1e5), "hundreds of thousands": (2e5, 1e6), "millions": (2e6, 1e9),
    "tens of millions": (2e7, 1e8), "billions": (2e9, 1e12),
}
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "crore": 1e7, "lakh": 1e5, "m": 1e6, "bn": 1e9, "k": 1e3}
# The same scales in other languages (Spanish, Italian, Portuguese, French, German, Dutch, Russian,
# Ukrainian), as they follow a number: "2,5 millones", "1,2 Mrd.", "3 млн".
_FOREIGN_SCALES = {
    **dict.fromkeys(("millón", "millones", "milione", "milioni", "milhão", "milhões", "millions", "millionen", "mio",
                     "miljoen", "mln", "млн", "миллион", "миллиона", "миллионов", "мільйон", "мільйона", "мільйонів"),
                    1e6),
    **dict.fromkeys(("miliardo", "miliardi", "milliard", "milliards", "milliarde", "milliarden", "mrd", "miljard",
                     "bilhão", "bilhões", "mld", "млрд", "миллиард", "миллиарда", "миллиардов", "мільярд", "мільярда",
                     "мільярдів"), 1e9),
    **dict.fromkeys(("mil", "mila", "tausend", "тыс", "тис", "тысяч", "тисяч"), 1e3),
    "mil millones": 1e9,
}
_SCALES.update(_FOREIGN_SCALES)
# Languages that write a decimal comma and group thousands with a point or a space ("1.200,5",
# "1 200"): their numbers are read as such (see :func:`quantities`).
DECIMAL_COMMA = frozenset({"es", "fr", "de", "it", "nl", "pt", "ru", "uk", "pl", "cs", "sk", "ro", "tr", "sv", "da",
                           "no", "fi", "el", "bg", "hu", "hr", "sr", "sl", "ca", "be", "id", "vi"})
# Numbers written as words in other languages, by language: read as the digits they stand for
# (not "one", which is also their indefinite article: "una persona", "un homme").
_FOREIGN_NUMBER_WORDS: dict[str, dict[str, int]] = {
    "es": {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
           "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20, "treinta": 30,
           "cuarenta": 40, "cincuenta": 50, "cien": 100},
    "pt": {"dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7,
           "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "quinze": 15, "vinte": 20, "trinta": 30,
           "quarenta": 40, "cinquenta": 50, "cem": 100},
    "fr": {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
           "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30, "quarante": 40,
           "cinquante": 50},
    "it": {"due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sette": 7, "otto": 8,
           "nove": 9, "dieci": 10, "undici": 11, "dodici": 12, "quindici": 15, "venti": 20, "trenta": 30,
           "quaranta": 40, "cinquanta": 50},
    "de": {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
           "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "fünfzehn": 15, "zwanzig": 20, "dreißig": 30,
           "vierzig": 40, "fünfzig": 50, "hundert": 100},
    "nl": {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "negen": 9,
           "tien": 10, "elf": 11, "twaalf": 12, "vijftien": 15, "twintig": 20, "dertig": 30, "veertig": 40,
           "vijftig": 50, "honderd": 100},
    "ru": {"два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3, "трёх": 3, "четыре": 4,
           "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "двенадцать": 12,
           "пятнадцать": 15, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "сто": 100},
    "uk": {"два": 2, "дві": 2, "двох": 2, "три": 3, "трьох": 3, "чотири": 4, "п'ять": 5,
           "шість": 6, "сім": 7, "вісім": 8, "дев'ять": 9, "десять": 10, "дванадцять": 12, "п'ятнадцять": 15,
           "двадцять": 20, "тридцять": 30, "сорок": 40, "п'ятдесят": 50, "сто": 100},
}
_APOSTROPHES = re.compile("[’ʼ]")  # "п’ять", "пʼять": the same word as "п'ять"
_FOREIGN_WORD = {language: re.compile(r"(?<![\w'’ʼ-])(?:" + "|".join(
    w.replace("'", "['’ʼ]") for w in sorted(map(re.escape, words), key=len, reverse=True)) + r")(?![\w'’ʼ-])",
    re.IGNORECASE) for language, words in _FOREIGN_NUMBER_WORDS.items()}
# "of" between a number and what it counts: "2,5 millones de euros", "3 millions d'habitants".
_OF = ("of", "de", "del", "di", "da", "do", "des", "du", "van", "von")
_LOCAL_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:[. \u00a0\u2009\u202f]\d{3})+(?:,\d+)?|\d+,\d+)(?![\d]|[.,]\d)")
# Nouns of people: "1.28 million protesters" and "1.3 million demonstrators" count one thing.
_PEOPLE = frozenset({"people", "person", "protester", "demonstrator", "marcher", "participant", "individual",
                     "resident", "inhabitant", "victim", "worker", "employee", "striker", "civilian", "citizen",
                     "passenger", "migrant", "refugee", "pilgrim", "spectator", "worshipper"})
_PEOPLE_HEADS = tuple(noun for noun in _PEOPLE if len(noun) >= 6)  # "worker" in "steelworker"; not "person"
_TROOPS = frozenset({"troop", "soldier", "serviceman", "servicemen"})
# States of people that stand for the counted noun: "six missing", "two dead".
# Words that say the same thing around a number ("a 40-day journey" / "a 41-day voyage"), by
# their first five letters, each mapped to one of them.
_SAME_CONTEXT = {"voyag": "journ", "trip": "journ", "trips": "journ", "trave": "journ", "fligh": "journ",
                 "troop": "soldi", "prote": "march", "demon": "march", "cost": "price", "costs": "price",
                 "spent": "price", "budge": "price",
                 # one fate in other words: "six killed", "six dead", "six slaughtered"
                 "slaug": "kille", "massa": "kille", "murde": "kille", "slain": "kille", "peris": "kille",
                 "dead": "kille", "died": "kille", "death": "kille"}
_PEOPLE_STATES = frozenset({"missing", "dead", "injured", "wounded", "homeless", "unaccounted"})
# Adjectives between a number and its noun ("eight main unions", "five successful coups").
_ADJECTIVES = frozenset({"main", "major", "minor", "new", "old", "other", "small", "large", "big", "young", "senior",
                         "junior", "former", "key", "top", "full", "separate", "different", "successful", "local",
                         "foreign", "leading", "national", "international", "private", "public", "further",
                         "additional", "extra", "previous", "consecutive", "straight", "whole", "entire"})
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
           "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec")
_QUALIFIERS = ("about|around|roughly|approximately|nearly|almost|more than|over|at least|up to|some|less than|"
               "fewer than|under|at most|as many as|as few as|just over|just under|an estimated|barely|only|just|"
               "an|a")
# What a qualifier does to the value: how the range around it is read (see _range).
_APPROXIMATE = ("about", "around", "roughly", "approximately", "some", "an estimated")
_BELOW = ("nearly", "almost", "just under")  # a little under the value
_ABOVE = ("just over",)  # a little over it
_AT_LEAST = ("more than", "over", "at least", "as few as")
_AT_MOST = ("up to", "less than", "fewer than", "under", "at most", "as many as")
# Qualifiers that state a maximum rather than bound a count: "fines of up to 2 million" says the
# largest fine is 2 million, so "up to 1.5 million" is another maximum, not a compatible one.
_MAXIMA = ("up to", "as many as")
_CURRENCY_WORDS = r"dollars?|euros?|pounds?|yen|yuan|rubles?|roubles?|rupees?|francs?|hryvnias?|pesos?|won"
_QUANTITY = re.compile(
    rf"(?:\b(?P<qual>{_QUALIFIERS})\s+)?"
    rf"(?:(?P<date>\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b(?!,?\s*\d{{3}}))|"
    r"(?P<vague>\b(?:" + "|".join(sorted(_VAGUE, key=len, reverse=True)) + r")\b)|"
    # a numeral stands alone: not inside a token ("F-16", "A320", "G7", "COVID-19", "1990s", "3pm")
    r"(?P<cur>[$€£₹]|\bRs\.?\s?)?(?P<num>(?<![\w.\-/–])\d+(?:,\d{3})*(?:\.\d+)?(?![\d]|[A-Za-z](?<!m)(?<!k)(?<!b))|\b(?:"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\b)(?:[\s-]*(?P<scale>thousand|million|billion|trillion|crore|lakh|bn|m|k|"
    + "|".join(sorted(_FOREIGN_SCALES, key=len, reverse=True)) + r")\b(?:(?<=mio|mrd|mln|mld|тыс|тис|млн)\.|"
    r"(?<=млрд)\.)?)?"
    r"(?:\s*(?P<pct>%|percent\b|per cent\b|percentage points?\b|por ciento\b|pour cent\b|per cento\b|"
    r"procent\b|prozent\b|por cento\b|процент(?:а|ов)?\b|відсот(?:ок|ки|ків)\b))?)"
    # the words after it, up to the next number ("two rescued and six missing": two quantities)
    r"(?P<unit>(?:[\s-]+(?:(?:" + "|".join(_OF) + r")\s+)?"
    r"(?!(?:" + "|".join(w for w in _NUMBER_WORDS if " " not in w) + r")\b)"
    r"(?:[^\W\d_]|/)+){0,3})",
    re.IGNORECASE)
_UNIT_STOP = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "from", "with", "as",
              "than", "that", "which", "who", "was", "were", "is", "are", "had", "has", "have", "be", "been", "said",
              "says", "after", "before", "since", "until", "into", "last", "next", "this", "its", "their", "his",
              "her", "more", "less", "per", "up", "about", "around", "nearly", "it", "they", "we", "will", "would",
              "could", "can", "may", "might", "should", "must", "not", "no", "other", "times", "each", "all"}
_CURRENCIES = {"$": "dollar", "€": "euro", "£": "pound", "₹": "rupee", "rs": "rupee"}
_SPANS = {"a decade": "year", "a year": "year", "a week": "week", "a month": "month"}
# Units that say how something is measured but not what is counted: two values in these are
# only comparable when the words around them name the same thing ("inflation", "key rate").
GENERIC_UNITS = frozenset({
    "percent", "percentage point", "dollar", "euro", "pound", "yen", "yuan", "ruble", "rouble", "rupee", "franc",
    "date", "second", "minute", "hour", "day", "week", "month", "year", "metre", "meter", "kilometre", "kilometer",
    "km", "mile", "km/h", "mph", "kilogram", "kg", "tonne", "ton", "point", "time",
})
# A figure about another time than the story's: "11 killed last autumn", "in 2014", "two years ago".
_OTHER_TIME = re.compile(
    r"\b(?:(?:last|previous|prior|the\s+previous|the\s+same\s+\w+\s+last)\s+(?:year|month|week|autumn|fall|spring|"
    r"summer|winter|decade|time|quarter|season|election|century)|(?:in|since|during|of|by)\s+(?:19|20)\d\d|"
    r"(?:years?|months?|decades?|weeks?)\s+(?:ago|earlier|before)|a\s+(?:year|month|decade|week)\s+(?:ago|earlier|"
    r"before)|(?:earlier|later)\s+this\s+year|in\s+the\s+past|previously|at\s+the\s+time|back\s+then|"
    rf"(?:in|since|during|of|by)\s+(?:{_MONTHS})\.?\s+(?:19|20)\d\d)\b", re.I)


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts: ``Quantity("400 prisoners", 400.0, "prisoner", "")``.

    ``low``/``high`` is the range the wording allows ("at least 3": 3 to infinity, "thousands":
    2,000 to a million); ``context`` the content words next to it, which say what it is the
    number of when the unit alone does not ("6.1 percent" of inflation or of growth);
    ``other_time`` marks a figure about another time than the story's ("in 2014"); ``of`` is
    the noun a number-and-unit compound describes ("577-seat chamber": the chamber's size, not
    a count of seats someone holds); ``where`` the places named with it ("81,000 in Lyon", "In
    Lyon, police counted 81,000"), each as the first five letters of its words ("lyon",
    "new y"), so that a demonym reads as its place ("Nigerien" as "Niger").
    """

    text: str  # as written
    value: float
    unit: str  # what it counts, singular and lower-case ("prisoner", "percent", "euro", "date")
    qualifier: str  # "about", "at least", ... or ""
    low: float = 0.0
    high: float = 0.0
    context: frozenset[str] = frozenset()
    other_time: bool = False
    of: str = ""
    where: frozenset[str] = frozenset()
    tally: tuple[int, int] = ()  # a vote's two sides, the larger first: "by seven votes to two" -> (7, 2)

    def agrees_with(self, other: Quantity) -> bool:
        """Whether both can be true at once: their ranges overlap.

        Ranges that only touch do not: "about 25 million" (24.5 to 25.5 million) and "26
        million" (25.5 to 26.5 million) are two readings, unless one is an exact point (a date).
        Two stated maxima ("up to 2 million" / "up to 1.5 million") agree only when they are one
        value; two vote tallies only when both sides are the same.
        """
        if self.tally or other.tally:
            return self.tally == other.tally
        if self.qualifier in _MAXIMA and other.qualifier in _MAXIMA:
            # two stated maxima: one reading each, as if written plain ("up to 2 million" / "up to 1.5 million")
            return abs(self.value - other.value) <= 0.02 * max(abs(self.value), abs(other.value))
        low, high = max(self.low, other.low), min(self.high, other.high)
        slack = 1e-9 * max(1.0, abs(low))  # float noise, not a real difference
        if low < high - slack:
            return True
        point = self.low == self.high or other.low == other.high
        return point and low <= high + slack


def quantities(sentence: str, language: str = "") -> list[Quantity]:
    """Numbers with their unit and what they count: "2,000 troops", "$1.8 billion", "four hours",
    "nearly a decade", "6.1 percent", "March 26", "thousands of people".

    >>> [(q.value, q.unit) for q in quantities("About 2,000 troops and $1.8 billion; an F-16 and 10 m high waves.")]
    [(2000.0, 'troop'), (1800000000.0, 'dollar'), (10.0, 'metre')]

    In a language that writes a decimal comma (:data:`DECIMAL_COMMA`), "1.200" and "1 200" are
    twelve hundred and "2,5 millones" two and a half million:

    >>> [(q.text, q.value) for q in quantities("Murieron 1.200 personas y costó 2,5 millones de euros.", "es")]
    [('1.200 personas', 1200.0), ('2,5 millones de euros', 2500000.0)]
    """
    if language in DECIMAL_COMMA:
        # Read as English writes numbers, character for character, so that every place stays
        # where it was; each quantity then keeps its words as written.
        english = _LOCAL_NUMBER.sub(_english_number, sentence)
        if language in _FOREIGN_WORD:  # "nueve horas": "9     horas", the digits padded to the word's length
            words = _FOREIGN_NUMBER_WORDS[language]
            english = _FOREIGN_WORD[language].sub(
                lambda m: str(words[_APOSTROPHES.sub("'", m.group(0).lower())]).ljust(len(m.group(0))), english)
        if english != sentence:
            return _in_original(sentence, english, _quantities(english))
    return _quantities(sentence)


def _english_number(match: re.Match[str]) -> str:
    """ "1.200,5" / "1 200" / "2,5" as "1,200.5" / "1,200" / "2.5": the same length, English separators."""
    whole, _, decimals = match.group(0).partition(",")
    return re.sub(r"[. \u00a0\u2009\u202f]", ",", whole) + ("." + decimals if decimals else "")


def _in_original(original: str, english: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` (quantities of ``english``, in order) with their texts as ``original`` writes
    them: each is looked for after the one before, so that a figure given twice keeps both."""
    written, start = [], 0
    for quantity in found:
        at = english.find(quantity.text, start)
        if at < 0:
            written.append(quantity)
            continue
        written.append(replace(quantity, text=original[at:at + len(quantity.text)]))
        start = at + 1
    return written


def _quantities(sentence: str) -> list[Quantity]:
    found: list[Quantity] = []
    if not _may_hold_quantity(sentence):
        return found
    tallies = _tallies(sentence)
    for match in _QUANTITY.finditer(sentence):
        if match.group("num") and any(start <= match.start("num") < end for start, end, _ in tallies):
            continue  # a side of a vote tally, read with the tally
        qualifier = (match.group("qual") or "").lower()
        if qualifier in ("a", "an"):
            qualifier = ""
        if match.group("date"):
            value = _date_value(match.group("date"))
            text = match.group(0)[:match.end("date") - match.start()].strip()
            found.append(_quantity(sentence, match, text, value, "date", qualifier, value, value))
            continue
        if match.group("vague"):
            unit = _unit_of(match)
            if unit:
                low, high = _VAGUE[" ".join(match.group("vague").lower().split())]
                found.append(_quantity(sentence, match, _as_written(match, unit), low, unit, "", low, high))
            continue
        raw = match.group("num")
        value = _number_value(raw)
        if value is None:
            continue
        scale = (match.group("scale") or "").lower()
        unit = _SPANS.get(raw.lower()) or _unit_of(match)
        if scale in ("m", "k") and not (match.group("cur") or re.match(rf"\s*(?:{_CURRENCY_WORDS})\b", match.group(
                "unit") or "", re.I)):
            unit, scale = ("metre" if scale == "m" else "thousand"), ""  # "10 m high" is ten metres
        place = _place(raw) * _SCALES.get(scale, 1.0)
        step = _SCALES.get(scale, 1.0) if raw.replace(",", "").isdigit() else math.inf
        value *= _SCALES.get(scale, 1.0)
        role = ""
        if unit.startswith("people:"):  # "245,000 marched": people, and what they did
            unit, role = "people", unit.partition(":")[2]
        if not unit and (scale or value >= 1000):
            # "the number of protesters at 1.28 million"; "81,000 marched in Lyon and 24,000 in Nantes"
            unit = _counted_before(sentence[:match.start()]) or _unit_before(found)
        if not unit or _not_a_count(sentence, match, raw, unit):
            continue
        low, high = _range(value, place, step, qualifier)
        counted = "people" if _demonym(match, unit) else _counted(unit)
        found.append(_quantity(sentence, match, _as_written(match, role or unit), value, counted, qualifier,
                               low, high, role, _described(match)))
    return _in_order(sentence, found, [(start, tally) for start, _, tally in tallies])


# A vote's tally: "by seven votes to two", "a 6-3 ruling", "by a vote of 52 to 48", "Seven of the
# court's nine judges" (seven to two: those of a body named with its size who are not the seven).
_SIDE = r"(\d{1,3}|" + "|".join(w for w in _NUMBER_WORDS if " " not in w and w != "half") + r")"
_VOTERS = (r"judges|justices|members|jurors|senators|lawmakers|legislators|MPs|deputies|councill?ors|"
           r"commissioners|directors|delegates|governors|ministers|representatives|trustees|voters")
# What those named with a body's size did, for them to be a side of its vote.
_VOTED = re.compile(r"\s+(?:[a-z]+\s+){0,2}?(?:voted|backed|supported|approved|opposed|dissented|rejected|sided|ruled|"
                    r"endorsed|favou?red|agreed|upheld|struck\s+down)\b", re.I)
_TALLY = re.compile(
    rf"\b(?:{_SIDE}\s+votes?\s+(?:to|against)\s+{_SIDE}|{_SIDE}\s*[-–]\s*{_SIDE}\s+(?:vote|votes|verdict|decision|"
    rf"majority|ruling|split)|votes?\s+of\s+{_SIDE}\s*(?:to|[-–])\s*{_SIDE}|{_SIDE}\s+of\s+(?:the|its|their)\s+"
    rf"(?:[\w-]+['’]s\s+)?{_SIDE}\s+(?:[\w-]+\s+)?(?:{_VOTERS}))\b", re.IGNORECASE)


def _tallies(sentence: str) -> list[tuple[int, int, Quantity]]:
    """The vote tallies of a sentence, with where each is written: a tally is one quantity, its
    two sides, the larger first (a 7-2 ruling is the same tally whichever side is named)."""
    found = []
    for match in _TALLY.finditer(sentence):
        sides = [g for g in match.groups() if g]
        first, second = (_number_value(g) for g in sides[:2])
        if first is None or second is None:
            continue
        if match.group(7):  # "seven of the nine judges": the other side is the rest of the nine
            if not 1 < first < second or not _VOTED.match(sentence, match.end()):
                continue  # "three of the five members of the family were hurt", "one of the nine": no vote
            second -= first
        major, minor = int(max(first, second)), int(min(first, second))
        quantity = _quantity(sentence, match, match.group(0), float(major), "vote tally", "", float(major),
                             float(major))
        found.append((match.start(), match.end(), replace(quantity, tally=(major, minor))))
    return found


def _in_order(sentence: str, found: list[Quantity], placed: list[tuple[int, Quantity]]) -> list[Quantity]:
    """``found`` (in sentence order) with the quantities of ``placed`` (each with where it starts)
    put in where the sentence writes them."""
    if not placed:
        return found
    at, start = [], 0
    for quantity in found:
        position = sentence.find(quantity.text, start)
        start = position if position >= 0 else start
        at.append((start, quantity))
    return [q for _, q in sorted(at + placed, key=lambda pair: pair[0])]


def _demonym(match: re.Match[str], unit: str) -> bool:
    """Whether a figure counts people named by where they are from ("nine Ruritanians"): its noun
    is written as a capitalised plural of origin."""
    for word in re.findall(r"[^\W\d_]+", match.group("unit") or ""):
        if word.lower() == unit or _singular(word.lower()) == unit:
            return word[:1].isupper() and _plural(word.lower()) and bool(_NATIONALITY.fullmatch(word[:-1]))
    return False


def same_counted(a: str, b: str) -> bool:
    """Whether two units count the same thing: the same noun, or a compound and its head
    ("airstrike" and "strike"; "steelworker" and "worker")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 5 and len(long) - len(short) >= 3 and long.endswith(short) and " " not in long


def _place(raw: str) -> float:
    """The place of a numeral's last significant digit: 1.3 -> 0.1, 1,280,000 -> 10,000, "nine" -> 1."""
    lowered = raw.lower()
    if lowered in _NUMBER_WORDS:
        value = _NUMBER_WORDS[lowered]
        return 10.0 if value >= 20 and value % 10 == 0 else 1.0 if value >= 1 else value
    digits = raw.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.partition(".")[2])
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def _range(value: float, place: float, step: float, qualifier: str) -> tuple[float, float]:
    """What a written value allows. A plain value is rounded at its last digit, but by no more
    than 2 % ("1.3 million" is 1,274,000 to 1,326,000), and a whole number by no more than half
    of its own step ("40" is 39.5 to 40.5, "26 million" 25.5 to 26.5 million, "1,280,000" itself);
    "about" rounds at its last digit, by at most 15 %; "nearly" is a step of that digit below
    (at most 15 %); "more than" and "up to" are open."""
    if qualifier in _AT_LEAST:
        return value, math.inf
    if qualifier in _AT_MOST:
        return 0.0, value
    if qualifier in _BELOW:
        return value - min(place, 0.15 * value), value
    if qualifier in _ABOVE:
        return value, value + min(place, 0.1 * value)
    half = min(place / 2, 0.15 * value) if qualifier in _APPROXIMATE else min(place / 2, 0.02 * value, step / 2)
    return value - half, value + half


def _counted(unit: str) -> str:
    """One name for nouns that count the same kind of thing ("marcher", "protester": "people"),
    also as the head of a compound ("dockworker", "townspeople")."""
    if unit in _PEOPLE or any(unit.endswith(noun) and len(unit) - len(noun) >= 3 for noun in _PEOPLE_HEADS):
        return "people"
    return "troop" if unit in _TROOPS else unit


def _counted_before(before: str) -> str:
    """The noun a bare figure counts when the sentence named it first: "the number of protesters
    nationwide at 1.28 million"."""
    found = re.findall(r"\b(?:number|count|total|tally|estimate|crowds?)\s+of\s+([a-z]+)", before, re.I)
    return _singular(found[-1].lower()) if found else ""


def _unit_before(found: list[Quantity]) -> str:
    """The unit of the sentence's figure before a bare one, which goes on counting it: "81,000
    marched in Lyon and 24,000 in Nantes" (not a date's: "on May 4, 12,000 ...")."""
    return found[-1].unit if found and found[-1].unit != "date" else ""


def _described(match: re.Match[str]) -> str:
    """The noun a number-and-unit compound describes: "a 577-seat chamber" -> "chamber"."""
    tail = match.group("unit") or ""
    compound = re.match(r"-([a-zA-Z]+)\s+([a-z]+)", tail)
    if not compound or compound.group(2) in _UNIT_STOP:
        return ""
    return _singular(compound.group(2))


_WORD_OR_DIGIT = re.compile(r"[A-Za-z]+|\d")
# The word every number word, vague amount or date ends or starts with: two in three sentences
# have none, and are spared the full pattern (tried at every character).
_QUANTITY_WORDS = frozenset([*(w.split()[-1] for w in [*_NUMBER_WORDS, *_VAGUE]), *_MONTHS.lower().split("|")])


def _may_hold_quantity(sentence: str) -> bool:
    return any(w.isdigit() or w.lower() in _QUANTITY_WORDS for w in _WORD_OR_DIGIT.findall(sentence))


def _quantity(sentence: str, match: re.Match[str], text: str, value: float, unit: str, qualifier: str,
              low: float, high: float, role: str = "", of: str = "") -> Quantity:
    before = sentence[max(0, match.start() - 60):match.start()]
    after = sentence[match.start() + len(text):match.start() + len(text) + 70]
    clause_after = re.split(r"[,;:(]|\.\s|\band\b|\bbut\b|\bwhile\b", after, maxsplit=1)[0]
    near_before = " ".join(re.split(r"[;:(]", before)[-1].split()[-5:])
    near_after = " ".join(clause_after.split()[:6])
    unit_words = {w[:5] for w in content_words(text)}
    context = frozenset(_SAME_CONTEXT.get(w[:5], w[:5]) for w in content_words(f"{near_before} {near_after}")
                        if w[:5] not in unit_words) - _TIME_WORDS
    if role:  # "two rescued" and "six missing" count people, in two claims
        context |= {_SAME_CONTEXT.get(role[:5], role[:5])}
    other_time = bool(_OTHER_TIME.search(clause_after)) or bool(_OTHER_TIME.search(" ".join(before.split()[-3:])))
    text = re.sub(r"^an?\s+", "", text, flags=re.I)  # "a $10m deal": the article is not the figure
    if not of and _CAPACITY.search(" ".join(before.split()[-4:])):
        of = "capacity"  # "built to carry 10,000 containers": what it can hold, not what it holds
    return Quantity(text, value, unit, qualifier, low, high, context, other_time, of,
                    _where(sentence, match.start(), after, clause_after))


# A place named with a figure: a preposition of place and a capitalised name, or a list of them
# ("in Lyon", "on Chilean soil", "across the United States", "in Lyon, Nantes and Rennes"), never
# a day or a month ("on Tuesday").
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_PLACE = re.compile(rf"\b(?i:in|at|on|across|throughout|inside|outside|near)\s+(?:(?i:the)\s+)?"
                    rf"({_NAME}(?:(?:,\s*{_NAME})*,?\s+(?:and|or)\s+{_NAME})?)")
_NOT_PLACES = frozenset(m.lower() for m in (*_MONTHS.split("|"), "Monday", "Tuesday", "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday", "Christmas", "Easter"))
# A digit or a number word: where the words of the figure before this one end.
_ANY_NUMBER = re.compile(r"\d|\b(?:" + "|".join(w for w in _NUMBER_WORDS if " " not in w) + r")\b", re.I)


def _where(sentence: str, start: int, after: str, clause_after: str) -> frozenset[str]:
    """The places a figure is given for: those named in its own clause after it ("81,000 in
    Lyon"), else the last named in the stretch without a comma before it and after any figure
    before it ("police in Lyon counted 81,000"; in "40 in Lyon and 25 in Nantes" the 25 is
    Nantes's), else those the sentence opens with ("In Lyon, where police counted 81,000").
    A place named before a comma in mid-sentence is another clause's ("the ad, to air in Lyon,
    cost $1 million")."""
    own = [(at, places) for at, places in _places(after) if at < len(clause_after)]
    if own:
        # and the places after its first with no figure between: "at the X plant in Y" is given
        # for both, "in Lyon against 24,000 in Nantes" for Lyon alone
        next_figure = _ANY_NUMBER.search(after, own[0][0])
        return frozenset().union(*(places for at, places in own if next_figure is None or at < next_figure.start()))
    before = sentence[:start]
    numbers = list(_ANY_NUMBER.finditer(before))
    found = _places(re.split(r"[,;:(]", before[numbers[-1].end():] if numbers else before)[-1])
    if found:
        return found[-1][1]
    opening = _places(sentence.lstrip())
    return opening[0][1] if opening and opening[0][0] == 0 else frozenset()


def _places(text: str) -> list[tuple[int, frozenset[str]]]:
    """Where each place (or list of places) is named in ``text``, and its places, each as the
    first five letters of each of its words."""
    found = []
    for match in _PLACE.finditer(text):
        names = re.split(r",\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+", match.group(1))
        places = set()
        for name in names:
            words = [re.sub(r"['’]s?$", "", w).lower() for w in name.split()]
            if words and not any(w in _NOT_PLACES for w in words):
                places.add(" ".join(w[:5] for w in words))
        if places:
            found.append((match.start(), frozenset(places)))
    return found


# What a thing can hold, before its number: "built to carry", "a capacity of", "can seat".
_CAPACITY = re.compile(r"\b(?:capacity|built\s+to|designed\s+to|able\s+to|can\s+(?:carry|hold|seat|take)|"
                       r"room\s+for)\b", re.I)


# Words around a number that do not say what it counts: days, speech, and how figures move.
_TIME_WORDS = frozenset(w[:5] for w in (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "said",
    "says", "told", "according", "rose", "rise", "rises", "risen", "rising", "fell", "fall", "falls", "fallen",
    "grew", "grow", "grows", "increased", "increase", "decreased", "decrease", "jumped", "dropped", "drop", "climbed",
    "stood", "stands", "reached", "reach", "hit", "compared", "almost", "nearly", "total", "totalled", "some"))


def _as_written(match: re.Match[str], unit: str) -> str:
    """The quantity as the sentence words it, up to its unit: "about 14 billion euros"."""
    text = match.group(0).strip()
    tail = match.group("unit") or ""
    stem = unit.split()[-1][:4].lower()
    if unit == "km/h" and "hour" in tail.lower():
        stem = "hour"
    position = tail.lower().find(stem) if stem and tail else -1
    if position < 0:
        return text if not tail else text[: len(text) - len(tail.rstrip())].strip() or text
    cut = len(match.group(0)) - len(tail) + position
    word_end = re.match(r"[\w/-]*", match.group(0)[cut:]).end()
    return match.group(0)[: cut + word_end].strip()


def _number_value(raw: str) -> float | None:
    lowered = raw.lower()
    if lowered in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[lowered])
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _not_a_count(sentence: str, match: re.Match[str], raw: str, unit: str) -> bool:
    """A numeral that names rather than counts: a year before a noun ("the 2014 annexation"), a
    number inside a name ("Nord Stream 2 pipeline", "Boeing 737"), or one before an acronym."""
    written = (match.group("unit") or "").split()
    first = written[0] if written else ""
    if len(unit) < 2 or (first.isupper() and len(first) > 1 and not match.group("pct")):
        return True
    if raw.isdigit() and len(raw) == 4 and 1800 <= int(raw) <= 2100 and not first.lower().endswith("s"):
        return True
    before = sentence[:match.start()].split()
    return bool(raw[:1].isdigit() and not match.group("cur") and not match.group("qual") and len(before) > 1
                and before[-1][:1].isupper() and before[-1].isalpha() and before[-2][-1:] not in ".!?:")


# Capitalised adjectives of origin ("Russian", "Chinese", "British", "Israeli") before a counted noun.
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:ian|an|ese|ish|ch|i)")


def _unit_of(match: re.Match[str]) -> str:
    if match.groupdict().get("pct"):
        return "percentage point" if "point" in match.group("pct").lower() else "percent"
    written = re.findall(r"(?:[^\W\d_]|/)+", match.group("unit") or "")
    words_after = [w.lower() for w in written]
    if match.groupdict().get("cur"):
        return _CURRENCIES[match.group("cur").strip().rstrip(".").lower()]
    hyphenated = re.findall(r"(?:[^\W\d_]|/)+-[^\W\d_]+", match.group("unit") or "")
    stop = next((n for n, w in enumerate(words_after) if w in _UNIT_STOP and w != "of"), len(words_after))
    if 1 < stop < len(words_after) and not (match.group("unit") or "").startswith("-") \
            and _plural(words_after[stop - 1]) and not _plural(words_after[0]) and words_after[0] not in _PEOPLE \
            and not _NATIONALITY.fullmatch(written[stop - 1]):
        # "six construction workers are missing": the noun is the plural before the verb
        words_after, written = words_after[stop - 1:], written[stop - 1:]
    for position, word in enumerate(words_after):
        last = position + 1 == len(words_after)
        if _NATIONALITY.fullmatch(written[position]) and not last:
            continue  # "12 Russian entities" counts entities
        if not last and (word in _ADJECTIVES or any(h.lower().startswith(f"{word}-") for h in hyphenated)) \
                and words_after[position + 1] not in _UNIT_STOP:
            continue  # "eight main unions", "four high-speed trains"
        if word in _OF:
            continue
        if word in _UNIT_STOP:
            if word in _OF:
                continue
            break
        if word in _PEOPLE_STATES or (word.endswith("ed") and len(word) > 4 and (
                last or words_after[position + 1] in _UNIT_STOP)):
            return f"people:{word}"  # "six missing", "245,000 marched": people who did so
        if word.endswith("ed") and not last:
            continue  # "two elected presidents"
        if word in ("km/h", "kph", "mph"):
            return "km/h" if word != "mph" else "mph"
        if word in ("kilometres", "kilometers", "km") and "hour" in " ".join(words_after):
            return "km/h"
        if word in ("m", "metres", "meters"):
            return "metre"
        return _singular(word)
    return ""


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is")) or word in ("people", "men", "women", "children")


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _date_value(text: str) -> float:
    month_name, day = text.replace(".", "").split()
    months = [m.lower() for m in _MONTHS.split("|")]
    index = months.index(month_name.lower())
    month = index + 1 if index < 12 else [1, 2, 3, 4, 6, 7, 8, 9, 9, 10, 11, 12][index - 12]
    return month * 100 + int(day)
