"""Shared fixtures: apps on a real SQLite file or the local PostgreSQL, and a respondent.

Tests that need PostgreSQL or Chromium skip with a reason on a machine without
them; under CI=true a missing component fails instead.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from app import create_app

ROOT = Path(__file__).resolve().parent.parent


def catalog(domain: str, locale: str):
    """gettext of the compiled ``domain`` catalog of ``locale``: the words a user sees."""
    from babel.support import Translations

    return Translations.load(str(ROOT / "translations"), [locale], domain).gettext


POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() == "true"


def missing_component(reason: str):
    """Skip on a developer machine; fail under CI, where nothing may be skipped."""
    if IN_CI:
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_admin_url():
    try:
        engine = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # noqa: BLE001 - any connection failure means "not here"
        missing_component(f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}")
    return engine


@pytest.fixture(scope="session")
def postgres_url(postgres_admin_url):
    """A database of this test process's own, created for the session and dropped after,
    so parallel workers and parallel test runs never share rows."""
    name = f"parlons_test_{os.getpid()}"
    with postgres_admin_url.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
    with postgres_admin_url.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        tables = connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ).scalars()
        names = [f'"{t}"' for t in tables if t != "alembic_version"]
        if names:
            # A connection an earlier test left inside a transaction would make TRUNCATE
            # wait for ever: fail with PostgreSQL's lock timeout error instead of hanging.
            connection.execute(text("SET LOCAL lock_timeout = '30s'"))
            connection.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Each test that asks for it runs twice: on a SQLite file and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'parlons.db'}"
    url = request.getfixturevalue("postgres_url")
    _empty_postgres(url)
    return url


@pytest.fixture
def surveys_dir(tmp_path):
    """A copy of surveys/ that a test may change without touching the real one."""
    folder = tmp_path / "surveys"
    shutil.copytree(ROOT / "surveys", folder)
    return folder


@pytest.fixture
def app_config(database_url, surveys_dir, tmp_path):
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "SURVEYS_DIR": str(surveys_dir),
        "INSTANCE_DIR": str(tmp_path),
        "RATELIMIT_ENABLED": False,
    }


@pytest.fixture
def app(app_config):
    application = create_app(app_config)
    yield application
    application.extensions["parlons.engine"].dispose()


@pytest.fixture
def client(app):
    return app.test_client()


CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = CSRF.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


class Respondent:
    """Drives the public pages through the test client the way a browser would:
    follows redirects, and posts each form back with the CSRF token it carried."""

    def __init__(self, client, lang="en", survey="needs-assessment"):
        self.client, self.lang, self.survey = client, lang, survey
        self.html = ""
        self.path = ""

    def _keep(self, response):
        self.html = response.get_data(as_text=True)
        self.path = response.request.path
        return response

    def get(self, path):
        return self._keep(self.client.get(path, follow_redirects=True))

    def post(self, path, data):
        data = {**data, "csrf_token": csrf_token(self.html)}
        return self._keep(self.client.post(path, data=data, follow_redirects=True))

    def start(self):
        self.get(f"/{self.lang}/s/{self.survey}/")
        return self.post(self.path, {"consent": "yes"})

    def answer(self, data, action="next"):
        """Send the page on screen with ``data`` and press ``action``."""
        return self.post(self.path, {**data, "action": action})


@pytest.fixture
def respondent(client):
    return Respondent(client)


CHROMIUM = os.environ.get("PARLONS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium (Debian's package), driven by Playwright."""
    if not Path(CHROMIUM).exists():
        missing_component(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """Parlons under gunicorn on 127.0.0.1 with its own SQLite file; yields (url, db url)."""
    from tests.server import running_server

    folder = tmp_path_factory.mktemp("live")
    url = f"sqlite:///{folder / 'live.db'}"
    env = {"DATABASE_URL": url, "PARLONS_INSTANCE": str(folder)}
    with running_server(env, workers=1, threads=4) as base:
        yield base, url


PASSWORDS = {"coordinator": "coordinator-pass-1234", "facilitator": "facilitator-pass-1234"}


@pytest.fixture
def staff(app):
    """A coordinator and two facilitators, created through the accounts module."""
    from app.accounts import create_user
    from app.db import get_db

    with app.app_context():
        session = get_db()
        people = {
            "coordinator": create_user(
                session, "coord@lip.example", "coordinator", PASSWORDS["coordinator"]
            ),
            "facilitator": create_user(
                session, "fac@lip.example", "facilitator", PASSWORDS["facilitator"]
            ),
            "other_facilitator": create_user(
                session, "fac2@lip.example", "facilitator", PASSWORDS["facilitator"]
            ),
        }
        return {name: (user.id, user.email) for name, user in people.items()}


def sign_in(client, email, password, lang="en"):
    """Sign in through the real form (CSRF token included); returns the final response."""
    page = client.get(f"/{lang}/staff/sign-in").get_data(as_text=True)
    return client.post(
        f"/{lang}/staff/sign-in",
        data={"email": email, "password": password, "csrf_token": csrf_token(page)},
        follow_redirects=True,
    )


@pytest.fixture
def coordinator_client(app, staff):
    client = app.test_client()
    sign_in(client, staff["coordinator"][1], PASSWORDS["coordinator"])
    return client


@pytest.fixture
def facilitator_client(app, staff):
    client = app.test_client()
    sign_in(client, staff["facilitator"][1], PASSWORDS["facilitator"])
    return client
