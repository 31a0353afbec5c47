"""The theme codebook: the 17 characteristics of a welcoming community, as data."""

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_CODEBOOK = Path(__file__).resolve().parent.parent / "surveys" / "codebook.json"


@dataclass(frozen=True)
class Theme:
    code: str
    rank: int
    labels: dict[str, str]
    descriptions: dict[str, str]

    def label(self, locale: str) -> str:
        """The label in ``locale``, else in its base language, else in English."""
        return _pick(self.labels, locale)

    def description(self, locale: str) -> str:
        return _pick(self.descriptions, locale)


def _pick(texts: dict[str, str], locale: str) -> str:
    return texts.get(locale) or texts.get(locale.split("_")[0]) or texts["en"]


@lru_cache(maxsize=8)
def load_codebook(path: Path = DEFAULT_CODEBOOK) -> tuple[Theme, ...]:
    """Themes in published rank order."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    themes = [
        Theme(item["code"], item["rank"], item["label"], item["description"])
        for item in data["codes"]
    ]
    return tuple(sorted(themes, key=lambda theme: theme.rank))


def theme_codes(path: Path = DEFAULT_CODEBOOK) -> frozenset[str]:
    return frozenset(theme.code for theme in load_codebook(path))
