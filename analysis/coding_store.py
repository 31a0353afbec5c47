"""Stored theme codes and sentiment of free-text answers: automatic, and staff corrections.

The coder's rows have source ``auto``; a facilitator's or coordinator's rows
have source ``human`` and, for that answer, always replace the auto rows in
analysis. Recoding (after a lexicon change, say) replaces auto rows and never
touches human ones. A correction to "no theme at all" is stored as one human
row with the theme NO_THEME, so that it still overrules the auto rows.
"""

from sqlalchemy import Select, and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from analysis.coding import code_text
from analysis.sentiment import sentiment
from app.codebook import theme_codes
from app.definitions.model import OTHER, Definition
from app.models import Answer, AnswerSentiment, AnswerTheme, Response, SurveyVersion, utcnow

AUTO, HUMAN = "auto", "human"
NO_THEME = "none"
TEXT_TYPES = {"short_text", "long_text", "quote_list"}


_QUESTIONS_BY_HASH: dict[str, dict] = {}


def version_questions(version: SurveyVersion) -> dict:
    """A version's questions by id; versions never change, so each is indexed once."""
    questions = _QUESTIONS_BY_HASH.get(version.content_hash)
    if questions is None:
        questions = _QUESTIONS_BY_HASH[version.content_hash] = Definition(
            version.definition
        ).questions
    return questions


def free_text_answers(response: Response) -> list[Answer]:
    """Answers holding text a person wrote: text and quote questions, and "other" texts.

    Questions marked ``personal`` (a name, an e-mail address) are not opinions and are skipped.
    """
    questions = version_questions(response.survey_version)
    texts = []
    for answer in response.answers:
        question = questions.get(answer.question_id, {})
        if not (answer.value_text or "").strip() or question.get("personal"):
            continue
        if question.get("type") in TEXT_TYPES or answer.option_code == OTHER:
            texts.append(answer)
    return texts


def code_response(session: Session, response: Response) -> int:
    """(Re)code the free text of one response; the caller commits. Returns answers coded."""
    answers = free_text_answers(response)
    for answer in answers:
        language = answer.language or response.locale
        result = code_text(answer.value_text, language)
        _replace_auto_themes(answer, result.confidence)
        score, model = sentiment(answer.value_text, language)
        if answer.sentiment is None:
            answer.sentiment = AnswerSentiment(language=language, score=score, model=model)
        else:
            answer.sentiment.language, answer.sentiment.score = language, score
            answer.sentiment.model, answer.sentiment.scored_at = model, utcnow()
    session.flush()
    return len(answers)


def _replace_auto_themes(answer: Answer, confidence: dict[str, float]) -> None:
    """Update auto rows in place (no delete-then-insert of the same unique key in one flush)."""
    kept = {}
    for row in list(answer.themes):
        if row.source != AUTO:
            continue
        if row.theme in confidence:
            row.confidence, row.coded_at = confidence[row.theme], utcnow()
            kept[row.theme] = row
        else:
            answer.themes.remove(row)
    for theme, value in confidence.items():
        if theme not in kept:
            answer.themes.append(AnswerTheme(theme=theme, confidence=value, source=AUTO))


def set_human_codes(session: Session, answer_id: int, themes: list[str], coded_by: str) -> None:
    """Store a staff member's themes for an answer, replacing their earlier correction.

    An empty list means "this text is about none of the themes". The caller commits.
    """
    unknown = sorted(set(themes) - theme_codes())
    if unknown:
        raise ValueError(f"unknown theme codes: {', '.join(unknown)}")
    answer = session.get(Answer, answer_id)
    if answer is None:
        raise ValueError(f"no answer with id {answer_id}")
    for row in [row for row in answer.themes if row.source == HUMAN]:
        answer.themes.remove(row)
    session.flush()
    for theme in dict.fromkeys(themes) or [NO_THEME]:
        answer.themes.append(
            AnswerTheme(theme=theme, confidence=1.0, source=HUMAN, coded_by=coded_by)
        )
    session.flush()


def effective_themes() -> Select:
    """(answer_id, theme) of every coded free-text answer, for tallies to join on answer_id.

    An answer with any human row gets exactly its human themes; an answer without
    one gets its auto themes. The NO_THEME marker of a "none of the themes"
    correction is left out, so such an answer has no row. Use it as a subquery:
    ``coded = effective_themes().subquery()`` then ``join(coded, coded.c.answer_id == Answer.id)``.
    """
    human = aliased(AnswerTheme)
    overruled = exists().where(human.answer_id == AnswerTheme.answer_id, human.source == HUMAN)
    return select(AnswerTheme.answer_id, AnswerTheme.theme).where(
        or_(AnswerTheme.source == HUMAN, and_(AnswerTheme.source == AUTO, ~overruled)),
        AnswerTheme.theme != NO_THEME,
    )
