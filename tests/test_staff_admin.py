"""Coordinators manage surveys and accounts; everything they change is in the audit log."""

import json
import re

from sqlalchemy import select

from app import create_app
from app.db import get_db
from app.models import AuditEvent
from tests.conftest import PASSWORDS, Respondent, csrf_token, sign_in
from tests.sample_answers import answer_all


def post_form(client, page_path, action_path, data):
    token = csrf_token(client.get(page_path).get_data(as_text=True))
    return client.post(action_path, data={**data, "csrf_token": token}, follow_redirects=True)


def test_survey_list_shows_versions_status_and_responses_by_language(app, coordinator_client):
    for lang in ("en", "fr", "fr"):
        respondent = Respondent(app.test_client(), lang=lang)
        respondent.start()
        answer_all(respondent)
    page = coordinator_client.get("/en/staff/surveys").get_data(as_text=True)
    row = page.split("<code>needs-assessment</code>")[1].split("</tr>")[0]
    assert "<td>1</td>" in row and "open" in row
    assert "English: 1" in row and "Français: 2" in row


def test_closing_a_survey_stops_new_answers_and_is_audited(app, coordinator_client):
    closed = post_form(
        coordinator_client,
        "/en/staff/surveys",
        "/en/staff/surveys/needs-assessment/status",
        {"status": "closed"},
    )
    assert "The survey is now closed." in closed.get_data(as_text=True)
    public = app.test_client()
    assert public.get("/en/s/needs-assessment/").status_code == 410
    assert "Newcomer needs assessment" not in public.get("/en/").get_data(as_text=True)
    post_form(
        coordinator_client,
        "/en/staff/surveys",
        "/en/staff/surveys/needs-assessment/status",
        {"status": "open"},
    )
    assert public.get("/en/s/needs-assessment/").status_code == 200
    with app.app_context():
        events = [
            (e.action, e.target, e.actor_email)
            for e in get_db().scalars(select(AuditEvent).where(AuditEvent.action.like("survey_%")))
        ]
    assert events == [
        ("survey_closed", "needs-assessment", "coord@lip.example"),
        ("survey_open", "needs-assessment", "coord@lip.example"),
    ]


def test_differences_between_versions_are_shown(app, app_config, surveys_dir, coordinator_client):
    path = surveys_dir / "needs-assessment.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pages"][0]["questions"][1]["text"] = "What is your age group?"
    path.write_text(json.dumps(data), encoding="utf-8")
    create_app(app_config)
    page = coordinator_client.get("/en/staff/surveys/needs-assessment?old=1&new=2").get_data(
        as_text=True
    )
    assert '<span class="removed">-' in page and "How old are you?" in page
    assert '<span class="added">+' in page and "What is your age group?" in page


def test_coordinator_creates_an_account_that_can_sign_in_then_deactivates_it(
    app, coordinator_client
):
    created = post_form(
        coordinator_client,
        "/en/staff/users",
        "/en/staff/users",
        {"email": "new@lip.example", "role": "facilitator"},
    )
    page = created.get_data(as_text=True)
    password = re.search(r'<p class="big-code" dir="ltr">([^<]+)</p>', page).group(1)
    assert sign_in(app.test_client(), "new@lip.example", password).request.path == "/en/staff/"

    with app.app_context():
        user_id = get_db().scalar(
            select(AuditEvent.target).where(AuditEvent.action == "user_create")
        )
    assert user_id == "new@lip.example"
    listing = coordinator_client.get("/en/staff/users").get_data(as_text=True)
    new_id = re.search(
        r'action="/en/staff/users/(\d+)"[^>]*>\s*<input[^>]*>\s*'
        r'<button type="submit" name="change" value="deactivate"',
        listing.split("new@lip.example")[1],
    ).group(1)
    post_form(
        coordinator_client, "/en/staff/users", f"/en/staff/users/{new_id}", {"change": "deactivate"}
    )
    assert sign_in(app.test_client(), "new@lip.example", password).status_code == 401
    post_form(
        coordinator_client,
        "/en/staff/users",
        f"/en/staff/users/{new_id}",
        {"change": "coordinator"},
    )
    assert (
        "coordinator"
        in coordinator_client.get("/en/staff/users")
        .get_data(as_text=True)
        .split("new@lip.example")[1]
        .split("</tr>")[0]
    )


def test_duplicate_account_is_refused_next_to_the_field(coordinator_client):
    page = post_form(
        coordinator_client,
        "/en/staff/users",
        "/en/staff/users",
        {"email": "fac@lip.example", "role": "facilitator"},
    )
    assert "An account with this e-mail address already exists." in page.get_data(as_text=True)


def test_audit_log_is_filterable_by_who_and_what(app, coordinator_client, staff):
    sign_in(app.test_client(), "fac@lip.example", "wrong password here")
    everything = coordinator_client.get("/en/staff/audit").get_data(as_text=True)
    assert "failed sign-in" in everything and "signed in" in everything
    failed = coordinator_client.get("/en/staff/audit?action=sign_in_failed").get_data(as_text=True)
    rows = failed.split("<tbody>")[1]
    assert "fac@lip.example" in rows and "coord@lip.example" not in rows
    by_who = (
        coordinator_client.get("/en/staff/audit?who=coord")
        .get_data(as_text=True)
        .split("<tbody>")[1]
    )
    assert "fac@lip.example" not in by_who and "coord@lip.example" in by_who
    assert "Nothing found." in coordinator_client.get("/en/staff/audit?from=2999-01-01").get_data(
        as_text=True
    )


def test_facilitator_cannot_open_coordinator_pages(facilitator_client):
    assert facilitator_client.get("/en/staff/users").status_code == 403
    assert "Your account cannot open this page." in facilitator_client.get(
        "/en/staff/audit"
    ).get_data(as_text=True)


def test_a_survey_file_that_cannot_be_loaded_is_shown_to_coordinators(
    app_config, surveys_dir, staff
):
    (surveys_dir / "broken.json").write_text('{"id": "broken"', encoding="utf-8")
    restarted = create_app(app_config)
    client = restarted.test_client()
    sign_in(client, staff["coordinator"][1], PASSWORDS["coordinator"])
    page = client.get("/en/staff/surveys").get_data(as_text=True)
    restarted.extensions["parlons.engine"].dispose()
    assert f"<code>{surveys_dir / 'broken.json'}: $: invalid JSON" in page
    assert "<code>needs-assessment</code>" in page  # the others still listed


def test_an_unknown_survey_account_or_response_is_a_not_found_page(coordinator_client):
    assert coordinator_client.get("/en/staff/surveys/no-such-survey").status_code == 404
    assert coordinator_client.get("/en/staff/responses/999999").status_code == 404
    changed = post_form(
        coordinator_client, "/en/staff/users", "/en/staff/users/999999", {"change": "deactivate"}
    )
    assert changed.status_code == 404
