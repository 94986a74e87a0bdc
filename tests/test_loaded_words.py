from compare.analysis.loaded_words import WEIGHTS, features, loadedness


def test_every_feature_has_its_weight():
    assert len(features("bombastic")) == len(WEIGHTS)


def test_charged_and_rare_describing_words_rank_above_the_plain_words_of_a_report():
    for loaded, plain in [("bombastic", "officials"), ("slammed", "said"), ("thugs", "people"),
                          ("disgraceful", "important"), ("regime", "government")]:
        assert loadedness(loaded) > loadedness(plain), (loaded, plain)


def test_a_word_the_lexicon_lists_ranks_above_one_it_does_not_of_about_the_same_rarity():
    # "junta" (a label) against "jurist": both rare, neither rated by VADER.
    assert loadedness("junta") > loadedness("jurist")


def test_scores_are_log_odds_below_even_for_everyday_words():
    assert loadedness("the") < 0 and loadedness("bridge") < loadedness("bombastic")
