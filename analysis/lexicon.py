"""Per-language theme lexicons: term lists, negation cues and stop words (labels: codebook).

Shipped lists live in analysis/lexicon/<locale>.json. A coordinator extends
them without touching code by dropping a file of the same shape (any subset of
keys) into the folder named by PARLONS_LEXICON_DIR; its terms are added.
A broken extension (not JSON, a theme code the codebook does not know, terms
that are not a list of strings) stops coding in that language with a message
naming the file and the place, rather than coding with half a list.
"""

import json
import os
from functools import lru_cache
from pathlib import Path

from analysis.text import normalise
from app.codebook import theme_codes

SHIPPED = Path(__file__).resolve().parent / "lexicon"


def lexicon_locale(lang: str) -> str:
    """Map a BCP 47 tag to a lexicon file name: ``zh-Hans`` -> ``zh_Hans``, ``fr-CA`` -> ``fr``."""
    tag = lang.replace("-", "_")
    if tag.lower().startswith("zh"):
        return "zh_Hans"
    return tag.split("_")[0].lower()


@lru_cache(maxsize=64)
def load_lexicon(locale: str, extra_dir: str | None = None) -> dict:
    """The shipped lexicon of ``locale`` merged with a coordinator's additions, if any."""
    path = SHIPPED / f"{locale}.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    extra_dir = extra_dir if extra_dir is not None else os.environ.get("PARLONS_LEXICON_DIR")
    extra = Path(extra_dir) / f"{locale}.json" if extra_dir else None
    if extra and extra.exists():
        data = _merge(data, read_extension(extra))
    return data


class LexiconError(ValueError):
    """A coordinator's term-list file that cannot be used, and where it goes wrong."""


def read_extension(path: Path) -> dict:
    """A coordinator's term-list file, checked against the shape of the shipped ones."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise LexiconError(f"{path}: {where}: {error.msg}") from None
    except UnicodeDecodeError:
        raise LexiconError(f"{path}: not UTF-8 text") from None
    problems = list(_extension_problems(data))
    if problems:
        raise LexiconError(f"{path}: " + "; ".join(problems))
    return data


def _extension_problems(data):
    if not isinstance(data, dict):
        yield 'expected an object such as {"terms": {"housing": ["loyer*"]}}'
        return
    terms = data.get("terms", {})
    if not isinstance(terms, dict):
        yield 'terms: expected an object of theme codes, e.g. {"housing": ["loyer*"]}'
        return
    known = theme_codes()
    for code, words in terms.items():
        if code not in known:
            yield f"terms.{code}: unknown theme code (known: {', '.join(sorted(known))})"
        elif not _strings(words):
            yield f"terms.{code}: expected a list of words"
    for key in ("negations", "stopwords"):
        if key in data and not _strings(data[key]):
            yield f"{key}: expected a list of words"


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _merge(base: dict, extra: dict) -> dict:
    merged = dict(base)
    terms = {code: list(words) for code, words in base.get("terms", {}).items()}
    for code, words in extra.get("terms", {}).items():
        terms.setdefault(code, []).extend(w for w in words if w not in terms.get(code, []))
    merged["terms"] = terms
    for key in ("negations", "stopwords"):
        merged[key] = list(dict.fromkeys(base.get(key, []) + extra.get(key, [])))
    return merged


def stopwords(locale: str) -> frozenset[str]:
    """The locale's stop words, normalised as text is, so they match whatever spelling."""
    return frozenset(normalise(word, locale) for word in load_lexicon(locale).get("stopwords", []))


def negation_words(locale: str) -> frozenset[str]:
    """The locale's one-word negation cues ("not", "لا", "ਨਹੀਂ"), normalised as text is."""
    cues = load_lexicon(locale).get("negations", [])
    return frozenset(normalise(cue, locale) for cue in cues if not {" ", "*"} & set(cue))
