"""Code a free-text comment to 0..n themes of the codebook, with a confidence for each.

Evidence for a theme is the set of distinct lexicon terms of that theme found in
the comment. Each term weighs by how specific it is: a phrase of several words
0.9, a whole word 0.8, a stem (``employ*``) 0.7, divided by the number of themes
that list the very same term (a word two themes share proves neither alone). A
term found inside a longer term that also matched ("work" in "work together")
is not counted again. A theme's confidence combines its terms as independent
clues, 1 - prod(1 - weight), so one clear word gives 0.8 and every further
distinct term raises it towards 1; themes at or above THRESHOLD are returned.

Negation: in what newcomers write, "no family doctor", "no mosque close to us" or
"I had no problem with housing" are still about health, religion or housing, and
human coders label them so. A negation cue just before a term (or just after it
in verb-final languages), within the same clause, therefore never removes a
theme: it lowers that term's weight (x NEGATED), so a negated mention ranks
below an affirmed one and its confidence says it is less sure.
"""

from dataclasses import dataclass, field

from analysis.term_matching import CompiledLexicon, Match, compiled_lexicon

WEIGHT = {"phrase": 0.9, "word": 0.8, "stem": 0.7}
NEGATED = 0.75
THRESHOLD = 0.5


@dataclass(frozen=True)
class CodingResult:
    """Themes found, most confident first, and the confidence (0..1) of each."""

    themes: list[str] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)


def code_text(text: str, lang: str) -> CodingResult:
    """Themes of one comment written in ``lang`` (a BCP 47 tag such as ``fr`` or ``zh-Hans``)."""
    return code(compiled_lexicon(lang), text)


def code(lexicon: CompiledLexicon, text: str) -> CodingResult:
    """Themes of one comment, by the terms of ``lexicon``."""
    if not text or not text.strip():
        return CodingResult()
    confidence = theme_confidence(lexicon, outermost(lexicon.matches(text)))
    order = {theme: rank for rank, theme in enumerate(lexicon.themes)}
    kept = sorted(
        (theme for theme, value in confidence.items() if value >= THRESHOLD),
        key=lambda theme: (-confidence[theme], order.get(theme, len(order)), theme),
    )
    return CodingResult(kept, {theme: round(confidence[theme], 3) for theme in kept})


def outermost(matches: list[Match]) -> list[Match]:
    """Matches not lying strictly inside a longer match."""
    return [
        match
        for match in matches
        if not any(
            other.start <= match.start
            and match.end <= other.end
            and other.end - other.start > match.end - match.start
            for other in matches
        )
    ]


def theme_confidence(lexicon: CompiledLexicon, matches: list[Match]) -> dict[str, float]:
    """Per theme, the combined weight of its distinct matched terms."""
    weights: dict[str, dict[str, float]] = {}
    for match in matches:
        term = match.term
        weight = WEIGHT[term.kind] / lexicon.ambiguity(term)
        if match.negated:
            weight *= NEGATED
        per_term = weights.setdefault(term.theme, {})
        per_term[term.key] = max(weight, per_term.get(term.key, 0.0))
    confidence = {}
    for theme, per_term in weights.items():
        doubt = 1.0
        for weight in per_term.values():
            doubt *= 1.0 - weight
        confidence[theme] = 1.0 - doubt
    return confidence
