"""Facilitators record focus groups and type in paper questionnaires."""

import re

from sqlalchemy import select

from app.db import get_db
from app.models import Answer, Response
from tests.conftest import PASSWORDS, Respondent, sign_in
from tests.sample_answers import FULL_ANSWERS, PAGES

SESSION_PAGE = {
    "session-date": "2026-10-14",
    "place": "Central library, room B",
    "community": "east-side",
    "session-languages": ["ar", "ti"],
    "interpreter": "yes",
    "facilitators": "Amal and Tesfay",
}
PARTICIPANTS_PAGE = {
    "by-gender--woman": "7",
    "by-gender--man": "3",
    "by-age-group--25-34": "6",
    "by-age-group--35-44": "4",
    "by-time-in-canada--under-1": "10",
}
QUOTES = {
    "key-quotes--1--text": "ما في شغل بدون خبرة كندية",
    "key-quotes--1--language": "ar",
    "key-quotes--1--speaker": "man, 35-44, refugee",
    "key-quotes--2--text": "ገዛ ምርካብ ኣዝዩ ከቢድ እዩ",
    "key-quotes--2--language": "ti",
    "key-quotes--2--speaker": "woman, 25-34",
}


class StaffEntry(Respondent):
    """A staff member's browser on the entry pages (same form mechanics as a respondent's)."""

    def start_session(self):
        self.get("/en/staff/sessions")
        return self.post("/en/staff/sessions/new/focus-group-intake", {})


def facilitator(client, staff, who="facilitator"):
    sign_in(client, staff[who][1], PASSWORDS["facilitator"])
    return StaffEntry(client)


def test_facilitator_records_a_focus_group_with_quotes(app, client, staff):
    entry = facilitator(client, staff)
    entry.start_session()
    assert entry.path.endswith("/p/session")
    entry.answer(SESSION_PAGE)
    entry.answer(PARTICIPANTS_PAGE)
    assert entry.html.count('name="key-quotes--') == 6  # two empty quote slots
    entry.answer({**QUOTES, "themes-discussed": ["employment", "housing"]}, action="more")
    assert entry.html.count('name="key-quotes--') == 12  # two saved quotes and two new slots
    assert "ما في شغل بدون خبرة كندية</textarea>" in entry.html
    entry.answer(
        {**QUOTES, "themes-discussed": ["employment", "housing"], "consent-confirmed": "yes"},
        "submit",
    )

    assert re.search(r"/en/staff/responses/\d+$", entry.path)
    assert '<bdi class="free-text" lang="ti">ገዛ ምርካብ ኣዝዩ ከቢድ እዩ</bdi>' in entry.html
    assert "woman, 25-34" in entry.html
    with app.app_context():
        response = get_db().scalars(select(Response)).one()
        assert (response.channel, response.community, response.entered_by_id) == (
            "focus_group",
            "east-side",
            staff["facilitator"][0],
        )
        quotes = sorted(
            (a.item_id, a.language, a.speaker)
            for a in response.answers
            if a.question_id == "key-quotes"
        )
        counts = {
            a.item_id: a.value_number for a in response.answers if a.question_id == "by-gender"
        }
    assert quotes == [("1", "ar", "man, 35-44, refugee"), ("2", "ti", "woman, 25-34")]
    assert counts == {"woman": 7, "man": 3}


def test_a_quote_without_its_language_is_refused(client, staff):
    entry = facilitator(client, staff)
    entry.start_session()
    entry.answer(SESSION_PAGE)
    entry.answer(PARTICIPANTS_PAGE)
    response = entry.answer(
        {
            "key-quotes--1--text": "We need evening classes",
            "themes-discussed": ["education"],
            "consent-confirmed": "yes",
        },
        "submit",
    )
    assert response.status_code == 422
    assert "Please choose the language this was said in." in entry.html


def test_facilitators_see_and_edit_only_their_own_sessions_coordinators_all(app, staff):
    own = facilitator(app.test_client(), staff)
    own.start_session()
    own.answer(SESSION_PAGE)
    draft_page = own.path

    other = facilitator(app.test_client(), staff, "other_facilitator")
    assert other.client.get(draft_page).status_code == 403
    assert "Central library" not in other.client.get("/en/staff/sessions").get_data(as_text=True)
    listing = own.client.get("/en/staff/sessions").get_data(as_text=True)
    assert "2026-10-14" in listing and "In progress" in listing

    coordinator = app.test_client()
    sign_in(coordinator, staff["coordinator"][1], PASSWORDS["coordinator"])
    assert "2026-10-14" in coordinator.get("/en/staff/sessions").get_data(as_text=True)
    assert coordinator.get(draft_page).status_code == 200


def test_paper_questionnaire_is_stored_with_channel_language_and_who_typed_it(app, client, staff):
    entry = facilitator(client, staff)
    entry.get("/en/staff/paper")
    entry.post("/en/staff/paper/needs-assessment", {"language": "fr"})
    for page_id in PAGES:
        entry.answer(FULL_ANSWERS[page_id], "submit" if page_id == PAGES[-1] else "next")
    assert "The paper questionnaire is saved" in entry.html
    with app.app_context():
        response = get_db().scalars(select(Response)).one()
        rows = get_db().scalar(select(Answer.id).where(Answer.response_id == response.id).limit(1))
    assert (response.channel, response.locale, response.entered_by_id) == (
        "paper",
        "fr",
        staff["facilitator"][0],
    )
    assert rows is not None


def test_paper_entry_shows_no_resume_code(client, staff):
    entry = facilitator(client, staff)
    entry.get("/en/staff/paper")
    entry.post("/en/staff/paper/needs-assessment", {"language": "en"})
    assert "Your resume code is" not in entry.html


CONTINUE = re.compile(r'<a href="(/en/staff/entries/\d+/p/[\w-]+)">Continue</a>')


def unfinished_table(html: str) -> str:
    assert "Questionnaires you have not finished" in html
    return html.split("<table>")[1].split("</table>")[0]


def test_a_paper_entry_saved_for_later_is_listed_to_continue_newest_first(app, staff):
    entry = facilitator(app.test_client(), staff)
    entry.get("/en/staff/paper")
    entry.post("/en/staff/paper/needs-assessment", {"language": "fr"})
    entry.answer(FULL_ANSWERS["about-you"])
    entry.answer(FULL_ANSWERS["arrival"], "save")
    assert entry.path == "/en/staff/paper"
    assert [link.rsplit("/", 1)[1] for link in CONTINUE.findall(entry.html)] == ["arrival"]
    entry.post("/en/staff/paper/needs-assessment", {"language": "ar"})
    entry.answer(FULL_ANSWERS["about-you"], "save")

    table = unfinished_table(entry.html)
    assert table.index("العربية") < table.index("Français")  # the one saved last comes first
    french = CONTINUE.findall(table)[1]
    entry.get(french)
    assert entry.path.endswith("/p/arrival")  # where it was left
    assert "Finding an apartment without credit history</textarea>" in entry.html

    other = facilitator(app.test_client(), staff, "other_facilitator")
    assert "Questionnaires you have not finished" not in other.get("/en/staff/paper").get_data(
        as_text=True
    )


def test_continue_on_a_focus_group_draft_opens_the_page_it_was_left_on(client, staff):
    entry = facilitator(client, staff)
    entry.start_session()
    entry.answer(SESSION_PAGE)
    entry.answer(PARTICIPANTS_PAGE, "save")
    assert entry.path == "/en/staff/sessions"
    link = re.search(r'href="(/en/staff/entries/\d+/p/[\w-]+)">Continue</a>', entry.html).group(1)
    assert link.endswith("/p/participants")
    assert 'value="7"' in entry.get(link).get_data(as_text=True)
