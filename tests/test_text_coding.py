"""Text coding engine: normalisation and words per script, the matching rules the lexicon
writers were given, negation, confidence, and sentiment only where a model exists."""

import json
import os
import subprocess
import sys

import pytest

from analysis.coding import THRESHOLD, code, code_text
from analysis.term_matching import CompiledLexicon
from analysis.text import normalise, tokens
from tests.conftest import ROOT


def lexicon(lang: str, terms: dict, negations=(), stopwords=()) -> CompiledLexicon:
    return CompiledLexicon(
        lang, {"terms": terms, "negations": list(negations), "stopwords": list(stopwords)}
    )


# --- normalisation and words -----------------------------------------------------------------


def test_latin_accents_and_case_are_folded_but_cyrillic_letters_stay_whole():
    assert normalise("Hôpital, ÉCOLE, niño", "fr") == "hopital, ecole, nino"
    assert normalise("Résumé", "uk") == "resume"  # an English word inside Ukrainian text
    assert normalise("Житло й робота", "uk") == "житло й робота"


def test_arabic_script_variants_diacritics_and_tatweel_are_unified():
    assert normalise("أُجْرة الـمَنْزِل", "ar") == "اجره المنزل"
    assert normalise("إيجار", "ar") == normalise("ايجار", "ar")
    # Persian Yeh and Keheh become the Arabic letters, so terms may be written in either form.
    assert normalise("کار یافتن", "fa") == "كار يافتن"
    assert normalise("٣١١ و ۹۱۱", "ar") == "311 و 911"


def test_apostrophes_are_one_character():
    assert tokens("I don’t have a doctor", "en") == ["i", "don't", "have", "a", "doctor"]
    assert tokens("сімʼя", "uk") == ["сім'я"]


def test_french_elisions_are_split_off():
    assert tokens("L’hôpital d'Ottawa, j'attends qu'il", "fr") == [
        "l",
        "hopital",
        "d",
        "ottawa",
        "j",
        "attends",
        "qu",
        "il",
    ]
    assert tokens("don't", "en") == ["don't"]


def test_gurmukhi_words_keep_their_vowel_signs():
    assert tokens("ਡਾਕਟਰ ਨਹੀਂ ਮਿਲਦਾ, ਬੇਸਮੈਂਟ ਚ", "pa") == ["ਡਾਕਟਰ", "ਨਹੀਂ", "ਮਿਲਦਾ", "ਬੇਸਮੈਂਟ", "ਚ"]


def test_gurmukhi_and_tigrinya_spelling_variants_are_unified():
    assert normalise("ਖ਼ਬਰਾਂ ਬੱਸ ਮੁੰਡੇ", "pa") == normalise("ਖਬਰਾਂ ਬਸ ਮੁਂਡੇ", "pa")
    assert normalise("ሠራሕ ፀሓይ", "ti") == "ሰራሕ ጸሓይ"


def test_chinese_is_segmented_into_words():
    words = tokens("我们没有家庭医生，房租太贵了", "zh-Hans")
    assert len(words) >= 4
    assert "".join(words) == "我们没有家庭医生房租太贵了"


def test_a_switch_of_script_inside_a_word_is_a_word_boundary():
    assert tokens("الـlandlord رفض", "ar") == ["ال", "landlord", "رفض"]


# --- matching rules --------------------------------------------------------------------------

HOUSING_AND_WORK = {
    "housing": ["rent", "landlord*", "credit history"],
    "employment": ["job", "employ*", "work"],
    "actor_links": ["work together"],
}


def test_whole_words_stems_and_phrases_match():
    en = lexicon("en", HOUSING_AND_WORK)
    assert code(en, "The employer wants Canadian experience").themes == ["employment"]
    assert code(en, "landlords ask for a credit history").themes == ["housing"]
    assert code(en, "rental prices").themes == []  # "rent" is a whole word, not a stem
    assert code(en, "no history of credit").themes == []  # a phrase needs its words in order


def test_a_word_inside_a_longer_matching_term_is_not_counted_again():
    en = lexicon("en", HOUSING_AND_WORK)
    assert code(en, "the agencies should work together").themes == ["actor_links"]


def test_arabic_clitic_prefixes_and_persian_verb_prefix_are_stripped():
    ar = lexicon("ar", {"housing": ["شقه", "ايجار*"], "employment": ["شغل"]})
    assert code(ar, "والشقة صغيرة وبالإيجار غالي").themes == ["housing"]
    assert code(ar, "ما في وشغل").themes == ["employment"]
    fa = lexicon("fa", {"education": ["خواندن"]})
    assert code(fa, "میخواندن").themes == ["education"]


def test_persian_words_joined_by_zwnj_match_whole_and_in_parts():
    fa = lexicon("fa", {"housing": ["اجاره", "صاحبخانه"]})
    assert code(fa, "اجاره\u200cها خیلی بالاست").themes == ["housing"]
    assert code(fa, "صاحب\u200cخانه جواب نمی\u200cدهد").themes == ["housing"]


def test_chinese_terms_match_inside_unsegmented_text_and_latin_terms_as_words():
    zh = lexicon("zh-Hans", {"health": ["家庭医生"], "transit": ["bus"]})
    assert code(zh, "我们一直找不到家庭医生").themes == ["health"]
    assert code(zh, "坐bus上班").themes == ["transit"]
    assert code(zh, "做business").themes == []


def test_english_words_mixed_into_a_non_latin_language_are_coded():
    ar = CompiledLexicon(
        "ar",
        {"terms": {"health": ["طبيب"]}},
        english={"terms": {"employment": ["canadian experience"], "health": ["طبيب"]}},
    )
    assert code(ar, "كلهم بدهم Canadian experience").themes == ["employment"]


def test_a_term_that_is_a_stop_word_never_codes_a_comment():
    es = lexicon("es", {"newcomer_services": ["sin", "numero de seguro social"]}, stopwords=["sin"])
    assert code(es, "me quede sin trabajo").themes == []


# --- negation and confidence -----------------------------------------------------------------


def test_a_negated_topic_is_still_coded_with_lower_confidence():
    en = lexicon("en", {"health": ["family doctor"]}, negations=["no", "don't"])
    plain, negated = code(en, "family doctor"), code(en, "no family doctor")
    assert negated.themes == ["health"]
    assert negated.confidence["health"] < plain.confidence["health"]


def test_negation_after_the_noun_counts_in_verb_final_languages():
    pa = lexicon("pa", {"health": ["ਡਾਕਟਰ"]}, negations=["ਨਹੀਂ"])
    assert (
        code(pa, "ਡਾਕਟਰ ਨਹੀਂ ਮਿਲਦਾ").confidence["health"]
        < code(pa, "ਡਾਕਟਰ ਮਿਲਦਾ").confidence["health"]
    )


def test_a_negation_in_another_clause_does_not_count():
    en = lexicon("en", {"health": ["family doctor"]}, negations=["not"])
    plain = code(en, "we have a family doctor").confidence["health"]
    assert code(en, "it is not far. we have a family doctor").confidence["health"] == plain
    assert code(en, "we have not a family doctor").confidence["health"] < plain


def test_a_word_two_themes_share_proves_neither_alone():
    en = lexicon("en", {"safety": ["night"], "employment": ["night", "shift*"]})
    assert code(en, "night").themes == []
    assert code(en, "night shifts").themes == ["employment"]


def test_confidence_is_between_threshold_and_one_and_grows_with_evidence():
    en = lexicon("en", HOUSING_AND_WORK)
    one = code(en, "the rent").confidence["housing"]
    three = code(en, "the rent, the landlord and my credit history").confidence["housing"]
    assert THRESHOLD <= one < three <= 1.0


def test_themes_are_listed_most_confident_first():
    en = lexicon("en", HOUSING_AND_WORK)
    result = code(en, "job: none. rent, landlord, credit history: a nightmare")
    assert result.themes == ["housing", "employment"]


def test_empty_text_and_unknown_language_give_no_theme():
    assert code_text("   ", "en").themes == []
    assert code_text("Arbeit und Wohnung", "de").themes == []


# --- sentiment -------------------------------------------------------------------------------

SENTIMENT_PROBE = """
import json, sys
from analysis.sentiment import sentiment
print(json.dumps([sentiment(text, lang) for text, lang in json.loads(sys.argv[1])]))
"""


def test_sentiment_in_english_works_without_any_nltk_corpus(tmp_path):
    texts = [
        ["People here are wonderful and very kind", "en"],
        ["The landlord is horrible and the bus is always late", "en-CA"],
        ["Les gens sont merveilleux", "fr"],
        ["الناس هنا طيبين", "ar"],
    ]
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-c", SENTIMENT_PROBE, json.dumps(texts)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    (good, good_model), (bad, _), french, arabic = json.loads(run.stdout)
    assert good > 0.3 and bad < -0.3
    assert good_model.startswith("textblob-")
    assert french == [None, None] and arabic == [None, None]


@pytest.mark.parametrize("lang", ["fr", "ar", "fa", "ur", "pa", "zh-Hans", "tl", "es", "uk", "so"])
def test_no_sentiment_is_guessed_for_languages_without_a_model(lang):
    from analysis.sentiment import sentiment

    assert sentiment("terrible horrible awful", lang) == (None, None)
