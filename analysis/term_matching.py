"""Find a language's lexicon terms in a comment, with where they are and whether negated.

The rules are those the lexicon writers were given: text and terms are normalised
alike (analysis.text.normalise; apostrophes inside a term are dropped and text
words are tried with and without theirs); a plain term matches a whole word, ``word*``
any word starting with it, a term with spaces consecutive words; Arabic-script
words are also tried without a clitic prefix and Persian words joined by a ZWNJ
also as one word; Chinese terms match as substrings. In the languages not
written in Latin script, the English lexicon's terms also match the English
words people mix in ("family doctor", "Canadian experience").
"""

import os
from dataclasses import dataclass
from functools import lru_cache

import regex

from analysis.lexicon import lexicon_locale, load_lexicon
from analysis.text import Word, base_language, normalise, word_forms, words

HAN = regex.compile(r"\p{Han}")
LATIN_ONLY = regex.compile(r"[\p{Latin}\p{N}'* -]+")
NON_LATIN_SCRIPT = {"ar", "fa", "ur", "pa", "zh", "uk", "ti"}
# Languages whose verb (and so its negation) usually comes after the noun it concerns.
VERB_FINAL = {"fa", "ur", "pa", "ti", "so"}
NEGATION_REACH = 3  # words (characters in Chinese) between a negation cue and a term
CLAUSE_BREAK = regex.compile(r"[.,;:!?\n،؛؟。，；：！？、।॥።፣፤፥፦]")


@dataclass(frozen=True)
class Term:
    """One lexicon entry: the theme it signals and its words as (word, is_stem) pairs."""

    theme: str
    key: str
    parts: tuple[tuple[str, bool], ...]
    substring: bool = False

    @property
    def kind(self) -> str:
        if len(self.parts) > 1 or (self.substring and len(self.key) >= 3):
            return "phrase"
        return "stem" if self.parts[-1][1] else "word"


@dataclass(frozen=True)
class Match:
    term: Term
    start: int
    end: int
    negated: bool


def parse_term(theme: str, raw: str, lang: str) -> Term | None:
    """A lexicon string as a Term, or None if nothing is left of it after normalisation."""
    text = normalise(raw, lang).strip()
    if base_language(lang) == "zh" and HAN.search(text):
        key = text.replace(" ", "").rstrip("*")
        return Term(theme, key, ((key, False),), substring=True) if key else None
    parts: list[tuple[str, bool]] = []
    for chunk in text.split():
        pieces = [word.text.replace("'", "") for word in words(chunk.rstrip("*"), lang)]
        parts.extend((piece, False) for piece in pieces)
        if pieces and chunk.endswith("*"):
            parts[-1] = (parts[-1][0], True)
    if not parts:
        return None
    key = " ".join(word + ("*" if stem else "") for word, stem in parts)
    return Term(theme, key, tuple(parts))


class CompiledLexicon:
    """A language's terms indexed for matching, and its negation cues."""

    def __init__(self, lang: str, lexicon: dict, english: dict | None = None):
        self.lang = lang
        self.language = base_language(lang)
        self.themes = tuple(lexicon.get("terms", {}))
        ignored = {normalise(word, lang) for word in lexicon.get("stopwords", [])}
        ignored |= {normalise(word, lang) for word in lexicon.get("negations", [])}
        self.terms = _terms(lexicon, lang, ignored)
        if english:
            known = {(term.theme, term.key) for term in self.terms}
            self.terms += [
                term
                for term in _terms(english, "en", ignored, latin_only=True)
                if (term.theme, term.key) not in known
            ]
        self.themes_of_key: dict[str, set[str]] = {}
        for term in self.terms:
            self.themes_of_key.setdefault(term.key, set()).add(term.theme)
        self.by_first_word = _first_word_index(term for term in self.terms if not term.substring)
        self.substrings = [term for term in self.terms if term.substring]
        self.negations = [
            term
            for raw in lexicon.get("negations", [])
            if (term := parse_term("", raw, lang)) is not None
        ]
        self.negations_by_first_word = _first_word_index(self.negations)

    def ambiguity(self, term: Term) -> int:
        """How many themes list this very term."""
        return len(self.themes_of_key[term.key])

    def matches(self, text: str) -> list[Match]:
        normalised = normalise(text, self.lang)
        found = words(normalised, self.lang)
        forms = _forms(found, self.lang)
        negated_at = [
            first
            for first in range(len(forms))
            if any(
                _ends(cue.parts, forms, first)
                for cue in _candidates(self.negations_by_first_word, forms[first])
            )
        ]
        reach_after = NEGATION_REACH if self.language in VERB_FINAL else 0
        clause = _clauses(normalised, found)
        result = []
        for term, first, last in self._word_matches(forms):
            negated = any(
                (first - NEGATION_REACH <= at < first or last < at <= last + reach_after)
                and clause[at] == clause[first]
                for at in negated_at
            )
            result.append(Match(term, found[first].start, found[last].end, negated))
        result.extend(self._substring_matches(normalised))
        return result

    def _word_matches(self, forms):
        for first in range(len(forms)):
            for term in _candidates(self.by_first_word, forms[first]):
                for last in _ends(term.parts, forms, first):
                    yield term, first, last

    def _substring_matches(self, normalised: str) -> list[Match]:
        cues = [cue.parts[0][0] for cue in self.negations if HAN.search(cue.parts[0][0])]
        result = []
        for term in self.substrings:
            start = normalised.find(term.key)
            while start >= 0:
                before = normalised[max(0, start - NEGATION_REACH - 1) : start]
                before = CLAUSE_BREAK.split(before)[-1]
                negated = any(cue in before for cue in cues)
                result.append(Match(term, start, start + len(term.key), negated))
                start = normalised.find(term.key, start + 1)
        return result


def _terms(lexicon: dict, lang: str, ignored: set[str], latin_only=False) -> list[Term]:
    terms = []
    for theme, raws in lexicon.get("terms", {}).items():
        for raw in raws:
            if latin_only and not LATIN_ONLY.fullmatch(raw):
                continue
            term = parse_term(theme, raw, lang)
            if term is None or (term.key in ignored and len(term.parts) == 1):
                continue
            terms.append(term)
    return list(dict.fromkeys(terms))


def _forms(found: list[Word], lang: str) -> list[list[tuple[str, int]]]:
    """Per word: (spelling, index of the last word it covers); ZWNJ-joined words also whole."""
    forms = []
    for i, word in enumerate(found):
        spellings = [(form, i) for form in word_forms(word.text, lang)]
        joined, last = word.text, i
        while found[last].glued and last + 1 < len(found):
            last += 1
            joined += found[last].text
            spellings.extend((form, last) for form in word_forms(joined, lang))
        forms.append(spellings)
    return forms


def _candidates(index: dict, spellings: list[tuple[str, int]]) -> list[Term]:
    seen: dict[Term, None] = {}
    for form, _last in spellings:
        for term in index.get((form, False), ()):
            seen[term] = None
        for length in range(1, len(form) + 1):
            for term in index.get((form[:length], True), ()):
                seen[term] = None
    return list(seen)


def _part_ends(part: tuple[str, bool], spellings: list[tuple[str, int]]) -> set[int]:
    word, stem = part
    return {last for form, last in spellings if (form.startswith(word) if stem else form == word)}


def _ends(parts, forms, first: int) -> set[int]:
    """Indexes of the last word of every way ``parts`` match from word ``first`` on."""
    ends = _part_ends(parts[0], forms[first])
    for part in parts[1:]:
        ends = {
            last
            for end in ends
            if end + 1 < len(forms)
            for last in _part_ends(part, forms[end + 1])
        }
    return ends


def _clauses(normalised: str, found: list[Word]) -> list[int]:
    """Clause number of each word: a negation does not reach over a comma or a full stop."""
    clause, numbers, previous_end = 0, [], 0
    for word in found:
        clause += bool(CLAUSE_BREAK.search(normalised, previous_end, word.start))
        numbers.append(clause)
        previous_end = word.end
    return numbers


def _first_word_index(terms) -> dict[tuple[str, bool], list[Term]]:
    index: dict[tuple[str, bool], list[Term]] = {}
    for term in terms:
        index.setdefault(term.parts[0], []).append(term)
    return index


@lru_cache(maxsize=64)
def _compiled(locale: str, extra_dir: str | None) -> CompiledLexicon:
    lexicon = load_lexicon(locale, extra_dir)
    english = (
        load_lexicon("en", extra_dir)
        if base_language(locale) in NON_LATIN_SCRIPT and locale != "en"
        else None
    )
    return CompiledLexicon(locale, lexicon, english)


def compiled_lexicon(lang: str) -> CompiledLexicon:
    """The compiled lexicon of a BCP 47 tag (cached; PARLONS_LEXICON_DIR read on each call)."""
    return _compiled(lexicon_locale(lang), os.environ.get("PARLONS_LEXICON_DIR"))
