"""Word clouds: whole words in every script, a font that covers it, and no word under k."""

import io
import json
import unicodedata

import pytest
import regex
from PIL import Image

from analysis.wordclouds import draw, font_file, laid_out_words, word_counts
from tests.conftest import ROOT, missing_component

SCRIPTS = {
    "en": "Latin",
    "uk": "Cyrillic",
    "ar": "Arabic",
    "pa": "Gurmukhi",
    "zh_Hans": "Han",
    "ti": "Ethiopic",
}


def comments(locale: str) -> list[str]:
    path = ROOT / "tests" / "data" / "coding" / f"{locale}.jsonl"
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module", autouse=True)
def noto_fonts():
    try:
        font_file("pa")
    except Exception as error:  # noqa: BLE001 - any failure means the fonts are not here
        missing_component(f"Noto fonts are missing: {error}")


@pytest.mark.parametrize("locale", list(SCRIPTS))
def test_words_in_the_cloud_are_whole_words_of_the_input(locale, tmp_path):
    texts = comments(locale)
    counts = word_counts(texts, locale, k=1)
    placed = laid_out_words(counts, locale)
    assert len(placed) >= 10
    not_written = [word for word in placed if not any(written_in(word, t, locale) for t in texts)]
    assert not not_written
    cloud = draw(texts, locale, k=1, cache_dir=tmp_path)
    image = Image.open(io.BytesIO(cloud.png))
    assert image.size == (800, 400)
    darkest, lightest = image.convert("L").getextrema()
    assert lightest - darkest > 100  # words drawn on the white background


def written_in(word: str, text: str, locale: str) -> bool:
    """``word`` is in ``text`` as a whole word (Chinese: anywhere), as the respondent wrote it.

    A change of script is a word boundary: people write "الـlandlord"."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if locale == "zh_Hans":
        return word in text
    latin = regex.fullmatch(r"[\p{Latin}']+", word)
    edge = r"[\p{Latin}\p{N}]" if latin else r"[\p{L}\p{M}\p{N}--\p{Latin}]"
    found = rf"(?V1)(?<!{edge}){regex.escape(word)}(?!{edge})"
    return regex.search(found, text) is not None


def test_words_are_shown_as_written_not_as_normalised_for_matching():
    assert set(word_counts(["Le loyer à l'école coûte cher"] * 5, "fr", k=5)) >= {"école", "coûte"}
    assert set(word_counts(["کرایه خانه زیاد است"] * 5, "fa", k=5)) >= {"کرایه", "خانه"}
    assert "مہنگا" in word_counts(["کرایہ بہت مہنگا ہے"] * 5, "ur", k=5)
    assert "ਕੰਮ" in word_counts(["ਕੰਮ ਲੱਭਣਾ ਔਖਾ"] * 5, "pa", k=5)


def test_spellings_that_normalise_alike_count_as_one_word_shown_as_most_written():
    texts = ["مدرسة بعيدة"] * 4 + ["مدرسه بعيدة"] * 2
    assert word_counts(texts, "ar", k=5) == {"مدرسة": 6, "بعيدة": 6}


def test_negation_cues_alone_are_not_drawn():
    counts = word_counts(["no doctor, not one"] * 5 + ["لا يوجد طبيب"] * 5, "ar", k=5)
    assert "طبيب" in counts and "لا" not in counts
    assert set(word_counts(["not enough doctors, no clinic"] * 5, "en", k=5)) == {
        "enough",
        "doctors",
        "clinic",
    }


def test_gurmukhi_words_keep_their_vowel_signs():
    placed = laid_out_words(word_counts(comments("pa"), "pa", k=1), "pa")
    assert any(unicodedata.category(ch) in ("Mc", "Mn") for word in placed for ch in word)
    assert not any(unicodedata.category(word[0]) in ("Mc", "Mn") for word in placed)


def test_chinese_is_segmented_into_words_not_sentences():
    placed = laid_out_words(word_counts(comments("zh_Hans"), "zh-Hans", k=1), "zh-Hans")
    han = [word for word in placed if all("\u4e00" <= ch <= "\u9fff" for ch in word)]
    assert len(han) >= 10 and max(len(word) for word in han) <= 4
    assert "工作" in placed or "医生" in placed or "房租" in placed


def test_words_used_by_fewer_than_k_respondents_are_left_out():
    texts = ["housing is expensive"] * 5 + ["the bus is late"] * 4
    counts = word_counts(texts, "en", k=5)
    assert counts == {"housing": 5, "expensive": 5}
    assert "bus" not in laid_out_words(counts, "en")
    assert draw(texts[5:], "en", k=5).empty


def test_a_cloud_is_drawn_once_for_the_same_data(tmp_path):
    texts = ["rent is too high for families"] * 6
    first = draw(texts, "en", cache_dir=tmp_path)
    (png,) = tmp_path.glob("*.png")
    png.write_bytes(b"cached")
    assert draw(texts, "en", cache_dir=tmp_path).png == b"cached"
    assert draw(texts + ["rent rent"], "en", cache_dir=tmp_path).png != b"cached"
    assert first.png.startswith(b"\x89PNG")


def test_stop_words_are_dropped_whatever_their_spelling_in_the_lexicon():
    # The Arabic lexicon lists "في" and "على"; people also write "فى", and "علي" for "على".
    texts = ["السكن فى المدينة غالي علي العائلات"] * 6
    counts = word_counts(texts, "ar", k=5)
    assert "السكن" in counts
    assert not {"فى", "في", "علي", "على"} & set(counts)
