"""The respondent journey through the test client, on SQLite and on PostgreSQL."""

import re
from datetime import timedelta

from sqlalchemy import func, select

from app.db import get_db
from app.models import Answer, Draft, Response, utcnow
from tests.conftest import Respondent
from tests.sample_answers import FULL_ANSWERS, PAGES, answer_all


def stored(app, statement):
    with app.app_context():
        return get_db().execute(statement).all()


def count_responses(app) -> int:
    with app.app_context():
        return get_db().scalar(select(func.count()).select_from(Response))


def test_complete_survey_stores_one_response_with_every_answer(app, respondent):
    respondent.start()
    assert "Page 1 of 6" in respondent.html
    final = answer_all(respondent)

    assert final.status_code == 200
    assert "Thank you for helping make this community more welcoming" in respondent.html
    with app.app_context():
        response = get_db().scalars(select(Response)).one()
        assert (response.locale, response.channel, response.community) == ("en", "web", "downtown")
        assert response.survey_id == "needs-assessment"
        assert response.survey_version.version == 1
        rows = {(a.question_id, a.item_id, a.option_code): a for a in response.answers}
    assert rows[("home-languages", None, "other")].value_text == "Kurdish"
    assert rows[("home-languages", None, "arabic")].value_text is None
    assert rows[("arrival-here", None, None)].value_text == "2023-09"
    assert rows[("household-size", None, None)].value_number == 4
    assert rows[("housing-affordable", None, "2")].value_number == 2
    grid = [key for key in rows if key[0] == "satisfaction-grid"]
    assert len(grid) == 17
    assert rows[("satisfaction-grid", "media", "prefer_not_to_say")].value_number is None
    ranks = sorted(
        (a.value_number, a.option_code) for a in rows.values() if a.question_id == "top-priorities"
    )
    assert ranks == [
        (1, "housing"),
        (2, "employment"),
        (3, "health"),
        (4, "education"),
        (5, "transit"),
    ]
    assert rows[("hardest-at-arrival", None, None)].value_text.startswith("Finding an apartment")
    assert ("other-comments", None, None) not in rows  # left empty: no row


def test_progress_shows_page_number_of_total_and_a_bar(respondent):
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    assert "Page 2 of 6" in respondent.html
    assert '<progress max="6" value="2"' in respondent.html


def test_follow_up_questions_show_only_after_the_answer_that_asks_for_them(app, client):
    with_follow_ups = Respondent(client)
    with_follow_ups.start()
    for page_id in PAGES[:3]:
        with_follow_ups.answer(FULL_ANSWERS[page_id])
    assert "What makes it hard to take one?" in with_follow_ups.html
    assert "How satisfied are you with the settlement agency" in with_follow_ups.html

    other = Respondent(app.test_client())
    other.start()
    other.answer(FULL_ANSWERS["about-you"])
    other.answer(FULL_ANSWERS["arrival"])
    other.answer(
        {**FULL_ANSWERS["services"], "language-class": "linc", "services-used": ["library"]}
    )
    assert "What makes it hard to take one?" not in other.html
    assert "How satisfied are you with the settlement agency" not in other.html


def test_answers_to_questions_hidden_later_are_not_stored(app, respondent):
    respondent.start()
    for page_id in PAGES[:4]:
        respondent.answer(FULL_ANSWERS[page_id])
    # Go back to "services" and change the answer that showed the barriers question.
    respondent.answer(FULL_ANSWERS["community-life"], action="back")
    respondent.answer({}, action="back")
    assert respondent.path.endswith("/p/services")
    respondent.answer({**FULL_ANSWERS["services"], "language-class": "linc"})
    for page_id in PAGES[3:]:
        action = "submit" if page_id == PAGES[-1] else "next"
        respondent.answer(FULL_ANSWERS[page_id], action)
    questions = {row[0] for row in stored(app, select(Answer.question_id))}
    assert "language-class-barriers" not in questions
    assert "agency-satisfaction" in questions


def test_missing_required_answer_is_explained_next_to_the_question_and_answers_kept(respondent):
    respondent.start()
    incomplete = {**FULL_ANSWERS["about-you"]}
    del incomplete["community"]
    response = respondent.answer(incomplete)

    assert response.status_code == 422
    assert respondent.path.endswith("/p/about-you")
    assert 'id="community-error"' in respondent.html
    assert "Please answer this question." in respondent.html
    assert 'href="#community-0"' in respondent.html  # the error summary links to the field
    assert 'value="25-34" checked' in respondent.html
    assert 'value="Kurdish"' in respondent.html


def test_invalid_entries_get_clear_messages(respondent):
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    respondent.answer({**FULL_ANSWERS["arrival"], "household-size": "45"})
    assert "Please enter a number from 1 to 20." in respondent.html
    respondent.answer({**FULL_ANSWERS["arrival"], "household-size": "four"})
    assert "Please enter a number, for example" in respondent.html
    respondent.answer(FULL_ANSWERS["arrival"])
    respondent.answer({**FULL_ANSWERS["services"], "services-used": ["other"]})
    assert "Please tell us what \u201cOther\u201d is." in respondent.html
    respondent.answer(FULL_ANSWERS["services"])
    respondent.answer(
        {
            **FULL_ANSWERS["experiences"],
            "language-class-barriers": ["work-hours", "childcare", "transport", "level"],
        }
    )
    assert "Please choose at most 3." in respondent.html


def test_ranking_rejects_the_same_choice_twice_and_gaps(respondent):
    respondent.start()
    for page_id in PAGES[:5]:
        respondent.answer(FULL_ANSWERS[page_id])
    ranking = {**FULL_ANSWERS["priorities"], "top-priorities--2": "housing"}
    respondent.answer(ranking, action="submit")
    assert "You already chose this." in respondent.html
    ranking = {**FULL_ANSWERS["priorities"], "top-priorities--2": ""}
    respondent.answer(ranking, action="submit")
    assert "Please fill in the choices above this one first." in respondent.html


def test_back_keeps_what_was_typed_on_the_page(respondent):
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    respondent.answer({"hardest-at-arrival": "The winter"}, action="back")
    assert respondent.path.endswith("/p/about-you")
    assert 'value="downtown" checked' in respondent.html
    respondent.answer(FULL_ANSWERS["about-you"])
    assert ">The winter</textarea>" in respondent.html


def test_resume_code_continues_on_another_device(app, respondent):
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    respondent.answer(FULL_ANSWERS["arrival"], action="save")
    assert "Your answers are saved" in respondent.html
    with app.app_context():
        code = get_db().scalars(select(Draft)).one().resume_code
    assert code in respondent.html
    assert not set(code) & set("01OIL")

    phone = Respondent(app.test_client())
    phone.get("/en/resume")
    phone.post("/en/resume", {"code": code.lower().replace("-", " ")})
    assert phone.path.endswith("/p/arrival")
    assert "Finding an apartment without credit history</textarea>" in phone.html
    answer_all_from(phone, "arrival")
    assert count_responses(app) == 1


def answer_all_from(respondent, first_page):
    for page_id in PAGES[PAGES.index(first_page) :]:
        respondent.answer(FULL_ANSWERS[page_id], "submit" if page_id == PAGES[-1] else "next")


def test_unknown_resume_code_is_refused_politely(respondent):
    respondent.get("/en/resume")
    response = respondent.post("/en/resume", {"code": "ABCD-EFGH"})
    assert response.status_code == 404
    assert "We could not find answers with this code." in respondent.html


def test_same_device_resumes_by_itself(respondent):
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    respondent.get("/en/")
    respondent.get("/en/s/needs-assessment/")
    assert respondent.path.endswith("/p/arrival")
    assert "Welcome back. These are the answers saved on this device." in respondent.html


def test_the_next_person_on_a_shared_phone_can_start_with_no_answers(app, respondent):
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    respondent.get("/en/s/needs-assessment/")
    restart = re.search(r'action="(/en/s/needs-assessment/restart)"', respondent.html).group(1)
    respondent.post(restart, {})
    assert "Before you start" in respondent.html
    respondent.post(respondent.path, {"consent": "yes"})
    assert respondent.path.endswith("/p/about-you")
    assert "checked" not in respondent.html  # none of the first person's answers
    with app.app_context():
        drafts = get_db().scalars(select(Draft).order_by(Draft.id)).all()
    assert [bool(d.answers) for d in drafts] == [True, False]  # theirs kept, under its code


def test_expired_draft_is_not_resumed(app, respondent):
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    with app.app_context():
        session = get_db()
        draft = session.scalars(select(Draft)).one()
        draft.expires_at = utcnow() - timedelta(minutes=1)
        code = draft.resume_code
        session.commit()
    respondent.get("/en/s/needs-assessment/")
    assert "Before you start" in respondent.html  # back at the consent page
    respondent.get("/en/resume")
    assert respondent.post("/en/resume", {"code": code}).status_code == 404


def test_language_switch_mid_survey_keeps_every_answer(respondent):
    respondent.start()
    respondent.answer(FULL_ANSWERS["about-you"])
    respondent.answer({"hardest-at-arrival": "Le froid et la langue"}, action="lang:fr")
    assert respondent.path == "/fr/s/needs-assessment/p/arrival"
    assert '<html lang="fr" dir="ltr">' in respondent.html
    assert "Le froid et la langue</textarea>" in respondent.html
    respondent.answer({}, action="back")
    assert 'value="downtown" checked' in respondent.html
    assert 'value="Kurdish"' in respondent.html


def test_submitting_the_same_draft_twice_stores_one_response(app, client, respondent):
    respondent.start()
    for page_id in PAGES[:-1]:
        respondent.answer(FULL_ANSWERS[page_id])
    last_page, html = respondent.path, respondent.html
    respondent.answer(FULL_ANSWERS[PAGES[-1]], action="submit")
    respondent.html = html  # the browser resends the same form (double click, reload)
    again = respondent.post(last_page, {**FULL_ANSWERS[PAGES[-1]], "action": "submit"})
    assert again.status_code == 200
    assert "<h1>Thank you</h1>" in respondent.html  # not a consent page that looks like a loss
    assert count_responses(app) == 1
    assert len(stored(app, select(Answer.id))) > 40


def test_post_without_csrf_token_is_refused_and_nothing_changes(app, client, respondent):
    respondent.start()
    response = client.post(respondent.path, data={"community": "north-end", "action": "next"})
    assert response.status_code == 400
    assert "This form has expired" in response.get_data(as_text=True)
    with app.app_context():
        assert get_db().scalars(select(Draft)).one().answers == {}


def test_consent_is_required_before_the_first_question(app, respondent):
    respondent.get("/en/s/needs-assessment/")
    response = respondent.post(respondent.path, {})
    assert response.status_code == 400
    assert "Please tick the box" in respondent.html
    with app.app_context():
        assert get_db().scalars(select(Draft)).all() == []
