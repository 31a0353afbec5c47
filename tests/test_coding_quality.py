"""Coding quality on the labelled development set (tests/data/coding): macro F1 (per theme,
averaged) of at least 0.75 in each of the twelve languages. The failure message shows
the whole table. `parlons analysis evaluate` prints the same figures."""

from analysis.evaluate import evaluate_folder, table
from tests.conftest import ROOT

LANGUAGES = {"en", "fr", "ar", "fa", "ur", "pa", "zh_Hans", "tl", "es", "uk", "so", "ti"}
TARGET = 0.75


def test_every_language_reaches_the_macro_f1_target():
    results = {
        language: scores
        for language, (scores, _) in evaluate_folder(ROOT / "tests" / "data" / "coding").items()
    }
    assert set(results) == LANGUAGES
    assert all(scores.comments >= 20 for scores in results.values())
    below = sorted(language for language, s in results.items() if s.macro_f1 < TARGET)
    report = "\n".join(table(results))
    assert not below, f"macro F1 below {TARGET} in {', '.join(below)}:\n{report}"
