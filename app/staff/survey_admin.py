"""Coordinators: list surveys, open and close them, compare versions."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import audit, surveys_admin
from app.auth.session import COORDINATOR, roles_required
from app.db import get_db, get_or_404
from app.labels import status_label
from app.models import Survey
from app.staff import bp


@bp.get("/<lang>/staff/surveys")
@roles_required(*COORDINATOR)
def surveys():
    return render_template(
        "staff/surveys.html",
        summaries=surveys_admin.summaries(get_db()),
        broken=current_app.extensions["parlons.registry"].errors,
    )


@bp.post("/<lang>/staff/surveys/<survey_id>/status")
@roles_required(*COORDINATOR)
def survey_status(survey_id):
    status = request.form.get("status", "")
    if status not in surveys_admin.STATUSES:
        abort(400)
    session = get_db()
    try:
        surveys_admin.set_status(session, survey_id, status)
    except LookupError:
        abort(404)
    audit.record(session, current_user.user, f"survey_{status}", target=survey_id)
    flash(_("The survey is now %(status)s.", status=status_label(status)))
    return redirect(url_for("staff.surveys"))


@bp.get("/<lang>/staff/surveys/<survey_id>")
@roles_required(*COORDINATOR)
def survey_versions(survey_id):
    session = get_db()
    survey = get_or_404(Survey, survey_id)
    versions = {v.version: v for v in survey.versions}
    newest = max(versions)
    new = versions.get(request.args.get("new", newest, type=int), versions[newest])
    old = versions.get(request.args.get("old", max(new.version - 1, 1), type=int), versions[1])
    return render_template(
        "staff/survey_versions.html",
        survey=survey,
        counts=surveys_admin.responses_per_version(session, survey_id),
        old=old,
        new=new,
        diff=surveys_admin.version_diff(old, new) if old.version != new.version else [],
    )
