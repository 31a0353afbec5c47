"""Sentiment of a free-text comment, only in a language that has a model.

English uses TextBlob's default analyser (pattern's lexicon, shipped inside the
textblob package): it needs none of the NLTK corpora, which cannot be downloaded
on the machines Parlons runs on. French is not scored: the only TextBlob
extension for it, textblob-fr, last released 0.2.0 in October 2013 and is
unmaintained, so we do not depend on it. Every other language gets no score
(None) rather than a guess from a model of another language.
"""

from functools import lru_cache
from importlib.metadata import version

from analysis.text import base_language


def sentiment(text: str, lang: str) -> tuple[float | None, str | None]:
    """(polarity from -1 to 1, model name), or (None, None) where no model exists."""
    if base_language(lang) != "en":
        return None, None
    from textblob import TextBlob

    return round(TextBlob(text).sentiment.polarity, 3), _english_model()


@lru_cache(maxsize=1)
def _english_model() -> str:
    return f"textblob-{version('textblob')}-pattern-en"
