"""Staff sign-in, throttling, the first-coordinator link and the users command line."""

import logging
import re
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from app import create_app
from app.db import get_db
from app.models import AuditEvent, StaffUser
from tests.conftest import PASSWORDS, ROOT, csrf_token, sign_in

WRONG = "The e-mail address or the password is not correct."


def audit_actions(app):
    with app.app_context():
        return [e.action for e in get_db().scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_staff_sign_in_and_out(app, client, staff):
    home = sign_in(client, "Coord@LIP.example ", PASSWORDS["coordinator"])
    assert home.request.path == "/en/staff/"
    assert "You are signed in as coord@lip.example (coordinator)." in home.get_data(as_text=True)
    page = home.get_data(as_text=True)
    out = client.post(
        "/en/staff/sign-out", data={"csrf_token": csrf_token(page)}, follow_redirects=True
    )
    assert "You are signed out." in out.get_data(as_text=True)
    assert client.get("/en/staff/").status_code == 302
    assert audit_actions(app)[-2:] == ["sign_in", "sign_out"]


def sign_in_with_next(client, target):
    """Sign in from a link carrying ``next=target``; returns the redirect, not followed."""
    path = "/en/staff/sign-in?" + urlencode({"next": target})
    page = client.get(path).get_data(as_text=True)
    data = {"email": "coord@lip.example", "password": PASSWORDS["coordinator"]}
    return client.post(path, data={**data, "csrf_token": csrf_token(page)})


def test_sign_in_returns_to_the_staff_page_asked_for(client, staff):
    response = sign_in_with_next(client, "/fr/staff/coding?survey=needs-assessment")
    assert response.status_code == 302
    assert response.headers["Location"] == "/fr/staff/coding?survey=needs-assessment"


@pytest.mark.parametrize(
    "target",
    [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\r\n/evil.example",
        "\t//evil.example",
        " //evil.example",
        "//evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
    ],
)
def test_sign_in_never_sends_staff_to_another_site(client, staff, target):
    response = sign_in_with_next(client, target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/en/staff/"


def test_staff_stay_signed_in_when_their_address_changes(client, staff):
    sign_in(client, "fac@lip.example", PASSWORDS["facilitator"])
    on_mobile_data = client.get("/en/staff/", environ_base={"REMOTE_ADDR": "198.51.100.23"})
    assert on_mobile_data.status_code == 200
    assert "You are signed in as fac@lip.example" in on_mobile_data.get_data(as_text=True)


def test_wrong_password_and_unknown_account_get_the_same_answer(app, client, staff):
    wrong_password = sign_in(client, "coord@lip.example", "not-the-password")
    unknown = sign_in(client, "nobody@lip.example", "not-the-password")
    assert wrong_password.status_code == unknown.status_code == 401
    assert WRONG in wrong_password.get_data(as_text=True)
    assert WRONG in unknown.get_data(as_text=True)
    assert "nobody" not in unknown.get_data(as_text=True).split("<main")[1].split("value=")[0]
    assert audit_actions(app).count("sign_in_failed") == 2


def test_wrong_password_message_is_in_french_for_a_french_page(client, staff):
    response = sign_in(client, "coord@lip.example", "not-the-password", lang="fr")
    assert '<html lang="fr"' in response.get_data(as_text=True)
    assert WRONG not in response.get_data(as_text=True)


def test_deactivated_account_cannot_sign_in(app, client, staff):
    with app.app_context():
        get_db().get(StaffUser, staff["facilitator"][0]).active = False
        get_db().commit()
    assert sign_in(client, "fac@lip.example", PASSWORDS["facilitator"]).status_code == 401


def test_guessing_is_throttled_per_account(app_config, staff):
    app = create_app(
        {**app_config, "RATELIMIT_ENABLED": True, "SIGN_IN_LIMIT_PER_ACCOUNT": "3 per minute"}
    )
    client = app.test_client()
    codes = [sign_in(client, "coord@lip.example", f"guess-{n}").status_code for n in range(4)]
    assert codes == [401, 401, 401, 429]
    blocked = sign_in(client, "coord@lip.example", PASSWORDS["coordinator"])
    assert blocked.status_code == 429  # even the right password waits
    assert "Please wait a few minutes before you try again." in blocked.get_data(as_text=True)


def test_first_start_prints_a_one_time_link_for_the_first_coordinator(app_config, caplog):
    with caplog.at_level(logging.WARNING):
        app = create_app(app_config)
    token = re.search(r"/en/staff/setup/([\w-]+) on this server", caplog.text).group(1)
    client = app.test_client()
    form = client.get(f"/en/staff/setup/{token}")
    assert form.status_code == 200
    created = client.post(
        f"/en/staff/setup/{token}",
        data={
            "email": "first@lip.example",
            "password": "a long enough password",
            "confirm": "a long enough password",
            "csrf_token": csrf_token(form.get_data(as_text=True)),
        },
        follow_redirects=True,
    )
    assert created.request.path == "/en/staff/"
    with app.app_context():
        user = get_db().scalars(select(StaffUser)).one()
    assert (user.email, user.role) == ("first@lip.example", "coordinator")
    assert app.test_client().get(f"/en/staff/setup/{token}").status_code == 404


def test_no_setup_link_once_a_coordinator_exists(app_config, staff, caplog):
    with caplog.at_level(logging.WARNING):
        create_app(app_config)
    assert "/staff/setup/" not in caplog.text


def run_parlons(database_url, *args):
    env = {"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-c", "from app.cli import main; main()", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_users_create_and_reset_password_from_the_command_line(app, app_config):
    url = app_config["DATABASE_URL"]
    created = run_parlons(url, "users", "create", "New@LIP.example", "--role", "facilitator")
    assert created.returncode == 0, created.stderr
    password = re.search(r"password: (\S+)", created.stdout).group(1)
    assert sign_in(app.test_client(), "new@lip.example", password).request.path == "/en/staff/"

    reset = run_parlons(url, "users", "reset-password", "new@lip.example")
    new_password = re.search(r"new password for new@lip.example: (\S+)", reset.stdout).group(1)
    assert sign_in(app.test_client(), "new@lip.example", password).status_code == 401
    assert sign_in(app.test_client(), "new@lip.example", new_password).request.path == "/en/staff/"

    again = run_parlons(url, "users", "create", "new@lip.example", "--role", "coordinator")
    assert again.returncode == 1 and "already exists" in again.stderr
    unknown = run_parlons(url, "users", "reset-password", "ghost@lip.example")
    assert unknown.returncode == 1 and "no account for ghost@lip.example" in unknown.stderr
