"""Security, checked over every route: roles, CSRF, headers, hostile input, request size."""

import re

import pytest
from sqlalchemy import select

from app.db import get_db
from app.models import Answer
from tests.conftest import PASSWORDS, Respondent, csrf_token, sign_in
from tests.sample_answers import FULL_ANSWERS, PAGES

SAMPLE_VALUES = {
    "lang": "en",
    "survey_id": "needs-assessment",
    "page_id": "about-you",
    "draft_id": 1,
    "response_id": 1,
    "user_id": 1,
    "token": "x",
    "answer_id": 1,
}
HOSTILE = [
    '<script>alert("x")</script>',
    '<img src=x onerror="alert(1)">',
    "\u202eevil\u202c reversed \u2066isolated\u2069",
    "x" * 4990,
]


def staff_rules(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("staff.")]


def url_for_rule(rule):
    """The rule's path with a sample value in each variable part."""
    return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(SAMPLE_VALUES[m.group(1)]), rule.rule)


def test_every_staff_route_declares_its_roles(app):
    undeclared = [
        r.endpoint
        for r in staff_rules(app)
        if not getattr(app.view_functions[r.endpoint], "required_roles", None)
    ]
    assert staff_rules(app) and undeclared == []


def test_every_staff_route_sends_anonymous_visitors_to_sign_in(app, client):
    for rule in staff_rules(app):
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            # CSRF is checked before the view: send a valid token so the role check answers.
            data = {}
            if method == "POST":
                data = {
                    "csrf_token": csrf_token(client.get("/en/staff/sign-in").get_data(as_text=True))
                }
            response = client.open(url_for_rule(rule), method=method, data=data)
            assert response.status_code == 302, (rule.rule, method, response.status_code)
            assert "/en/staff/sign-in" in response.headers["Location"], rule.rule


def test_every_coordinator_route_refuses_a_facilitator(app, facilitator_client):
    token = csrf_token(facilitator_client.get("/en/staff/").get_data(as_text=True))
    checked = 0
    for rule in staff_rules(app):
        if "facilitator" in app.view_functions[rule.endpoint].required_roles:
            continue
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = facilitator_client.open(
                url_for_rule(rule), method=method, data={"csrf_token": token}
            )
            assert response.status_code == 403, (rule.rule, method)
            checked += 1
    assert checked >= 5


def test_every_state_changing_route_needs_post_with_a_valid_csrf_token(app, coordinator_client):
    posting = [r for r in app.url_map.iter_rules() if "POST" in r.methods]
    assert len(posting) >= 10
    for rule in posting:
        missing = coordinator_client.post(url_for_rule(rule), data={})
        forged = coordinator_client.post(url_for_rule(rule), data={"csrf_token": "forged"})
        assert missing.status_code == 400 and forged.status_code == 400, rule.rule
        assert "This form has expired" in missing.get_data(as_text=True)


def test_post_only_routes_do_not_change_anything_on_get(app, coordinator_client):
    for rule in app.url_map.iter_rules():
        if rule.methods & {"GET"} or rule.endpoint == "static":
            continue
        assert coordinator_client.get(url_for_rule(rule)).status_code == 405, rule.rule


@pytest.mark.parametrize(
    "path",
    ["/en/", "/en/s/needs-assessment/", "/en/staff/sign-in", "/en/nowhere", "/static/parlons.css"],
)
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script(client):
    page = Respondent(client)
    page.start()
    assert (
        "<script>" not in page.html and " onload=" not in page.html and " onclick=" not in page.html
    )


def test_hostile_text_is_stored_intact_and_shown_inert_to_staff(app, staff):
    respondent = Respondent(app.test_client())
    respondent.start()
    hostile = {**FULL_ANSWERS}
    hostile["arrival"] = {**FULL_ANSWERS["arrival"], "hardest-at-arrival": "\n".join(HOSTILE[:3])}
    hostile["priorities"] = {**FULL_ANSWERS["priorities"], "more-welcoming": HOSTILE[3]}
    for page_id in PAGES:
        respondent.answer(hostile[page_id], "submit" if page_id == PAGES[-1] else "next")
    with app.app_context():
        stored = {
            a.question_id: a
            for a in get_db().scalars(select(Answer).where(Answer.value_text.is_not(None)))
        }
        response_id = stored["hardest-at-arrival"].response_id
    assert stored["hardest-at-arrival"].value_text == "\n".join(HOSTILE[:3])
    assert stored["more-welcoming"].value_text == HOSTILE[3]

    coordinator = app.test_client()
    sign_in(coordinator, staff["coordinator"][1], PASSWORDS["coordinator"])
    page = coordinator.get(f"/en/staff/responses/{response_id}").get_data(as_text=True)
    assert '<script>alert("x")</script>' not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in page
    assert '<bdi class="free-text">' in page  # bidi overrides stay inside their own isolate
    assert HOSTILE[3] in page


def test_ten_thousand_characters_get_a_clear_message_and_nothing_is_lost(respondent):
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    response = respondent.answer({**FULL_ANSWERS["arrival"], "hardest-at-arrival": "y" * 10_000})
    assert response.status_code == 422
    assert "Please keep this under 5,000 characters." in respondent.html
    assert 'value="rent-apartment" checked' in respondent.html


def test_invalid_utf8_in_form_data_is_not_an_error_page(app, respondent):
    respondent.start()
    token = csrf_token(respondent.html)
    body = (
        b"csrf_token="
        + token.encode()
        + b"&community=downtown&community--other=%FF%FEabc&action=next"
    )
    response = respondent.client.post(
        respondent.path, data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (302, 422)


def test_oversized_request_gets_a_friendly_413(client):
    response = client.post("/en/resume", data={"code": "x" * (600 * 1024)})
    assert response.status_code == 413
    assert "What you sent is too large." in response.get_data(as_text=True)
