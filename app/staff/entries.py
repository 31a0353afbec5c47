"""Staff entry: focus-group sessions and paper questionnaires, through the respondent pages.

Both are drafts owned by the staff member who started them (coordinators see
all); they are edited page by page until submitted, like a respondent's.
"""

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import audit
from app.auth.session import STAFF, roles_required
from app.db import get_db, get_or_404
from app.definitions.model import Definition
from app.drafts import create_draft
from app.i18n import from_url, supported_locales
from app.models import Draft, Response
from app.respond.journey import survey_version
from app.respond.pageflow import PageLinks, handle_page, resume_page_id
from app.staff import bp
from app.staff.listing import (
    FOCUS_GROUP,
    PAPER,
    answers_by_question,
    paper_drafts_for,
    sessions_for,
)

STAFF_LAYOUT = "staff/base.html"


def _registry():
    return current_app.extensions["parlons.registry"]


def _may_edit(owner_id: int | None) -> bool:
    return current_user.role == "coordinator" or owner_id == current_user.id


@bp.get("/<lang>/staff/sessions")
@roles_required(*STAFF)
def sessions():
    forms = _registry().of_kind("focus_group")
    return render_template("staff/sessions.html", rows=sessions_for(current_user.user), forms=forms)


@bp.post("/<lang>/staff/sessions/new/<survey_id>")
@roles_required(*STAFF)
def new_session(survey_id):
    return _start_entry(survey_id, "focus_group", FOCUS_GROUP, g.locale)


@bp.get("/<lang>/staff/paper")
@roles_required(*STAFF)
def paper():
    return render_template(
        "staff/paper.html",
        surveys=_registry().of_kind("questionnaire"),
        locales=supported_locales(),
        drafts=paper_drafts_for(current_user.user),
    )


@bp.post("/<lang>/staff/paper/<survey_id>")
@roles_required(*STAFF)
def new_paper_entry(survey_id):
    language = from_url(request.form.get("language", ""))
    if language not in supported_locales():
        language = g.locale
    return _start_entry(survey_id, "questionnaire", PAPER, language)


def _start_entry(survey_id: str, kind: str, channel: str, locale: str):
    survey = _registry().get(survey_id)
    if survey is None or survey.definition.kind != kind:
        abort(404)
    session = get_db()
    draft = create_draft(
        session, survey_version(survey), locale, current_app.config["DRAFT_EXPIRY_DAYS"], channel
    )
    draft.entered_by_id = current_user.id
    session.commit()
    page_id = resume_page_id(survey, draft)
    return redirect(url_for("staff.entry_page", draft_id=draft.id, page_id=page_id))


def _editable_draft(draft_id: int) -> Draft:
    draft = get_db().get(Draft, draft_id)
    if draft is None or draft.entered_by_id is None:
        abort(404)
    if not _may_edit(draft.entered_by_id):
        abort(403)
    return draft


@bp.route("/<lang>/staff/entries/<int:draft_id>/p/<page_id>", methods=["GET", "POST"])
@roles_required(*STAFF)
def entry_page(draft_id, page_id):
    draft = _editable_draft(draft_id)
    if draft.response_id is not None:
        return redirect(_done_url(draft))
    survey = _registry().get(draft.survey_version.survey_id)
    if survey is None or survey.version_id != draft.survey_version_id:
        flash(_("This form has changed since the entry was started. Please start a new one."))
        return redirect(url_for("staff.home"))
    result = handle_page(survey, draft, page_id, _staff_links(draft), [draft.locale], STAFF_LAYOUT)
    if draft.response_id is not None:
        audit.record(get_db(), current_user.user, f"{draft.channel}_submit", str(draft.response_id))
    return result


def _staff_links(draft: Draft) -> PageLinks:
    def page_url(page_id, lang=None):
        return url_for("staff.entry_page", draft_id=draft.id, page_id=page_id)

    back = url_for("staff.sessions") if draft.channel == FOCUS_GROUP else url_for("staff.paper")
    return PageLinks(
        page=page_url, before_first=lambda: back, saved=lambda: back, done=lambda: _done_url(draft)
    )


def _done_url(draft: Draft) -> str:
    if draft.channel == FOCUS_GROUP:
        return url_for("staff.session_record", response_id=draft.response_id)
    return url_for("staff.paper_done", response_id=draft.response_id)


@bp.get("/<lang>/staff/paper/done/<int:response_id>")
@roles_required(*STAFF)
def paper_done(response_id):
    response = _visible_response(response_id)
    return render_template("staff/paper_done.html", response=response)


@bp.get("/<lang>/staff/responses/<int:response_id>")
@roles_required(*STAFF)
def session_record(response_id):
    response = _visible_response(response_id)
    return render_template(
        "staff/record.html",
        response=response,
        definition=Definition(response.survey_version.definition),
        answers=answers_by_question(response),
    )


def _visible_response(response_id: int) -> Response:
    """Coordinators see every response; facilitators the ones they entered."""
    response = get_or_404(Response, response_id)
    if not _may_edit(response.entered_by_id):
        abort(403)
    return response
