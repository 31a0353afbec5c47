"""The coordinator's dashboard, its downloads, and the coding review queue."""

import re

import openpyxl
from markupsafe import escape
from sqlalchemy import select, text, update

from analysis.theme_summary import build_summary
from app.db import get_db
from app.models import Answer, AnswerTheme, AuditEvent, Response
from app.staff.selection import read_selection
from tests.conftest import catalog, csrf_token
from tests.survey_responses import INTAKE, SurveyDatabase, needs_answers

COMMENTS = [
    "The rent is too expensive and the landlord wants credit history",
    "No family doctor, I wait at the walk-in clinic for hours",
    "Rent is expensive, I share a basement with two families",
    "I need a job but employers want Canadian experience, rent is high",
    "The bus to the LINC class takes one hour, rent also expensive",
    "Expensive rent, my email is amal@example.com call 416-555-0199",
]


def fill(app, extra_community=None):
    database = SurveyDatabase(app.config["DATABASE_URL"])
    for comment in COMMENTS:
        database.submit(needs_answers(**{"hardest-at-arrival": comment}), locale="en")
    if extra_community:
        database.submit(needs_answers(extra_community), locale="ar")
    database.close()


def test_dashboard_shows_counts_themes_clouds_and_suppresses_small_groups(app, coordinator_client):
    fill(app, extra_community="rural")
    page = coordinator_client.get("/en/staff/dashboard?survey=needs-assessment&by=community")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Responses per week" in html
    assert 'class="wordcloud" src="data:image/png;base64,' in html
    assert 'class="chart" src="data:image/svg+xml;base64,' in html
    assert '<td dir="auto" class="suppressed">suppressed</td>' in html  # the one rural respondent
    assert (
        "not available: Parlons has no sentiment model for this language" in html
        or "on a scale" in html
    )
    assert "amal@example.com" not in html


def test_dashboard_opens_on_the_questionnaire_not_the_focus_group_record(app, coordinator_client):
    fill(app)
    html = coordinator_client.get("/en/staff/dashboard").get_data(as_text=True)
    assert re.search(r'<option value="needs-assessment" selected>', html)
    assert "No responses yet for this selection." not in html


def transactions_left_open(app) -> int:
    """Other connections idle inside a transaction (PostgreSQL tells; SQLite has no such view)."""
    with app.app_context():
        session = get_db()
        if session.bind.dialect.name != "postgresql":
            return 0
        return session.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state LIKE 'idle in transaction%' AND pid <> pg_backend_pid()"
            )
        )


def test_download_formats_are_audited_and_hide_small_cells(app, coordinator_client):
    fill(app, extra_community="rural")
    page = coordinator_client.get("/en/staff/dashboard?survey=needs-assessment").get_data(
        as_text=True
    )
    token = csrf_token(page)
    form = {"csrf_token": token, "survey": "needs-assessment", "by": "community"}
    xlsx = coordinator_client.post("/en/staff/dashboard/download", data={**form, "format": "xlsx"})
    assert xlsx.status_code == 200
    assert "attachment" in xlsx.headers["Content-Disposition"]
    import io

    book = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    assert len(book.sheetnames) > 3
    csv = coordinator_client.post("/en/staff/dashboard/download", data={**form, "format": "csv"})
    assert csv.data.startswith("\ufeff".encode())
    # Close each streamed body, as a WSGI server does.
    with coordinator_client.post("/en/staff/dashboard/responses.csv", data={**form}) as raw:
        redacted = raw.get_data(as_text=True)
    assert "amal@example.com" not in redacted and "[email removed]" in redacted
    with coordinator_client.post(
        "/en/staff/dashboard/responses.csv", data={**form, "raw": "yes"}
    ) as raw:
        raw_text = raw.get_data(as_text=True)
    assert "amal@example.com" in raw_text
    assert transactions_left_open(app) == 0  # the streamed export returned its connection
    with app.app_context():
        actions = [
            e.action
            for e in get_db().scalars(select(AuditEvent).where(AuditEvent.action.like("export%")))
        ]
    assert actions == ["export", "export", "export", "export_raw"]


def test_facilitator_confirms_and_corrects_suggested_themes(app, facilitator_client):
    fill(app)
    queue = facilitator_client.get("/en/staff/coding").get_data(as_text=True)
    assert "6 comments to check." in queue
    answer_id = int(re.search(r'action="/en/staff/coding/(\d+)"', queue).group(1))
    saved = facilitator_client.post(
        f"/en/staff/coding/{answer_id}",
        data={"csrf_token": csrf_token(queue), "themes": ["housing", "health"]},
        follow_redirects=True,
    )
    assert "5 comments to check." in saved.get_data(as_text=True)
    with app.app_context():
        rows = get_db().scalars(
            select(AnswerTheme).where(
                AnswerTheme.answer_id == answer_id, AnswerTheme.source == "human"
            )
        )
        assert sorted(r.theme for r in rows) == ["health", "housing"]


WEB_COMMENT = "Anyone could read this: the rent is too expensive"
ENTERED = {  # each facilitator's paper comment, then focus-group place and quote (all coded)
    "facilitator": ("Paper form Amal typed: no doctor", "Room A", "Amal's group: no jobs"),
    "other_facilitator": ("Paper form Tesfay typed: no bus", "Room T", "Tesfay's group: no rooms"),
}


def focus_group(place: str, quote: str) -> dict:
    return {
        "session-date": "2026-03-02",
        "place": place,
        "community": "downtown",
        "session-languages": ["en"],
        "themes-discussed": ["housing"],
        "key-quotes": [{"text": quote, "language": "en", "speaker": "woman, 25-34"}],
        "consent-confirmed": "yes",
    }


def fill_entries(app, staff):
    """A respondent's web comment; a paper form and a focus group typed in by each facilitator."""
    database = SurveyDatabase(app.config["DATABASE_URL"])
    database.submit(needs_answers(**{"hardest-at-arrival": WEB_COMMENT}))
    for who, (comment, place, quote) in ENTERED.items():
        paper = database.submit(needs_answers(**{"hardest-at-arrival": comment}), channel="paper")
        group = database.submit(focus_group(place, quote), survey=INTAKE, channel="focus_group")
        database.session.execute(
            update(Response)
            .where(Response.id.in_([paper.id, group.id]))
            .values(entered_by_id=staff[who][0])
        )
    database.session.commit()
    database.close()


def test_facilitator_checks_public_comments_and_their_own_entries_only(
    app, staff, facilitator_client, coordinator_client
):
    fill_entries(app, staff)
    mine = facilitator_client.get("/en/staff/coding").get_data(as_text=True)
    everything = coordinator_client.get("/en/staff/coding").get_data(as_text=True)
    for comment in (WEB_COMMENT, *ENTERED["facilitator"]):
        shown = f"<bdi>{escape(comment)}</bdi>"
        assert shown in mine and shown in everything
    for comment in ENTERED["other_facilitator"]:
        assert escape(comment) not in mine and f"<bdi>{escape(comment)}</bdi>" in everything
    assert "4 comments to check." in mine
    assert "7 comments to check." in everything


def test_facilitator_cannot_save_themes_for_another_facilitators_entry(
    app, staff, facilitator_client, coordinator_client
):
    fill_entries(app, staff)
    with app.app_context():
        theirs = get_db().scalar(
            select(Answer.id).where(Answer.value_text == ENTERED["other_facilitator"][1])
        )
    token = csrf_token(facilitator_client.get("/en/staff/coding").get_data(as_text=True))
    form = {"csrf_token": token, "themes": ["housing"]}
    assert facilitator_client.post(f"/en/staff/coding/{theirs}", data=form).status_code == 403
    assert facilitator_client.post("/en/staff/coding/999999", data=form).status_code == 404
    with app.app_context():
        assert (
            get_db().scalars(select(AnswerTheme).where(AnswerTheme.source == "human")).all() == []
        )
    token = csrf_token(coordinator_client.get("/en/staff/coding").get_data(as_text=True))
    saved = coordinator_client.post(
        f"/en/staff/coding/{theirs}", data={"csrf_token": token, "themes": ["housing"]}
    )
    assert saved.status_code == 302


def test_each_comment_to_check_names_its_survey_question_and_language_in_french(
    app, facilitator_client
):
    database = SurveyDatabase(app.config["DATABASE_URL"])
    database.submit(needs_answers(**{"hardest-at-arrival": "Le loyer est trop cher"}), locale="fr")
    database.close()
    surveys = catalog("surveys", "fr")
    queue = facilitator_client.get("/fr/staff/coding").get_data(as_text=True)
    context = re.search(r'<dl class="context">(.*?)</dl>', queue, re.S).group(1)
    assert escape(surveys("Newcomer needs assessment")) in context
    assert escape(surveys("What was hardest when you arrived?")) in context
    assert '<dd lang="fr" dir="ltr">Français</dd>' in context


def test_facilitator_cannot_open_the_dashboard(facilitator_client):
    assert facilitator_client.get("/en/staff/dashboard").status_code == 403


def test_dashboard_narrows_to_one_answer_of_a_dimension_and_keeps_it_for_downloads(
    app, coordinator_client
):
    database = SurveyDatabase(app.config["DATABASE_URL"])
    for n in range(12):
        database.submit(needs_answers(gender="woman" if n < 7 else "man"), locale="en")
    database.close()
    women = coordinator_client.get("/en/staff/dashboard?survey=needs-assessment&dim.gender=woman")
    html = women.get_data(as_text=True)
    assert '<option value="woman" selected>' in html
    assert '<input type="hidden" name="dim.gender" value="woman">' in html  # downloads too
    with app.app_context():
        args = {"survey": "needs-assessment", "dim.gender": "woman"}
        summary = build_summary(get_db(), read_selection(args, ["needs-assessment"]).flt)
    respondents = next(t for t in summary.tables if t.name.startswith("respondents"))
    assert respondents.rows[-1][1] == 7  # the seven women, not all twelve
