"""The coordinator's dashboard and its downloads; the coding review queue for all staff."""

import base64
import io
from pathlib import Path

from flask import (
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from analysis.coding_store import set_human_codes
from analysis.disclosure import SUPPRESSED
from analysis.exports import write_summary
from analysis.exports.charts import chart_svg
from analysis.exports.formatting import format_number
from analysis.filters import UnknownGrouping
from analysis.free_text import sentiment_by_language, text_languages, texts
from analysis.raw_export import csv_lines
from analysis.review import may_review, pending, pending_count
from analysis.theme_summary import build_summary
from analysis.timeline import weekly_respondents
from analysis.wordclouds import draw
from app import audit
from app.auth.session import COORDINATOR, STAFF, roles_required
from app.codebook import load_codebook
from app.coding_jobs import code_pending
from app.db import get_db, get_or_404
from app.gettext_domains import current_locale_code
from app.models import Answer
from app.staff import bp
from app.staff.selection import FILTER_DIMENSIONS, read_selection

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}
GROUPINGS = (
    "language",
    "community",
    "channel",
    "gender",
    "age_group",
    "time_in_canada",
    "immigration_category",
)


def _selection(args):
    """The filters asked for; without a survey, the first questionnaire (the consultation
    a coordinator reports on), not whichever survey id sorts first."""
    surveys = current_app.extensions["parlons.registry"].surveys
    ordered = sorted(
        surveys, key=lambda sid: (surveys[sid].definition.kind != "questionnaire", sid)
    )
    return read_selection(args, ordered)


def _summary(selection):
    return build_summary(
        get_db(),
        selection.flt,
        (selection.by,) if selection.by else (),
        current_app.config["DISCLOSURE_K"],
        locale=current_locale_code(),
        translations_dir=current_app.config["TRANSLATIONS_DIR"],
    )


def _data_uri(kind: str, data: bytes) -> str:
    return f"data:{kind};base64,{base64.b64encode(data).decode()}"


@bp.get("/<lang>/staff/dashboard")
@roles_required(*COORDINATOR)
def dashboard():
    selection = _selection(request.args)
    session, k = get_db(), current_app.config["DISCLOSURE_K"]
    code_pending(session)
    try:
        summary = _summary(selection)
    except UnknownGrouping:
        flash(_("This survey has no question to group by that; showing everything together."))
        selection = _selection({**request.args.to_dict(), "by": ""})
        summary = _summary(selection)
    charts = {
        table.name: _data_uri("image/svg+xml", svg.encode())
        for table in summary.tables
        if (svg := chart_svg(table, summary.words["suppressed"], summary.locale))
    }
    cache = Path(current_app.config["INSTANCE_DIR"]) / "wordclouds"
    clouds = []
    for language in text_languages(session, selection.flt)[:6]:
        cloud = draw(
            texts(session, selection.flt, language, selection.theme), language, k, cache_dir=cache
        )
        clouds.append((language, _data_uri("image/png", cloud.png) if not cloud.empty else None))
    return render_template(
        "staff/dashboard.html",
        selection=selection,
        surveys=current_app.extensions["parlons.registry"].surveys,
        summary=summary,
        charts=charts,
        weeks=weekly_respondents(session, selection.flt, k),
        sentiments=sentiment_by_language(session, selection.flt, k),
        clouds=clouds,
        themes=load_codebook(),
        groupings=GROUPINGS,
        dimension_questions=_dimension_questions(selection.survey_id),
        to_review=pending_count(session, selection.survey_id, facilitator_id=None),
        k=k,
        cell=summary_cell,
    )


def _dimension_questions(survey_id: str) -> list[tuple[str, dict]]:
    """The survey's questions a coordinator may filter by, with their dimension."""
    definition = current_app.extensions["parlons.registry"].surveys[survey_id].definition
    found = [(d, definition.question_with_dimension(d)) for d in FILTER_DIMENSIONS]
    return [(dimension, question) for dimension, question in found if question]


def summary_cell(value, summary) -> str:
    """A table cell as text in the page's language; hidden figures say so."""
    if value is SUPPRESSED:
        return summary.words["suppressed"]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value, summary.locale)
    return "" if value is None else str(value)


@bp.post("/<lang>/staff/dashboard/download")
@roles_required(*COORDINATOR)
def download():
    fmt = request.form.get("format", "")
    if fmt not in FORMATS:
        abort(400)
    selection = _selection(request.form)
    buffer = io.BytesIO()
    write_summary(_summary(selection), fmt, buffer)
    audit.record(
        get_db(),
        current_user.user,
        "export",
        selection.survey_id,
        kind="summary",
        format=fmt,
        **selection.as_args(),
    )
    name = f"{selection.survey_id}-summary.{fmt}"
    return Response(
        buffer.getvalue(),
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.post("/<lang>/staff/dashboard/responses.csv")
@roles_required(*COORDINATOR)
def download_responses():
    """Every answer as CSV, streamed; free text redacted unless raw text is asked for."""
    selection = _selection(request.form)
    raw = request.form.get("raw") == "yes"
    session = get_db()
    audit.record(
        session,
        current_user.user,
        "export_raw" if raw else "export",
        selection.survey_id,
        kind="responses",
        **selection.as_args(),
    )
    sessions = current_app.extensions["parlons.sessions"]

    def body():
        # Its own session, closed when the last line is sent: the request's session is
        # closed at teardown, before the body streams, and a query on it would leave a
        # transaction open on a connection nobody returns.
        with sessions() as streaming:
            yield "\ufeff"
            yield from csv_lines(streaming, selection.flt, raw=raw)

    name = f"{selection.survey_id}-responses{'-raw' if raw else ''}.csv"
    return Response(
        body(),
        mimetype=FORMATS["csv"],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _facilitator_id() -> int | None:
    """The signed-in facilitator, whose queue leaves out others' sessions and paper entries;
    None for a coordinator, who checks every answer."""
    return None if current_user.role == "coordinator" else current_user.id


@bp.get("/<lang>/staff/coding")
@roles_required(*STAFF)
def coding_queue():
    survey_id = request.args.get("survey") or None
    session = get_db()
    code_pending(session)
    return render_template(
        "staff/coding.html",
        items=pending(session, survey_id, facilitator_id=_facilitator_id()),
        remaining=pending_count(session, survey_id, facilitator_id=_facilitator_id()),
        themes=load_codebook(),
        survey_id=survey_id,
    )


@bp.post("/<lang>/staff/coding/<int:answer_id>")
@roles_required(*STAFF)
def correct_coding(answer_id):
    themes = request.form.getlist("themes")
    session = get_db()
    get_or_404(Answer, answer_id)
    if not may_review(session, answer_id, _facilitator_id()):
        abort(403)
    try:
        set_human_codes(session, answer_id, themes, current_user.email)
    except ValueError:
        abort(400)
    audit.record(session, current_user.user, "coding_correct", str(answer_id), themes=themes)
    flash(_("Thank you. The themes of this answer are saved."))
    return redirect(url_for("staff.coding_queue", survey=request.form.get("survey") or None))
