"""Respondent views: read the request, call the function that does the work, render."""

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.db import get_db
from app.drafts import find_by_resume_code
from app.i18n import negotiate, supported_locales, to_url
from app.respond import bp
from app.respond.journey import (
    current_draft,
    forget_draft,
    offered_locales,
    redirect_to_offered_locale,
    remember_draft,
    served_survey,
    start_draft,
)
from app.respond.pageflow import PageLinks, handle_page, resume_page_id
from app.surveys_admin import is_open


@bp.get("/")
def root():
    return redirect(url_for("respond.index", lang=to_url(negotiate(supported_locales()))))


@bp.get("/<lang>/")
def index():
    registry = current_app.extensions["parlons.registry"]
    session = get_db()
    surveys = [s for s in registry.of_kind("questionnaire") if is_open(session, s.definition.id)]
    return render_template("respond/index.html", surveys=surveys)


@bp.route("/<lang>/resume", methods=["GET", "POST"])
def resume():
    error = None
    if request.method == "POST":
        draft = find_by_resume_code(get_db(), request.form.get("code", ""))
        survey = draft and current_app.extensions["parlons.registry"].get(
            draft.survey_version.survey_id
        )
        if draft is None or survey is None or draft.response_id is not None:
            error = _("We could not find answers with this code. Please check it and try again.")
        else:
            target = url_for(
                "respond.page",
                survey_id=survey.definition.id,
                page_id=resume_page_id(survey, draft),
            )
            return remember_draft(redirect(target), survey.definition.id, draft)
    status = 200 if error is None else 404
    return render_template("respond/resume.html", error=error), status


@bp.route("/<lang>/s/<survey_id>/", methods=["GET", "POST"])
def start(survey_id):
    survey = served_survey(survey_id)
    elsewhere = redirect_to_offered_locale(survey)
    if elsewhere is not None and request.method == "GET":
        return elsewhere
    draft = current_draft(survey)
    if draft is not None and draft.response_id is None and request.method == "GET":
        page_id = resume_page_id(survey, draft)
        # "resumed" shows a shared phone's next person how to start afresh
        return redirect(url_for("respond.page", survey_id=survey_id, page_id=page_id, resumed=1))
    consent_missing = request.method == "POST" and not request.form.get("consent")
    if request.method == "POST" and not consent_missing:
        draft = start_draft(survey)
        first = survey.definition.pages[survey.definition.first_page(draft.answers)]["id"]
        target = url_for("respond.page", survey_id=survey_id, page_id=first)
        return remember_draft(redirect(target), survey_id, draft)
    return render_template(
        "respond/start.html",
        survey=survey,
        locales=offered_locales(survey),
        consent_missing=consent_missing,
    ), (400 if consent_missing else 200)


@bp.route("/<lang>/s/<survey_id>/p/<page_id>", methods=["GET", "POST"])
def page(survey_id, page_id):
    survey = served_survey(survey_id)
    draft = current_draft(survey)
    if draft is None:
        return redirect(url_for("respond.start", survey_id=survey_id))
    if draft.response_id is not None:
        return redirect(url_for("respond.thanks", survey_id=survey_id))
    if request.method == "GET" and (elsewhere := redirect_to_offered_locale(survey)):
        return elsewhere
    return handle_page(survey, draft, page_id, public_links(survey_id), offered_locales(survey))


def public_links(survey_id: str) -> PageLinks:
    def page_url(page_id, lang=None):
        extra = {"lang": lang} if lang else {}
        return url_for("respond.page", survey_id=survey_id, page_id=page_id, **extra)

    return PageLinks(
        page=page_url,
        before_first=lambda: url_for("respond.start", survey_id=survey_id),
        saved=lambda: url_for("respond.saved", survey_id=survey_id),
        done=lambda: url_for("respond.thanks", survey_id=survey_id),
    )


@bp.get("/<lang>/s/<survey_id>/saved")
def saved(survey_id):
    survey = served_survey(survey_id)
    draft = current_draft(survey)
    if draft is None:
        return redirect(url_for("respond.start", survey_id=survey_id))
    return render_template(
        "respond/saved.html", survey=survey, draft=draft, page_id=resume_page_id(survey, draft)
    )


@bp.post("/<lang>/s/<survey_id>/restart")
def restart(survey_id):
    served_survey(survey_id)
    return forget_draft(redirect(url_for("respond.start", survey_id=survey_id)), survey_id)


@bp.get("/<lang>/s/<survey_id>/thanks")
def thanks(survey_id):
    """The cookie still names the sent draft, so a resent last page lands here again
    instead of on a consent page that would make people think their answers were lost."""
    survey = served_survey(survey_id)
    return render_template("respond/thanks.html", survey=survey)
