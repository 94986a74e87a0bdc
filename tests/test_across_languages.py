"""Stories across languages: one event's articles in several languages under one label."""

from __future__ import annotations

import numpy as np

from compare.stories.across_languages import join_across_languages, lead_text
from compare.stories.vectors import Doc

EN_QUAKE = Doc("en1", "Wire", 100.0, "Earthquake of magnitude 6.1 shakes the coast",
               "An earthquake of magnitude 6.1 struck the northern coast on Monday, damaging 240 houses, "
               "officials said.")
ES_QUAKE = Doc("es1", "Diario", 100.2, "Un terremoto de magnitud 6,1 sacude la costa",
               "Un terremoto de magnitud 6,1 sacudió el lunes la costa norte y dañó 240 casas, según las "
               "autoridades.")
EN_VOTE = Doc("en2", "Wire", 100.1, "Parliament approves the budget after a long night",
              "The parliament approved the budget for next year after a debate that lasted through the night.")
ES_VOTE = Doc("es2", "Diario", 100.3, "El parlamento aprueba el presupuesto tras una larga noche",
              "El parlamento aprobó el presupuesto del año próximo tras un debate que duró toda la noche.")
FR_OTHER = Doc("fr1", "Journal", 100.1, "Une exposition de peinture ouvre ses portes à Lyon",
               "Le musée présente cent tableaux prêtés par des collections privées jusqu'en septembre.")


def stand_in_model(pairs: dict[str, int]):
    """A multilingual model whose vectors place each event's headlines and leads together."""
    def vectors(texts: list[str]) -> np.ndarray:
        rows = np.zeros((len(texts), 8), dtype=np.float32)
        for i, text in enumerate(texts):
            event = next((e for key, e in pairs.items() if key in text), 7)
            rows[i, event] = 1.0
            rows[i, 7] += 0.1  # a little shared by all: cosines below 1 between events
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return vectors


MODEL = stand_in_model({"magnitud": 0, "parlament": 1, "parliament": 1, "exposition": 2})


def test_one_event_in_two_languages_joins_and_another_event_stays_apart():
    docs = [EN_QUAKE, ES_QUAKE, EN_VOTE, ES_VOTE, FR_OTHER]
    labels = join_across_languages(docs, [0, 1, 2, 3, 4], 3.0, lambda: MODEL)
    assert labels[0] == labels[1] and labels[2] == labels[3]
    assert len({labels[0], labels[2], labels[4]}) == 3


def test_one_language_is_left_as_it_was_and_the_model_never_asked():
    asked = []
    labels = join_across_languages([EN_QUAKE, EN_VOTE], [0, 1], 3.0, lambda: asked.append(1))
    assert labels == [0, 1] and not asked


def test_two_stories_of_one_language_or_both_older_never_join():
    # Two stories in Spanish both close to one English story: only the closest joins it.
    other = Doc("es3", "Otro Diario", 100.2, "Terremoto de magnitud 6,1 en la costa",
                "Un terremoto de magnitud 6,1 dañó 240 casas en la costa norte.")
    labels = join_across_languages([EN_QUAKE, ES_QUAKE, other], [0, 1, 2], 3.0, lambda: MODEL)
    assert len(set(labels)) == 2
    # Stories stored by earlier runs keep their ids: never merged into one another here.
    older = [Doc(d.id, d.outlet, d.time, d.title, d.text, story_id=f"s-{d.id}") for d in (EN_QUAKE, ES_QUAKE)]
    assert join_across_languages(older, [0, 1], 3.0, lambda: MODEL) == [0, 1]


def test_articles_days_apart_or_without_a_model_stay_apart():
    late = Doc("es1", "Diario", 110.0, ES_QUAKE.title, ES_QUAKE.text)
    assert len(set(join_across_languages([EN_QUAKE, late], [0, 1], 3.0, lambda: MODEL))) == 2
    assert join_across_languages([EN_QUAKE, ES_QUAKE], [0, 1], 3.0, lambda: None) == [0, 1]


def test_the_lead_is_the_headline_and_the_start_of_the_text():
    assert lead_text(EN_QUAKE).startswith("Earthquake of magnitude 6.1 shakes the coast. An earthquake")
    assert len(lead_text(Doc("x", "o", 0.0, "T", "w " * 1000))) < 400


def test_the_cosine_is_read_as_a_probability_of_one_event():
    from compare.stories.across_languages import MIN_PROBABILITY, same_event_probability

    low, middle, high = same_event_probability(np.array([0.75, 0.856, 0.95]))
    assert low < 0.05 and abs(middle - MIN_PROBABILITY) < 0.02 and high > 0.95


def test_the_language_stored_with_an_article_is_taken_as_it_is():
    asked = []
    stored = [Doc(d.id, d.outlet, d.time, d.title, d.text, language=lang) for d, lang in ((EN_QUAKE, "en"),
                                                                                          (ES_QUAKE, "en"))]
    # Both stored as English: one language, nothing to join, the model never asked.
    assert join_across_languages(stored, [0, 1], 3.0, lambda: asked.append(1)) == [0, 1] and not asked


def test_two_outlets_of_one_story_in_each_language_still_join():
    # Each side's two articles are close to each other: neither is the other's rival.
    en2 = Doc("en3", "Other Wire", 100.1, "Magnitude 6.1 earthquake hits the northern coast",
              "A magnitude 6.1 earthquake hit the northern coast on Monday and damaged 240 houses.")
    es2 = Doc("es3", "Otro Diario", 100.2, "Terremoto de magnitud 6,1 en la costa norte",
              "Un terremoto de magnitud 6,1 golpeó el lunes la costa norte y dañó 240 casas.")
    no_figures = [Doc(d.id, d.outlet, d.time, d.title.replace("6.1", "").replace("6,1", ""),
                      d.text.replace("240", "").replace("6.1", "").replace("6,1", "")) for d in
                  (EN_QUAKE, en2, ES_QUAKE, es2)]
    labels = join_across_languages(no_figures, [0, 0, 1, 1], 3.0, lambda: MODEL)
    assert len(set(labels)) == 1


def test_only_articles_with_another_language_within_the_window_are_embedded():
    asked: list[str] = []

    def counting(texts: list[str]):
        asked.extend(texts)
        return MODEL(texts)

    far = [Doc(f"old{n}", "Wire", 10.0 + n, f"Budget debate number {n} in the parliament",
               "The parliament debated the budget again for many hours.") for n in range(5)]
    docs = [*far, EN_QUAKE, ES_QUAKE]
    labels = join_across_languages(docs, list(range(len(docs))), 3.0, lambda: counting)
    assert labels[-1] == labels[-2]
    assert sorted(asked) == sorted(lead_text(d) for d in (EN_QUAKE, ES_QUAKE))


def test_a_precise_figure_joins_two_likely_versions_that_are_not_each_others_closest():
    # The model ranks the other day's Spanish report first for the English one (it reads the
    # topic more than the direction); the Spanish version of the rise still gives the English
    # one's close, 11,350.58 points, which no other day's report gives.
    en_up = Doc("en-up", "Wire", 200.0, "Shares surge worldwide",
                "Shares rose around the world; the Dow Jones closed at 11,350.58 points on Friday.")
    es_up = Doc("es-up", "Diario", 200.1, "Las acciones suben en todo el mundo",
                "Las acciones subieron en todo el mundo; el Dow Jones cerró en 11.350,58 puntos el viernes.")
    en_down = Doc("en-down", "Wire", 199.0, "Markets fall worldwide",
                  "Markets fell around the world on Thursday, led by banks.")
    es_down = Doc("es-down", "Diario", 199.1, "Los mercados caen en todo el mundo",
                  "Los mercados cayeron en todo el mundo el jueves, arrastrados por los bancos.")
    # Cosines: rise/rise 0.90, rise/fall in Spanish 0.93, fall/fall 0.97.
    placed = {"Shares surge": [1.0, 0.0, 0.0], "Las acciones suben": [0.9, 0.0, 0.436],
              "Markets fall": [0.8, 0.6, 0.0], "Los mercados caen": [0.93, 0.37, 0.0]}

    def model(texts: list[str]) -> np.ndarray:
        rows = np.array([next(v for key, v in placed.items() if text.startswith(key)) for text in texts])
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    docs = [en_down, es_down, en_up, es_up]
    labels = join_across_languages(docs, [0, 1, 2, 3], 3.0, lambda: model)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]
    # Without the figure the rise's two versions stay apart.
    plain = Doc("es-up", "Diario", 200.1, es_up.title, "Las acciones subieron en todo el mundo el viernes.")
    labels = join_across_languages([en_down, es_down, en_up, plain], [0, 1, 2, 3], 3.0, lambda: model)
    assert labels[2] != labels[3]


def test_one_outlets_reports_of_two_look_alike_days_part_when_their_versions_do():
    # Matching in Italian put one outlet's crash report and its rebound report four days later
    # in one group; the English and Spanish versions of each day are each other's, so the
    # Italian pair parts and each day becomes one story in three languages.
    def day(code: str, language: str, when: float, title: str) -> Doc:
        return Doc(f"{code}-{language}", f"Outlet {language}", when, title, f"{title}.", language=language)

    docs = [day("crash", "en", 300.0, "Markets crash"), day("crash", "es", 300.1, "Los mercados se hunden"),
            day("crash", "it", 300.2, "I mercati crollano"), day("rebound", "en", 304.0, "Dow rebounds"),
            day("rebound", "es", 304.1, "El Dow se recupera"), day("rebound", "it", 304.2, "Il Dow recupera")]
    placed = {"Markets crash": [1.0, 0.0], "Los mercados": [0.99, 0.14], "I mercati": [0.98, 0.2],
              "Dow rebounds": [0.0, 1.0], "El Dow": [0.14, 0.99], "Il Dow": [0.2, 0.98]}

    def model(texts: list[str]) -> np.ndarray:
        rows = np.array([next(v for key, v in placed.items() if text.startswith(key)) for text in texts])
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    italian_together = [0, 1, 2, 3, 4, 2]  # the two Italian reports in one group
    labels = join_across_languages(docs, italian_together, 5.0, lambda: model)
    assert labels[0] == labels[1] == labels[2] and labels[3] == labels[4] == labels[5]
    assert labels[0] != labels[3]
    # Reports an earlier run stored in one story stay in it.
    stored = [Doc(d.id, d.outlet, d.time, d.title, d.text, story_id="s-it" if d.language == "it" else None,
                  language=d.language) for d in docs]
    labels = join_across_languages(stored, italian_together, 5.0, lambda: model)
    assert labels[2] == labels[5]
