"""The respondent's way through a survey: which survey, which draft, which language."""

from flask import abort, current_app, g, redirect, request, url_for

from app.db import get_db
from app.drafts import create_draft, find_by_token
from app.i18n import supported_locales, survey_missing_strings, to_url
from app.models import Draft, SurveyVersion
from app.registry import ServedSurvey
from app.surveys_admin import is_open

DRAFT_COOKIE_PREFIX = "parlons_draft_"


def served_survey(survey_id: str, kind: str = "questionnaire") -> ServedSurvey:
    """The survey a respondent asked for: 404 if unknown, 410 if not open for answers."""
    survey = current_app.extensions["parlons.registry"].get(survey_id)
    if survey is None or survey.definition.kind != kind:
        abort(404)
    if not is_open(get_db(), survey_id):
        abort(410)
    return survey


def offered_locales(survey: ServedSurvey) -> list[str]:
    """The locales this survey can be answered in: declared, and fully translated."""
    declared = set(survey.definition.locales)
    folder = current_app.config["TRANSLATIONS_DIR"]
    return [
        code
        for code in supported_locales()
        if code in declared and not survey_missing_strings(folder, survey.definition, code)
    ]


def redirect_to_offered_locale(survey: ServedSurvey):
    """None when the page's locale is offered; else a redirect to the survey's own language
    (always offered: `surveys check` refuses a locales list without it)."""
    if g.locale in offered_locales(survey):
        return None
    args = dict(request.view_args or {}, lang=to_url(survey.definition.source_locale))
    return redirect(url_for(request.endpoint, **args, unavailable=to_url(g.locale)))


def draft_cookie_name(survey_id: str) -> str:
    return DRAFT_COOKIE_PREFIX + survey_id


def current_draft(survey: ServedSurvey) -> Draft | None:
    """The device's draft of this survey, if it has one, on the version now served."""
    draft = find_by_token(get_db(), request.cookies.get(draft_cookie_name(survey.definition.id)))
    return None if draft is None else on_current_version(survey, draft)


def on_current_version(survey: ServedSurvey, draft: Draft) -> Draft:
    """A draft begun before the definition file changed carries on with the new version,
    so a fix made mid-fieldwork loses nobody's answers: it keeps the answers to
    questions the new version still asks, and will be stored as the new version."""
    if draft.response_id is None and draft.survey_version_id != survey.version_id:
        draft.survey_version_id = survey.version_id
        draft.answers = survey.definition.kept_answers(draft.answers or {})
        get_db().commit()
    return draft


def start_draft(survey: ServedSurvey, channel: str = "web") -> Draft:
    session = get_db()
    version = survey_version(survey)
    return create_draft(
        session, version, g.locale, current_app.config["DRAFT_EXPIRY_DAYS"], channel
    )


def survey_version(survey: ServedSurvey) -> SurveyVersion:
    return get_db().get(SurveyVersion, survey.version_id)


def remember_draft(response, survey_id: str, draft: Draft):
    response.set_cookie(
        draft_cookie_name(survey_id),
        draft.token,
        max_age=current_app.config["DRAFT_EXPIRY_DAYS"] * 86400,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


def forget_draft(response, survey_id: str):
    response.delete_cookie(draft_cookie_name(survey_id))
    return response
