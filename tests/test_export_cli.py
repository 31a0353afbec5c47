"""``parlons export summary | compare | responses`` on a real database, and the audit trail."""

import csv
import io
from datetime import datetime

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from app import audit
from app.cli import main
from tests.survey_responses import SurveyDatabase, needs_answers

EMAIL = "nadia.k@example.ca"


@pytest.fixture
def survey_db(database_url):
    database = SurveyDatabase(database_url)
    for n, community in enumerate(["downtown"] * 6 + ["north-end"] * 5 + ["rural"] * 3):
        comment = f"Write to {EMAIL}" if n == 0 else None
        when = datetime(2024, 6, 1) if n % 2 else datetime(2025, 6, 1)
        database.submit(
            needs_answers(community, **{"more-welcoming": comment}),
            locale="ar" if n % 3 else "fr",
            submitted_at=when,
        )
    yield database
    database.close()


def parlons(survey_db, *args, **env):
    env = {"DATABASE_URL": survey_db.url, **env}
    return CliRunner().invoke(main, ["export", *args], env=env)


def lines(output: bytes) -> list[list[str]]:
    assert output.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(output.decode("utf-8-sig"))))


def test_summary_as_csv_on_standard_output_is_suppressed_and_audited(survey_db):
    result = parlons(survey_db, "summary", "--survey", "needs-assessment", "--by", "language")
    assert result.exit_code == 0, result.output
    rows = lines(result.stdout_bytes)
    communities = {r[2]: r[3] for r in rows if r[:2] == ["respondents_by_community", "row"]}
    assert communities == {
        "Downtown": "6",
        "North End": "suppressed",  # else 14 - 6 - 5 would give rural away
        "A rural area or small town": "suppressed",
        "All respondents": "14",
    }
    assert any(r[0] == "themes_by_language" for r in rows)
    survey_db.session.expire_all()
    event = audit.search(survey_db.session, action="export")[0]
    assert event.target == "needs-assessment"
    assert event.detail["format"] == "csv" and event.detail["via"] == "command line"


def test_summary_uses_the_configured_k_like_the_dashboard(survey_db):
    result = parlons(survey_db, "summary", "--survey", "needs-assessment", PARLONS_K="10")
    assert result.exit_code == 0, result.output
    rows = lines(result.stdout_bytes)
    communities = {r[2]: r[3] for r in rows if r[:2] == ["respondents_by_community", "row"]}
    assert communities["Downtown"] == "suppressed"  # 6 respondents, fewer than k = 10
    survey_db.session.expire_all()
    assert audit.search(survey_db.session, action="export")[0].detail["k"] == 10


def test_compare_uses_the_configured_k_like_the_dashboard(survey_db):
    periods = ["--baseline", "..2024-12-31", "--follow-up", "2025-01-01.."]
    args = ["compare", "--survey", "needs-assessment", *periods]
    result = parlons(survey_db, *args, PARLONS_K="2")
    assert result.exit_code == 0, result.output
    rows = [r for r in lines(result.stdout_bytes) if r[:2] == ["comparison_by_community", "row"]]
    assert {r[2]: r[4] for r in rows}["North End"] == "2"  # 2 respondents, published at k = 2


def test_summary_as_xlsx_needs_an_output_file(survey_db, tmp_path):
    refused = parlons(survey_db, "summary", "--survey", "needs-assessment", "--format", "xlsx")
    assert refused.exit_code == 2
    assert "--format xlsx needs --output" in refused.output
    target = tmp_path / "summary.xlsx"
    args = ["--format", "xlsx", "--output", str(target), "--k", "3"]
    result = parlons(survey_db, "summary", "--survey", "needs-assessment", *args)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(target)["respondents_by_community"]
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]}
    assert values["A rural area or small town"] == 3  # k = 3 publishes it


def test_summary_as_html_in_arabic_for_a_date_range(survey_db, tmp_path):
    target = tmp_path / "report.html"
    args = ["--format", "html", "--lang", "ar", "--from", "2025-01-01", "--to", "2025-12-31"]
    result = parlons(survey_db, "summary", "--survey", "needs-assessment", *args, "-o", target)
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert "<svg" in html and "@media print" in html
    assert "2025-01-01" in html  # the selection is printed


def test_compare_two_date_ranges_per_community(survey_db):
    periods = ["--baseline", "..2024-12-31", "--follow-up", "2025-01-01.."]
    result = parlons(survey_db, "compare", "--survey", "needs-assessment", *periods, "--k", "2")
    assert result.exit_code == 0, result.output
    rows = [r for r in lines(result.stdout_bytes) if r[:2] == ["comparison_by_community", "row"]]
    respondents = {r[2]: r[4:6] for r in rows}  # baseline, follow-up
    assert respondents["North End"][0] == "2"
    assert respondents["A rural area or small town"] == ["2", "suppressed"]  # 1 in 2025
    follow_up = [pair[1] for pair in respondents.values()]
    assert follow_up.count("suppressed") == 2  # and one more, else 7 - 3 - 3 gives it away
    bad = parlons(
        survey_db,
        "compare",
        "--survey",
        "needs-assessment",
        "--baseline",
        "2024",
        "--follow-up",
        "..",
    )
    assert bad.exit_code == 2 and "version=N or FROM..TO" in bad.output


def test_responses_export_removes_the_email_unless_raw_and_audits_raw(survey_db, tmp_path):
    result = parlons(survey_db, "responses", "--survey", "needs-assessment")
    assert result.exit_code == 0, result.output
    rows = lines(result.stdout_bytes)
    assert rows[0][:4] == ["response_id", "survey_id", "survey_version", "submitted_at"]
    assert len(rows) == 1 + survey_db.answer_rows()
    assert EMAIL.encode() not in result.stdout_bytes
    assert "Write to [email removed]" in [r[11] for r in rows]

    target = tmp_path / "raw.csv"
    raw = parlons(survey_db, "responses", "--survey", "needs-assessment", "--raw", "-o", target)
    assert raw.exit_code == 0, raw.output
    assert f"Write to {EMAIL}" in target.read_text(encoding="utf-8-sig")
    survey_db.session.expire_all()
    assert audit.search(survey_db.session, action="export_raw")[0].target == "needs-assessment"


def test_unknown_survey_and_grouping_are_explained(survey_db):
    missing = parlons(survey_db, "summary", "--survey", "needs")
    assert missing.exit_code == 2
    assert "no survey 'needs' in this database" in missing.output
    assert "needs-assessment" in missing.output
    grouping = parlons(survey_db, "summary", "--survey", "needs-assessment", "--by", "colour")
    assert grouping.exit_code == 2
    assert "no question of this survey has the dimension 'colour'" in grouping.output
    language = parlons(survey_db, "summary", "--survey", "needs-assessment", "--lang", "xx")
    assert language.exit_code == 2
    assert "'xx' is not a language code" in language.output


def test_compare_with_an_empty_follow_up_shows_no_share_and_no_change(survey_db):
    periods = ["--baseline", "..2024-12-31", "--follow-up", "2026-01-01.."]  # nobody in 2026
    result = parlons(survey_db, "compare", "--survey", "needs-assessment", *periods, "--k", "2")
    assert result.exit_code == 0, result.output
    rows = [r for r in lines(result.stdout_bytes) if r[:2] == ["comparison_by_community", "row"]]
    assert rows
    for row in rows:
        _group, _theme, _before, after, share_before, share_after, change = row[2:9]
        assert after == "0"  # no respondents in the follow-up...
        assert share_after == "" and change == ""  # ...so no share of them, and no drop
    assert any(float(row[6]) > 0 for row in rows)  # the baseline's shares are still there


def test_compare_refuses_a_version_that_does_not_exist(survey_db):
    periods = ["--baseline", "version=1", "--follow-up", "version=2"]
    result = parlons(survey_db, "compare", "--survey", "needs-assessment", *periods)
    assert result.exit_code == 2
    assert "--follow-up" in result.output
    assert "no version 2 of survey 'needs-assessment' (versions: 1)" in result.output
    survey_db.session.expire_all()
    assert audit.search(survey_db.session, action="export") == []
