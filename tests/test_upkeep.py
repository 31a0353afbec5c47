"""What must happen without anyone doing it: catalogs compiled at start, expired drafts
deleted at start and while the app runs."""

import logging
import os
import shutil
import subprocess
import sys
import time

import pytest
from babel.messages.pofile import read_po, write_po
from sqlalchemy import select, update

from app import coding_jobs, create_app
from app.catalogs import catalog_files, compile_catalog
from app.db import get_db
from app.drafts import create_draft
from app.models import Draft, SurveyVersion, utcnow
from tests.conftest import ROOT, Respondent
from tests.sample_answers import answer_all

ARABIC_START = "/ar/s/needs-assessment/"


@pytest.fixture
def translations(tmp_path):
    """A copy of translations/ with the .po files only, as a fresh git checkout has it."""
    folder = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", folder, ignore=shutil.ignore_patterns("*.mo"))
    return folder


@pytest.fixture
def sqlite_config(surveys_dir, tmp_path, translations):
    return {
        "TESTING": True,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'parlons.db'}",
        "SURVEYS_DIR": str(surveys_dir),
        "INSTANCE_DIR": str(tmp_path),
        "RATELIMIT_ENABLED": False,
        "TRANSLATIONS_DIR": str(translations),
    }


def translation(translations, locale: str, domain: str, msgid: str) -> str:
    with open(translations / locale / "LC_MESSAGES" / f"{domain}.po", "rb") as source:
        return read_po(source, locale=locale)[msgid].string


def page(config, path: str) -> str:
    app = create_app(config)
    try:
        response = app.test_client().get(path)
        assert response.status_code == 200
        return response.get_data(as_text=True)
    finally:
        app.extensions["parlons.engine"].dispose()


def test_a_checkout_without_compiled_catalogs_shows_arabic_pages_in_arabic(
    sqlite_config, translations
):
    html = page(sqlite_config, ARABIC_START)
    assert '<html lang="ar" dir="rtl">' in html
    assert translation(translations, "ar", "surveys", "Newcomer needs assessment") in html
    assert translation(translations, "ar", "messages", "Before you start") in html
    assert "Before you start" not in html


def test_a_catalog_edited_after_compiling_is_compiled_again_at_start(sqlite_config, translations):
    for po in catalog_files(translations):
        compile_catalog(po)
    po = translations / "ar" / "LC_MESSAGES" / "messages.po"
    with open(po, "rb") as source:
        catalog = read_po(source, locale="ar")
    catalog["Before you start"].string = "قبل أن تبدأ"
    with open(po, "wb") as out:
        write_po(out, catalog, width=100)
    later = po.with_suffix(".mo").stat().st_mtime + 5
    os.utime(po, (later, later))

    html = page(sqlite_config, ARABIC_START)
    assert "قبل أن تبدأ" in html
    assert "قبل البدء" not in html


def test_up_to_date_catalogs_are_left_as_they_are(sqlite_config, translations, caplog):
    for po in catalog_files(translations):
        compile_catalog(po)
    written = {mo: mo.stat().st_mtime_ns for mo in translations.glob("*/LC_MESSAGES/*.mo")}
    with caplog.at_level(logging.INFO):
        page(sqlite_config, ARABIC_START)
    assert {mo: mo.stat().st_mtime_ns for mo in written} == written
    assert "compiled translation catalog" not in caplog.text


def test_a_catalog_that_cannot_be_written_is_reported_with_the_command_to_run(
    sqlite_config, translations, caplog
):
    blocked = translations / "ar" / "LC_MESSAGES" / "messages.mo"
    blocked.mkdir()  # not writable as a file, even for root
    os.utime(blocked, (0, 0))
    with caplog.at_level(logging.INFO):
        html = page(sqlite_config, "/fr/")
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert str(blocked) in errors[0] and "parlons translations compile" in errors[0]
    assert translation(translations, "fr", "surveys", "Newcomer needs assessment") in html
    assert (translations / "fr" / "LC_MESSAGES" / "messages.mo").is_file()
    assert not list(translations.glob("*/LC_MESSAGES/.*.tmp"))


def add_draft(app, expiry_days: int) -> str:
    """A draft of the sample survey expiring ``expiry_days`` from now; its resume code."""
    with app.app_context():
        session = get_db()
        version = session.scalars(
            select(SurveyVersion).where(SurveyVersion.survey_id == "needs-assessment")
        ).one()
        return create_draft(session, version, "en", expiry_days).resume_code


def resume_codes(app) -> set[str]:
    with app.app_context():
        return set(get_db().scalars(select(Draft.resume_code)))


def test_expired_drafts_are_deleted_when_the_app_starts(app, app_config):
    expired, live = add_draft(app, expiry_days=-1), add_draft(app, expiry_days=30)
    sent = Respondent(app.test_client())
    sent.start()
    answer_all(sent)  # a sent draft still holds a copy of the answers
    with app.app_context():
        session = get_db()
        session.execute(
            update(Draft).where(Draft.response_id.is_not(None)).values(expires_at=utcnow())
        )
        session.commit()
    restarted = create_app(app_config)
    restarted.extensions["parlons.engine"].dispose()
    assert expired not in resume_codes(app)
    assert resume_codes(app) == {live}


def test_expired_drafts_are_deleted_while_the_app_runs(app, monkeypatch):
    monkeypatch.setattr(coding_jobs, "QUIET_S", 0.2)
    monkeypatch.setattr(coding_jobs, "PURGE_EVERY_S", 0.0)
    expired, live = add_draft(app, expiry_days=-1), add_draft(app, expiry_days=30)
    respondent = Respondent(app.test_client())
    respondent.start()
    answer_all(respondent)  # wakes the background worker, which then purges
    deadline = time.monotonic() + 20
    while expired in resume_codes(app) and time.monotonic() < deadline:
        time.sleep(0.1)
    remaining = resume_codes(app)
    assert expired not in remaining
    assert live in remaining


def test_drafts_purge_command_prints_how_many_it_deleted(app, database_url):
    add_draft(app, expiry_days=-1)
    add_draft(app, expiry_days=-1)
    live = add_draft(app, expiry_days=30)
    result = subprocess.run(
        [sys.executable, "-c", "from app.cli import main; main()", "drafts", "purge"],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": database_url},
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2 expired drafts deleted"
    assert resume_codes(app) == {live}
