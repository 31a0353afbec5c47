"""Language-aware normalisation and tokenisation shared by text coding and word clouds.

Words are runs of letters, combining marks and digits, so Gurmukhi vowel signs
stay inside their word; a switch between Latin and another script inside a run
("الـlandlord") is a word boundary. French elisions (l', d', j'...) are split
off. Chinese has no spaces and is segmented with jieba for word clouds (text
coding matches Chinese terms as substrings instead, see analysis.term_matching).
"""

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*")
SCRIPT_SWITCH = regex.compile(
    r"(?V1)(?<=\p{Latin})(?=[\p{L}\p{M}--\p{Latin}])|(?<=[\p{L}\p{M}--\p{Latin}])(?=\p{Latin})"
)
LATIN_ACCENT = regex.compile(r"(?<=\p{Latin})\p{M}+")
APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
ZWNJ = "\u200c"

ARABIC_DIACRITICS = regex.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ې": "ي",
        "ئ": "ي",
        "ک": "ك",
        "ة": "ه",
        "ۀ": "ه",
        "ە": "ه",
        "ہ": "ه",
        "ھ": "ه",
        "ؤ": "و",
        "ۃ": "ه",
        "ڤ": "ف",
        **{chr(0x0660 + n): str(n) for n in range(10)},
        **{chr(0x06F0 + n): str(n) for n in range(10)},
    }
)
ARABIC_SCRIPT = {"ar", "fa", "ur"}
# Informal Gurmukhi often leaves out the nukta and the adhak and swaps tippi for bindi.
GURMUKHI_VARIANTS = str.maketrans({"\u0a3c": None, "\u0a71": None, "\u0a70": "\u0a02"})
# Ethiopic letters pronounced alike in Tigrinya and spelled either way: ሠ-row as ሰ, ፀ-row as ጸ.
ETHIOPIC_VARIANTS = str.maketrans(
    {**{0x1220 + n: 0x1230 + n for n in range(8)}, **{0x1340 + n: 0x1338 + n for n in range(7)}}
)
# Conjunctions, prepositions and the article written onto the next word; longest first.
ARABIC_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "عال", "ولل", "لل", "ال", "و", "ف", "ب", "ل")
PERSIAN_VERB_PREFIXES = ("نمي", "مي")  # نمی, می after normalisation
FRENCH_ELISION = regex.compile(r"(l|d|j|m|t|s|c|n|qu|jusqu|lorsqu|puisqu|quoiqu)'(.+)")


@dataclass(frozen=True)
class Word:
    """One word of a normalised text: where it is, and whether a ZWNJ glues it to the next."""

    text: str
    start: int
    end: int
    glued: bool = False


def base_language(lang: str) -> str:
    """``zh-Hans`` / ``zh_Hans`` -> ``zh``; ``pa-Guru`` -> ``pa``."""
    return lang.replace("_", "-").split("-")[0].lower() if lang else ""


def normalise(text: str, lang: str) -> str:
    """NFKC, lower case, one apostrophe; accents of Latin letters stripped in any language
    (é→e, but Cyrillic й stays); Arabic-script diacritics removed and letter variants
    unified; Gurmukhi and Ethiopic spelling variants unified."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(APOSTROPHES)
    text = unicodedata.normalize("NFC", LATIN_ACCENT.sub("", unicodedata.normalize("NFD", text)))
    language = base_language(lang)
    if language in ARABIC_SCRIPT:
        text = ARABIC_DIACRITICS.sub("", text).translate(ARABIC_LETTERS)
    elif language == "pa":
        text = text.translate(GURMUKHI_VARIANTS)
    elif language == "ti":
        text = text.translate(ETHIOPIC_VARIANTS)
    return text


def words(normalised: str, lang: str) -> list[Word]:
    """The words of an already normalised text, with their character offsets."""
    french = base_language(lang) == "fr"
    found: list[Word] = []
    for match in WORD.finditer(normalised):
        start = match.start()
        for part in SCRIPT_SWITCH.split(match.group()):
            found.extend(
                _unelided(part, start) if french else [Word(part, start, start + len(part))]
            )
            start += len(part)
        if found and normalised[match.end() : match.end() + 1] == ZWNJ:
            found[-1] = Word(found[-1].text, found[-1].start, found[-1].end, glued=True)
    return found


def _unelided(part: str, start: int) -> list[Word]:
    elided = FRENCH_ELISION.fullmatch(part)
    if not elided:
        return [Word(part, start, start + len(part))]
    article, rest = elided.group(1), elided.group(2)
    rest_start = start + len(article) + 1
    return [Word(article, start, start + len(article)), *_unelided(rest, rest_start)]


def tokens(text: str, lang: str) -> list[str]:
    """Normalised words of ``text``, in order (jieba's segmentation for Chinese)."""
    return _split(normalise(text, lang), lang)


def written_words(text: str, lang: str) -> list[tuple[str, str]]:
    """(normalised word, word as written in lower case) for each word of ``text``.

    What a reader is shown: normalised forms are for matching, and they misspell words
    (Persian ک and ی turn Arabic, Urdu ہ loses its shape, Gurmukhi loses its tippi)."""
    written = unicodedata.normalize("NFKC", text).casefold().translate(APOSTROPHES)
    return [(normalise(word, lang), word) for word in _split(written, lang)]


def _split(text: str, lang: str) -> list[str]:
    if base_language(lang) == "zh":
        return [word for word in _jieba().lcut(text) if WORD.fullmatch(word)]
    return [word.text for word in words(text, lang)]


def word_forms(word: str, lang: str) -> set[str]:
    """Spellings a lexicon may list a word under: itself, without apostrophes or an English
    possessive, and in Arabic script without a clitic prefix (و ف ب ل ال...) or Persian می/نمی."""
    forms = {word}
    if "'" in word:
        forms.add(word.replace("'", ""))
        if word.endswith("'s"):
            forms.add(word[:-2])
    if base_language(lang) in ARABIC_SCRIPT:
        prefixes = ARABIC_PREFIXES + (PERSIAN_VERB_PREFIXES if base_language(lang) == "fa" else ())
        for prefix in prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                forms.add(word[len(prefix) :])
    return forms


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba
