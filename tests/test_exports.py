"""Theme summary downloads (CSV, XLSX, HTML) and the raw answer export, read back as a
coordinator's spreadsheet or browser would read them."""

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from analysis.exports import write_summary
from analysis.exports.charts import BAR, PAIRED, chart_svg
from analysis.filters import ResponseFilter
from analysis.raw_export import write_raw_csv
from analysis.theme_summary import build_summary
from tests.conftest import catalog
from tests.survey_responses import INTAKE, SurveyDatabase, needs_answers

NEEDS = ResponseFilter("needs-assessment")
RURAL = "A rural area or small town"
RURAL_AR = "منطقة ريفية أو بلدة صغيرة"
FIRST_HELP = "Where did you first go for help?"
ARABIC_COMMENT = "الإيجار مرتفع جدا، راسلوني على amal@example.ca"
ARABIC_QUOTE = "نحتاج طبيب عائلة يتكلم العربية"
ARABIC = catalog("messages", "ar")
LEGEND = (
    "Figures marked “suppressed” describe fewer than %(k)s respondents, or would let "
    "such a count be worked out. No figure here describes fewer than %(k)s people."
)


@pytest.fixture
def survey_db(database_url):
    """20 respondents: 9 downtown, 7 north end, 4 rural (too few to publish). Four skip
    "where did you first go for help", so its "answered" total (16) is not public."""
    database = SurveyDatabase(database_url)
    for n in range(20):
        community = "downtown" if n < 9 else "north-end" if n < 16 else "rural"
        first_help = "city" if community == "rural" else None if n < 4 else "settlement-agency"
        comment = ARABIC_COMMENT if n == 0 else '=HYPERLINK("http://x.example")' if n == 1 else None
        answers = needs_answers(community, **{"first-help": first_help, "more-welcoming": comment})
        database.submit(answers, locale="ar" if n % 2 else "en")
    database.submit(
        {
            "session-date": "2025-02-01",
            "place": "Library",
            "community": "downtown",
            "session-languages": ["ar"],
            "themes-discussed": ["health"],
            "key-quotes": [
                {"text": ARABIC_QUOTE, "language": "ar", "speaker": "woman, 25-34"},
                {"text": "call me at 613-555-0123", "language": "en", "speaker": "man, 35-44"},
            ],
            "consent-confirmed": "yes",
        },
        survey=INTAKE,
        channel="focus_group",
    )
    yield database
    database.close()


def export(summary, fmt: str) -> bytes:
    stream = io.BytesIO()
    write_summary(summary, fmt, stream)
    return stream.getvalue()


def csv_tables(data: bytes) -> dict[str, list[list[str]]]:
    """Rows of each table in the summary CSV, header first."""
    tables: dict[str, list[list[str]]] = {}
    for line in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
        if len(line) >= 2 and line[1] in ("header", "row"):
            tables.setdefault(line[0], []).append(line[2:])
    return tables


def test_csv_starts_with_a_bom_and_shows_arabic_and_suppressed_cells(survey_db):
    summary = build_summary(survey_db.session, NEEDS, by=("community",), locale="ar")
    data = export(summary, "csv")
    assert data.startswith("\ufeff".encode())
    tables = csv_tables(data)
    by_community = {row[0]: row[1:] for row in tables["respondents_by_community"]}
    assert ARABIC("suppressed") != "suppressed", "the Arabic catalog is not compiled"
    assert by_community[RURAL_AR] == [ARABIC("suppressed")] * 2
    assert by_community["وسط المدينة"] == ["9", "45.0"]
    assert "respondents" not in {row[0] for row in tables["themes_by_community"][1:]}


def test_a_total_that_would_reveal_a_suppressed_cell_is_suppressed_in_every_format(survey_db):
    summary = build_summary(survey_db.session, NEEDS)
    rows = csv_tables(export(summary, "csv"))["answers"]
    first_help = {row[2]: row[3] for row in rows if row[0] == FIRST_HELP}
    assert first_help["The city or the library"] == "suppressed"  # 4 people
    assert first_help["A settlement or newcomer agency"] == "12"
    assert first_help["Answered this question"] == "suppressed"  # 16 - 12 = 4

    sheet = load_workbook(io.BytesIO(export(summary, "xlsx")))["answers"]
    cells = {
        row[2]: row[3]
        for row in sheet.iter_rows(min_row=3, values_only=True)
        if row[0] == FIRST_HELP
    }
    assert cells["The city or the library"] == "suppressed"
    assert cells["Answered this question"] == "suppressed"

    html = export(summary, "html").decode()
    row = re.search(
        r"<tr>[^\n]*?Answered this question</td>(.*?)</tr>", html.split(FIRST_HELP, 1)[1]
    )
    assert '<td class="suppressed">suppressed</td>' in row.group(1)


def test_xlsx_has_an_about_sheet_then_one_sheet_per_table(survey_db):
    summary = build_summary(survey_db.session, NEEDS, by=("community", "immigration_category"))
    workbook = load_workbook(io.BytesIO(export(summary, "xlsx")))
    names = [table.name[:31] for table in summary.tables]
    assert workbook.sheetnames == ["about", *names]
    assert "respondents_by_immigration_cate" in workbook.sheetnames  # cut to 31 characters
    sheet = workbook["respondents_by_community"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=3) if row[0].value}
    assert rows[RURAL][1].value == "suppressed"
    assert rows[RURAL][1].fill.fgColor.rgb.endswith("DDDDDD")
    assert rows["Downtown"][1].value == 9
    assert rows["Downtown"][2].value == 45.0 and rows["Downtown"][2].number_format == '0.0"%"'
    legend = [cell.value for cell in sheet["A"] if cell.value and "fewer than 5" in str(cell.value)]
    assert legend


def test_html_report_is_printable_right_to_left_with_charts(survey_db):
    summary = build_summary(survey_db.session, NEEDS, by=("community",), locale="ar")
    html = export(summary, "html").decode()
    assert html.startswith("<!doctype html>")
    assert '<html lang="ar" dir="rtl">' in html
    assert "@media print" in html and "break-before: page" in html
    assert html.count("<svg") >= 5
    assert RURAL_AR in html
    rural_row = re.search(rf"<tr><td dir=\"auto\">{RURAL_AR}</td>(.*?)</tr>", html)
    assert rural_row.group(1).count('class="suppressed"') == 2
    assert ARABIC(LEGEND) % {"k": 5} in html


def test_k_is_configurable(survey_db):
    summary = build_summary(survey_db.session, NEEDS, k=3)
    by_community = {
        row[0]: row[1] for row in csv_tables(export(summary, "csv"))["respondents_by_community"]
    }
    assert by_community[RURAL] == "4"
    assert "fewer than 3 respondents" in export(summary, "html").decode()


def test_quotes_leave_with_language_and_speaker_only_and_contacts_removed(survey_db):
    summary = build_summary(survey_db.session, ResponseFilter(INTAKE))
    tables = csv_tables(export(summary, "csv"))
    assert tables["quotes"][0] == ["Theme", "Quote", "Language", "Speaker"]
    health = "Accessible and suitable health care"  # coded with the Arabic lexicon
    assert [health, ARABIC_QUOTE, "Arabic", "woman, 25-34"] in tables["quotes"]
    assert ["Not coded yet", "call me at [phone removed]", "English", "man, 35-44"] in tables[
        "quotes"
    ]
    html = export(summary, "html").decode()
    assert f'<p lang="ar" dir="auto">{ARABIC_QUOTE}</p>' in html
    assert "613-555-0123" not in html


def read_raw(survey_db, raw=False) -> list[dict]:
    stream = io.BytesIO()
    write_raw_csv(survey_db.session, NEEDS, stream, raw=raw)
    data = stream.getvalue()
    assert data.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_raw_export_has_every_answer_row_with_email_removed(survey_db):
    rows = read_raw(survey_db)
    assert len(rows) == survey_db.answer_rows()
    comments = [row["value_text"] for row in rows if row["question_id"] == "more-welcoming"]
    assert "الإيجار مرتفع جدا، راسلوني على [email removed]" in comments
    assert all("amal@example.ca" not in row["value_text"] for row in rows)
    assert '\'=HYPERLINK("http://x.example")' in comments  # a formula stays text
    first = rows[0]
    assert first["survey_id"] == "needs-assessment" and first["survey_version"] == "1"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", first["submitted_at"])


def test_raw_export_keeps_the_email_only_when_raw_is_asked_for(survey_db):
    comments = [row["value_text"] for row in read_raw(survey_db, raw=True)]
    assert ARABIC_COMMENT in comments


def test_theme_chart_sets_own_words_beside_all_answers(survey_db):
    summary = build_summary(survey_db.session, NEEDS)
    themes = next(table for table in summary.tables if table.name == "themes")
    svg = chart_svg(themes, "suppressed", "en")
    assert "Share of respondents" in svg and "Share in their own words" in svg  # the legend
    bars = len(themes.rows) + 1  # one per theme, and one in the legend
    assert svg.count(f"fill: {BAR}") == bars and svg.count(f"fill: {PAIRED}") == bars
