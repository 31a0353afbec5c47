"""Word clouds per language (and per theme), drawn with a font that covers the script.

Words come from our own tokeniser (analysis.text), never from wordcloud's
default pattern, which cuts Gurmukhi and other scripts with combining vowel
signs into fragments; Chinese is segmented with jieba. A word is drawn only if
at least k respondents used it (disclosure control), and its size is the
number of respondents, not of occurrences. Pillow shapes Arabic itself when it
has raqm; only without raqm are words pre-shaped with arabic-reshaper and
python-bidi (doing both draws every Arabic word reversed and broken).
"""

import hashlib
import io
import json
import logging
import os
import subprocess
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import features

from analysis.lexicon import lexicon_locale, negation_words, stopwords
from analysis.text import ARABIC_PREFIXES, ARABIC_SCRIPT, base_language, written_words

FONT_FAMILIES = {
    "ar": "Noto Naskh Arabic",
    "fa": "Noto Naskh Arabic",
    "ur": "Noto Naskh Arabic",
    "pa": "Noto Sans Gurmukhi",
    "ti": "Noto Sans Ethiopic",
    "zh": "Noto Sans CJK SC",
}
DEFAULT_FAMILY = "Noto Sans"  # Latin and Cyrillic
FALLBACK_FILES = {
    "Noto Sans": "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "Noto Naskh Arabic": "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
    "Noto Sans Gurmukhi": "/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf",
    "Noto Sans Ethiopic": "/usr/share/fonts/truetype/noto/NotoSansEthiopic-Regular.ttf",
    "Noto Sans CJK SC": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
}
FONT_CACHE = Path(
    os.environ.get("PARLONS_FONT_CACHE", Path(tempfile.gettempdir()) / "parlons-fonts")
)


class FontMissing(RuntimeError):
    """No installed font covers the script; the message names the Debian package."""


@dataclass(frozen=True)
class WordCloud:
    png: bytes
    words: dict[str, int]  # word as the respondents wrote it -> how many used it
    language: str

    @property
    def empty(self) -> bool:
        return not self.words


def word_counts(texts: list[str], lang: str, k: int) -> dict[str, int]:
    """How many texts (respondents) use each word, shown in its most common spelling.

    Spellings that normalise alike count as one word. Stop words, negation cues ("not"
    alone says nothing), an Arabic article left before an English word ("الـlandlord"),
    numbers and words below k are dropped."""
    locale = lexicon_locale(lang)
    ignored = stopwords(locale) | negation_words(locale)
    if base_language(lang) in ARABIC_SCRIPT:
        ignored |= set(ARABIC_PREFIXES)
    per_text: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        used = set()
        for word, written in written_words(text, lang):
            if word not in ignored and not word.isdigit() and len(word) > 1:
                used.add(word)
                spellings[word][written] += 1
        per_text.update(used)
    return {spellings[word].most_common(1)[0][0]: n for word, n in per_text.most_common() if n >= k}


@lru_cache(maxsize=16)
def font_file(lang: str) -> str:
    """A font for the language's script that also draws Latin words (people write "LINC").

    Noto script fonts have no Latin letters, so Noto Sans is merged into them once
    (fontTools) and the result kept in the font cache folder.
    """
    family = FONT_FAMILIES.get(base_language(lang), DEFAULT_FAMILY)
    script_font = _installed(family)
    if family in (DEFAULT_FAMILY, "Noto Sans CJK SC"):
        return script_font
    merged = FONT_CACHE / f"{family.replace(' ', '')}-with-Latin.ttf"
    if not merged.exists():
        _merge(script_font, _installed(DEFAULT_FAMILY), merged)
    return str(merged)


def _installed(family: str) -> str:
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{family[0]}|%{file}", family], capture_output=True, text=True
        ).stdout
    except FileNotFoundError:
        found = ""
    name, _, path = found.partition("|")
    if name == family and Path(path).exists():
        return path
    if Path(FALLBACK_FILES[family]).exists():
        return FALLBACK_FILES[family]
    raise FontMissing(f"no {family} font: install Debian's fonts-noto-core and fonts-noto-cjk")


def _merge(script_font: str, latin_font: str, target: Path) -> None:
    from fontTools.merge import Merger

    logging.getLogger("fontTools").setLevel(logging.ERROR)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    Merger().merge([script_font, latin_font]).save(partial)
    partial.replace(target)  # atomic: parallel workers never read half a font


def _drawable(word: str, lang: str) -> str:
    if base_language(lang) in ARABIC_SCRIPT and not features.check("raqm"):
        import arabic_reshaper
        from bidi.algorithm import get_display

        return get_display(arabic_reshaper.reshape(word))
    return word


def draw(
    texts: list[str],
    lang: str,
    k: int = 5,
    width: int = 800,
    height: int = 400,
    cache_dir: Path | None = None,
) -> WordCloud:
    """A PNG cloud of ``texts`` in ``lang``, cached by content: unchanged data is not redrawn."""
    counts = word_counts(texts, lang, k)
    if not counts:
        return WordCloud(b"", {}, lang)
    key = hashlib.sha256(
        json.dumps([lang, width, height, sorted(counts.items())], ensure_ascii=False).encode()
    ).hexdigest()
    cached = Path(cache_dir) / f"{key}.png" if cache_dir else None
    if cached and cached.exists():
        return WordCloud(cached.read_bytes(), counts, lang)
    png = _render(counts, lang, width, height)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(png)
    return WordCloud(png, counts, lang)


def laid_out_words(cloud_counts: dict[str, int], lang: str, width=800, height=400) -> list[str]:
    """The words wordcloud places, mapped back to how respondents wrote them (for checks)."""
    layout = _layout(cloud_counts, lang, width, height)
    back = {_drawable(word, lang): word for word in cloud_counts}
    return [back[item[0][0]] for item in layout.layout_]


def _layout(counts: dict[str, int], lang: str, width: int, height: int):
    from wordcloud import WordCloud as Layout

    layout = Layout(
        font_path=font_file(lang),
        width=width,
        height=height,
        background_color="white",
        prefer_horizontal=1.0,
        collocations=False,
        colormap="viridis",
        random_state=7,
        max_words=80,
    )
    return layout.generate_from_frequencies({_drawable(w, lang): n for w, n in counts.items()})


def _render(counts: dict[str, int], lang: str, width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    _layout(counts, lang, width, height).to_image().save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
