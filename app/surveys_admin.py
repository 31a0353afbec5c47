"""Survey management for coordinators: status, response counts by language, version diffs."""

import difflib
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Response, Survey, SurveyVersion

STATUSES = ("draft", "open", "closed")


@dataclass(frozen=True)
class SurveySummary:
    survey: Survey
    latest: SurveyVersion
    responses_by_locale: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.responses_by_locale.values())


def summaries(session: Session) -> list[SurveySummary]:
    counts: dict[str, dict[str, int]] = {}
    grouped = select(Response.survey_id, Response.locale, func.count()).group_by(
        Response.survey_id, Response.locale
    )
    for survey_id, locale, count in session.execute(grouped):
        counts.setdefault(survey_id, {})[locale] = count
    result = []
    for survey in session.scalars(select(Survey).order_by(Survey.id)):
        if survey.versions:
            result.append(SurveySummary(survey, survey.versions[-1], counts.get(survey.id, {})))
    return result


def set_status(session: Session, survey_id: str, status: str) -> Survey:
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}")
    survey = session.get(Survey, survey_id)
    if survey is None:
        raise LookupError(survey_id)
    survey.status = status
    session.commit()
    return survey


def responses_per_version(session: Session, survey_id: str) -> dict[int, int]:
    rows = session.execute(
        select(Response.survey_version_id, func.count())
        .where(Response.survey_id == survey_id)
        .group_by(Response.survey_version_id)
    )
    return dict(rows.all())


def version_diff(old: SurveyVersion, new: SurveyVersion) -> list[tuple[str, str]]:
    """Line-by-line differences of two definitions as (kind, line), kind in '+', '-', ' ', '@'."""
    before = json.dumps(old.definition, indent=2, ensure_ascii=False).splitlines()
    after = json.dumps(new.definition, indent=2, ensure_ascii=False).splitlines()
    lines = difflib.unified_diff(
        before, after, f"v{old.version}", f"v{new.version}", lineterm="", n=2
    )
    return [(line[:1], line[1:]) for line in list(lines)[2:]]


def is_open(session: Session, survey_id: str) -> bool:
    return session.scalar(select(Survey.status).where(Survey.id == survey_id)) == "open"
