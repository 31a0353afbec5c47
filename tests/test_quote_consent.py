"""Focus-group quotes leave the platform only from sessions where every participant agreed
to their words being recorded, and with the speaker description redacted like the quote:
in the summary downloads, on the command line and on the dashboard."""

import csv
import io

import pytest
from click.testing import CliRunner

from analysis.exports import write_summary
from analysis.filters import ResponseFilter
from analysis.theme_summary import build_summary
from app.cli import main
from tests.survey_responses import INTAKE, SurveyDatabase

AGREED = "We need evening classes near the bus"
REFUSED = "My landlord keeps our deposit and nobody helps"
REFUSED_NOTE = "A participant did not want to be quoted"
SPEAKER = "Fatima, 613-555-0100, woman 25-34"
SPEAKER_LEFT = "Fatima, [phone removed], woman 25-34"


def session(quote: str, speaker: str, consent: str, notes: str = "") -> dict:
    answers = {
        "session-date": "2025-03-01",
        "place": "Library",
        "community": "downtown",
        "session-languages": ["en"],
        "themes-discussed": ["housing"],
        "key-quotes": [{"text": quote, "language": "en", "speaker": speaker}],
        "consent-confirmed": consent,
    }
    return {**answers, "notes": notes} if notes else answers


def record_sessions(url: str) -> None:
    """One session where everyone agreed (its speaker wrote a phone number), one where not."""
    database = SurveyDatabase(url)
    for answers in (
        session(AGREED, SPEAKER, "yes"),
        session(REFUSED, "man, 35-44", "no", notes=REFUSED_NOTE),
    ):
        database.submit(answers, survey=INTAKE, channel="focus_group")
    database.close()


@pytest.fixture
def intake_db(database_url):
    record_sessions(database_url)
    database = SurveyDatabase(database_url)
    yield database
    database.close()


def quote_rows(data: bytes) -> list[list[str]]:
    lines = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return [line[2:] for line in lines if line[:2] == ["quotes", "row"]]


def test_summary_quotes_only_sessions_with_consent_and_redacts_the_speaker(intake_db):
    summary = build_summary(intake_db.session, ResponseFilter(INTAKE))
    stream = io.BytesIO()
    write_summary(summary, "csv", stream)
    rows = quote_rows(stream.getvalue())  # one row per theme the quote was coded to
    assert {(row[1], row[3]) for row in rows} == {(AGREED, SPEAKER_LEFT)}
    html = io.BytesIO()
    write_summary(summary, "html", html)
    page = html.getvalue().decode()
    assert AGREED in page and SPEAKER_LEFT in page
    assert REFUSED not in page and REFUSED_NOTE not in page and "613-555-0100" not in page


def test_command_line_summary_of_the_intake_leaves_out_sessions_without_consent(intake_db):
    result = CliRunner().invoke(
        main, ["export", "summary", "--survey", INTAKE], env={"DATABASE_URL": intake_db.url}
    )
    assert result.exit_code == 0, result.output
    rows = quote_rows(result.stdout_bytes)
    assert {(row[1], row[3]) for row in rows} == {(AGREED, SPEAKER_LEFT)}
    assert REFUSED.encode() not in result.stdout_bytes


def test_dashboard_shows_only_quotes_with_consent_and_no_speaker_phone(app, coordinator_client):
    record_sessions(app.config["DATABASE_URL"])
    page = coordinator_client.get(f"/en/staff/dashboard?survey={INTAKE}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert AGREED in html and SPEAKER_LEFT in html
    assert REFUSED not in html and "613-555-0100" not in html


def test_raw_exports_and_word_clouds_leave_out_words_said_without_consent(intake_db):
    from analysis.free_text import texts
    from analysis.raw_export import csv_lines

    everything = ResponseFilter(INTAKE)
    for raw in (False, True):
        exported = "".join(csv_lines(intake_db.session, everything, raw=raw))
        assert AGREED in exported
        assert REFUSED not in exported and REFUSED_NOTE not in exported
        assert exported.count(",focus_group,") >= 2  # both sessions' other answers are there
    cloud_text = " ".join(texts(intake_db.session, everything, "en"))
    assert "evening classes" in cloud_text and "deposit" not in cloud_text
