"""Focus-group quotes for the summary, grouped by the themes they were coded to.

A quote leaves the platform only when the facilitator recorded that every
participant of its session agreed to their words being recorded, and then with
its language and the speaker description the facilitator wrote, nothing else (no
community, date or session), and with contact details and file numbers replaced
by markers in both the quote and the speaker description.
"""

from sqlalchemy import select

from analysis.coding_store import effective_themes
from analysis.consent import consented_responses
from analysis.disclosure import redact
from analysis.filters import scope
from analysis.sections import theme_codes
from analysis.summary import Context, Quote
from app.models import Answer, Response

QUOTES_PER_THEME = 5


def quotes_by_theme(ctx: Context) -> list[Quote]:
    """Focus-group quotes of sessions with consent, per coded theme: text and speaker
    (both redacted) and language only."""
    quote_questions = {
        qid
        for definition in ctx.labels.definitions
        for qid, q in definition.questions.items()
        if q["type"] == "quote_list"
    }
    if not quote_questions:
        return []
    resp = scope(ctx.session, ctx.flt).respondents
    coded = effective_themes().subquery("coded_text")
    query = (
        select(Answer.value_text, Answer.language, Answer.speaker, Response.locale, coded.c.theme)
        .join(resp, resp.c.response_id == Answer.response_id)
        .join(Response, Response.id == Answer.response_id)
        .outerjoin(coded, coded.c.answer_id == Answer.id)
        .where(Answer.question_id.in_(quote_questions), Answer.value_text.is_not(None))
        .where(Answer.response_id.in_(consented_responses()))
        .order_by(Answer.id)
    )
    by_theme: dict[str | None, list] = {}
    for row in ctx.session.execute(query):
        by_theme.setdefault(row.theme, [])
        if len(by_theme[row.theme]) < QUOTES_PER_THEME:
            by_theme[row.theme].append(row)
    found = []
    for theme in [*theme_codes(t for t in by_theme if t), None]:
        for row in by_theme.get(theme, []):
            language = row.language or row.locale
            found.append(
                Quote(
                    ctx.labels.theme(theme) if theme else ctx._("Not coded yet"),
                    redact(row.value_text),
                    ctx.labels.language(language),
                    language.replace("_", "-"),
                    redact(row.speaker) or "",
                )
            )
    return found
