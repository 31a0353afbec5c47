"""Disclosure control: small cells and the totals or cells that would reveal them are
hidden, and contact details and file numbers never leave in free text."""

import pytest

from analysis.disclosure import SUPPRESSED, Figures, redact
from analysis.filters import ResponseFilter
from analysis.theme_summary import build_summary
from tests.survey_responses import SurveyDatabase, needs_answers


@pytest.mark.parametrize(
    ("typed", "left"),
    [
        ("write me at amal.h+lip@example.co.uk please", "write me at [email removed] please"),
        ("call 613-555-0123 after 5", "call [phone removed] after 5"),
        ("(613) 555-0199 ext. 12", "[phone removed]"),
        ("613.555.0123 or 6135550123", "[phone removed] or [phone removed]"),
        ("+1 416 555 0100", "[phone removed]"),
        ("1-800-555-0199", "[phone removed]"),
        ("رقمي ٦١٣٥٥٥٠١٢٣ شكرا", "رقمي [phone removed] شكرا"),
        ("我的电话是 613 555 0123", "我的电话是 [phone removed]"),
        ("My UCI is 1234-5678", "My UCI is [UCI removed]"),
        ("file 12-3456-7890 lost", "file [UCI removed] lost"),
        ("client ID: 1234567890", "client ID: [UCI removed]"),
        ("number 87654321 at IRCC", "number [UCI removed] at IRCC"),
        ("my UCI is 1234 5678", "my UCI is [UCI removed]"),
        ("UCI number: 12 3456 7890", "UCI number: [UCI removed]"),
        ("mon IUC est le 12 3456 7890 merci", "mon IUC est le [UCI removed] merci"),
        ("mi UCI es 1234567890", "mi UCI es [UCI removed]"),
        ("I live at 123 Main Street, apt 4", "I live at [address removed], apt 4"),
        ("Apt 5, 42 Elm Ave. near the school", "[address removed] near the school"),
        ("au 1234, rue Sainte-Catherine", "au [address removed]"),
        ("postal code K1A 0B1", "postal code [address removed]"),
        ("I live at 42 elm ave", "I live at [address removed]"),
        (
            "J'habite au 12 rue Bank et je paie 900 $",
            "J'habite au [address removed] et je paie 900 $",
        ),
    ],
)
def test_redaction_replaces_contact_details_with_a_marker(typed, left):
    assert redact(typed) == left


@pytest.mark.parametrize(
    ("typed", "left"),
    [
        ("vivo en la calle Bank 123", "vivo en la [address removed]"),
        ("Mi casa está en Avenida Bank, nº 45, cerca", "Mi casa está en [address removed], cerca"),
        ("vivo en el 123 calle Bank", "vivo en el [address removed]"),
        ("١٢٣ شارع بانك", "[address removed]"),
        ("أسكن في شارع بانك ١٢٣ قرب المدرسة", "أسكن في [address removed] قرب المدرسة"),
        ("خانه ما در خیابان بانک، پلاک ۱۲۳ است", "خانه ما در [address removed] است"),
        ("میرا گھر 123 بینک روڈ پر ہے", "میرا گھر [address removed] پر ہے"),
        ("ਮੇਰਾ ਘਰ ੧੨੩ ਬੈਂਕ ਸਟਰੀਟ ਤੇ ਹੈ", "ਮੇਰਾ ਘਰ [address removed] ਤੇ ਹੈ"),
        ("我住在Bank街123号", "我住在[address removed]"),
        ("我住在中山路12号，离学校很近", "我住在[address removed]，离学校很近"),
        ("Nakatira ako sa 123 Kalye Bank", "Nakatira ako sa [address removed]"),
        ("Я живу на вул. Бенк, 123", "Я живу на [address removed]"),
        ("Я живу за адресою 123 Бенк стріт", "Я живу за адресою [address removed]"),
        ("Waxaan deganahay Waddada Bank 123", "Waxaan deganahay [address removed]"),
        ("ኣብ ጎደና ባንክ 123 እነብር", "ኣብ [address removed] እነብር"),
    ],
)
def test_redaction_removes_street_addresses_written_the_way_each_language_writes_them(typed, left):
    assert redact(typed) == left


@pytest.mark.parametrize(
    "kept",
    [
        "We waited 3 years for a family doctor",
        "In 2023 we paid 1500 dollars for 2 bedrooms",
        "I studied from 2019-2023",
        "Classes at 9:30 on 12/05/2024",
        "السكن غالٍ جدا",
        "3 children",
        "2 years",
        "bus 95",
        "$1,500 rent",
        "1-2 years",
        "We waited 2 years for a place to live",
        "I have 2 jobs in the park",
        "$1,500 rent on Bank Street",
        "UCI lost for 2 years",
        "el autobús de la avenida pasa cada 15 minutos",
        "3 kalye ang layo",
        "عن طريق الإنترنت ٣ مرات",
        "عندي ٣ أطفال",
        "坐95路公交车",
        "我有3个孩子，等了2年",
        "3月5号开会",
        "Я чекав 2 роки",
        "ਮੇਰੇ 3 ਬੱਚੇ ਹਨ",
        "",
        None,
    ],
)
def test_redaction_keeps_ordinary_numbers_and_text(kept):
    assert redact(kept) == kept


def test_a_small_cell_is_hidden_with_the_smallest_other_cell_when_the_total_is_public():
    figures = Figures(k=5)
    total = figures.add("all", 30, anchor=True)
    cells = [figures.add(name, n) for name, n in (("a", 3), ("b", 9), ("c", 18))]
    figures.add_line(cells, total)
    assert [figures.shown(c) for c in cells] == [SUPPRESSED, SUPPRESSED, 18]
    assert figures.shown(total) == 30


def test_a_total_that_would_reveal_a_small_cell_is_hidden():
    figures = Figures(k=5)
    answered = figures.add("answered", 21)
    cells = [figures.add(name, n) for name, n in (("a", 4), ("b", 9), ("c", 8))]
    figures.add_line(cells, answered)
    assert [figures.shown(c) for c in cells] == [SUPPRESSED, 9, 8]
    assert figures.shown(answered) is SUPPRESSED


def test_two_hidden_cells_that_add_up_to_fewer_than_k_are_not_enough():
    figures = Figures(k=5)
    total = figures.add("all", 40, anchor=True)
    cells = [figures.add(name, n) for name, n in (("a", 1), ("b", 2), ("c", 6), ("d", 31))]
    figures.add_line(cells, total)
    assert [figures.shown(c) for c in cells] == [SUPPRESSED, SUPPRESSED, SUPPRESSED, 31]


def test_the_same_people_counted_in_two_tables_are_hidden_in_both():
    figures = Figures(k=5)
    total = figures.add("all", 20, anchor=True)
    groups = [figures.add(g, n, anchor=True) for g, n in (("x", 3), ("y", 8), ("z", 9))]
    figures.add_line(groups, total)
    twin = figures.add("answers table: y", 8, anchor=True)
    figures.add_same(groups[1], twin)
    assert figures.shown(groups[1]) is SUPPRESSED
    assert figures.shown(twin) is SUPPRESSED


@pytest.fixture
def survey_db(database_url):
    database = SurveyDatabase(database_url)
    yield database
    database.close()


def test_a_community_of_four_is_suppressed_and_cannot_be_worked_out(survey_db):
    for community, people in (("downtown", 9), ("north-end", 7), ("rural", 4)):
        for _person in range(people):
            help_code = "city" if community == "rural" else "settlement-agency"
            survey_db.submit(needs_answers(community, **{"first-help": help_code}))
    summary = build_summary(
        survey_db.session, ResponseFilter("needs-assessment"), by=("community",)
    )
    tables = {table.name: table for table in summary.tables}

    by_community = {row[0]: row[1] for row in tables["respondents_by_community"].rows}
    assert by_community["A rural area or small town"] is SUPPRESSED
    # All respondents (20) is shown, so one more community must go with it.
    assert by_community["All respondents"] == 20
    assert by_community["North End"] is SUPPRESSED
    assert by_community["Downtown"] == 9

    themes = {row[0]: row[1:] for row in tables["themes_by_community"].rows}
    assert themes["Respondents"] == [9, SUPPRESSED, SUPPRESSED]
    answers = {(row[0], row[2]): row[3] for row in tables["answers"].rows}
    community = "Which part of the region do you live in?"
    assert answers[community, "A rural area or small town"] is SUPPRESSED
    assert answers[community, "North End"] is SUPPRESSED
    first_help = "Where did you first go for help?"
    assert answers[first_help, "The city or the library"] is SUPPRESSED
