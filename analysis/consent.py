"""Which responses' own words may leave the platform: those of a focus-group session
only when the facilitator recorded that every participant agreed to their words being
recorded. Questionnaires carry no such question; their respondents consented on the
consent page before the first question.

The definition schema has no tag for a question's role (``dimension`` names groupings
only), so the intake form's consent question is known by its id.
"""

from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.models import Answer

CONSENT_QUESTION = "consent-confirmed"
CONSENT_GIVEN = "yes"


def consented_responses():
    """Responses (sessions) whose consent question was answered "yes", as a subquery."""
    return _consent_answered(lambda code: code == CONSENT_GIVEN)


def withheld_responses():
    """Responses whose consent question was answered anything but "yes": their free
    text (quotes, notes) stays on the platform, in word clouds and raw exports too."""
    return _consent_answered(lambda code: code != CONSENT_GIVEN)


def _consent_answered(condition):
    consent = aliased(Answer)
    return select(consent.response_id).where(
        consent.question_id == CONSENT_QUESTION, condition(consent.option_code)
    )


def words_may_leave():
    """A condition on Answer: not free text of a session without consent."""
    return Answer.value_text.is_(None) | Answer.response_id.not_in(withheld_responses())
