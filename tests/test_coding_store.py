"""Free text is coded when a response is submitted; a staff correction wins and survives
recoding. Runs on a SQLite file and on PostgreSQL."""

import logging

import pytest
from sqlalchemy import select

from analysis.coding_store import code_response, effective_themes, set_human_codes
from app import submission
from app.models import Answer, AnswerSentiment, AnswerTheme, Response
from tests.survey_responses import INTAKE, SurveyDatabase, needs_answers

HARDEST = "No family doctor for two years, and the landlord raised the rent again"
HARDEST_FR = "Le loyer est trop cher et le propriétaire ne répare rien"
QUOTE_AR = "ما في دكتور عائلة، ونطرنا بالطوارئ ست ساعات"


@pytest.fixture
def survey_db(database_url):
    database = SurveyDatabase(database_url)
    yield database
    database.close()


def text_answer(survey_db, response: Response, question_id: str) -> Answer:
    return survey_db.session.scalar(
        select(Answer).where(Answer.response_id == response.id, Answer.question_id == question_id)
    )


def rows(survey_db, answer: Answer) -> set[tuple[str, str]]:
    query = select(AnswerTheme.theme, AnswerTheme.source).where(AnswerTheme.answer_id == answer.id)
    return set(survey_db.session.execute(query).all())


def effective(survey_db, answer: Answer) -> set[str]:
    coded = effective_themes().subquery()
    query = select(coded.c.theme).where(coded.c.answer_id == answer.id)
    return set(survey_db.session.scalars(query))


def test_a_submitted_comment_gets_auto_themes_and_english_sentiment(survey_db):
    response = survey_db.submit(needs_answers(**{"hardest-at-arrival": HARDEST}))
    answer = text_answer(survey_db, response, "hardest-at-arrival")
    assert rows(survey_db, answer) == {("health", "auto"), ("housing", "auto")}
    confidences = survey_db.session.scalars(
        select(AnswerTheme.confidence).where(AnswerTheme.answer_id == answer.id)
    ).all()
    assert all(0.5 <= value <= 1.0 for value in confidences)
    scored = survey_db.session.get(AnswerSentiment, answer.id)
    assert scored.language == "en" and scored.score is not None
    assert scored.model.startswith("textblob-")


def test_a_french_comment_is_coded_in_french_and_gets_no_sentiment(survey_db):
    response = survey_db.submit(needs_answers(**{"hardest-at-arrival": HARDEST_FR}), locale="fr")
    answer = text_answer(survey_db, response, "hardest-at-arrival")
    assert rows(survey_db, answer) == {("housing", "auto")}
    scored = survey_db.session.get(AnswerSentiment, answer.id)
    assert (scored.language, scored.score, scored.model) == ("fr", None, None)


def test_a_focus_group_quote_is_coded_in_its_own_language(survey_db):
    response = survey_db.submit(
        {
            "session-date": "2025-02-01",
            "place": "Downtown",
            "community": "downtown",
            "session-languages": ["ar"],
            "themes-discussed": ["health"],
            "key-quotes": [{"text": QUOTE_AR, "language": "ar", "speaker": "woman, 25-34"}],
            "consent-confirmed": "yes",
        },
        survey=INTAKE,
        channel="focus_group",
    )
    quote = text_answer(survey_db, response, "key-quotes")
    assert ("health", "auto") in rows(survey_db, quote)
    assert survey_db.session.get(AnswerSentiment, quote.id).language == "ar"


def test_other_texts_are_coded_and_choice_answers_are_not(survey_db):
    answers = needs_answers(**{"hardest-at-arrival": None, "home-languages": ["other"]})
    answers["home-languages/other"] = "Tigrinya, I learned English in the LINC class"
    response = survey_db.submit(answers)
    coded = survey_db.session.execute(
        select(Answer.question_id, Answer.option_code, AnswerTheme.theme)
        .join(AnswerTheme, Answer.id == AnswerTheme.answer_id)
        .where(Answer.response_id == response.id)
    ).all()
    assert coded == [("home-languages", "other", "education")]


def test_a_human_correction_wins_and_survives_recoding(survey_db):
    response = survey_db.submit(needs_answers(**{"hardest-at-arrival": HARDEST}))
    answer = text_answer(survey_db, response, "hardest-at-arrival")
    assert effective(survey_db, answer) == {"health", "housing"}

    set_human_codes(survey_db.session, answer.id, ["health", "social_capital"], "fac@lip.example")
    survey_db.session.commit()
    assert effective(survey_db, answer) == {"health", "social_capital"}

    code_response(survey_db.session, response)
    code_response(survey_db.session, response)
    survey_db.session.commit()
    assert rows(survey_db, answer) == {
        ("health", "auto"),
        ("housing", "auto"),
        ("health", "human"),
        ("social_capital", "human"),
    }
    assert effective(survey_db, answer) == {"health", "social_capital"}
    coders = survey_db.session.scalars(
        select(AnswerTheme.coded_by).where(AnswerTheme.source == "human")
    ).all()
    assert coders == ["fac@lip.example", "fac@lip.example"]


def test_a_second_correction_replaces_the_first_and_none_means_no_theme(survey_db):
    response = survey_db.submit(needs_answers(**{"hardest-at-arrival": HARDEST}))
    answer = text_answer(survey_db, response, "hardest-at-arrival")
    set_human_codes(survey_db.session, answer.id, ["employment"], "fac@lip.example")
    set_human_codes(survey_db.session, answer.id, ["transit"], "coord@lip.example")
    survey_db.session.commit()
    assert effective(survey_db, answer) == {"transit"}
    set_human_codes(survey_db.session, answer.id, [], "coord@lip.example")
    survey_db.session.commit()
    assert effective(survey_db, answer) == set()
    with pytest.raises(ValueError, match="unknown theme codes: weather"):
        set_human_codes(survey_db.session, answer.id, ["weather"], "coord@lip.example")


def test_recoding_after_a_lexicon_change_replaces_only_auto_rows(survey_db, tmp_path, monkeypatch):
    response = survey_db.submit(needs_answers(**{"hardest-at-arrival": "Too much snow"}))
    answer = text_answer(survey_db, response, "hardest-at-arrival")
    assert rows(survey_db, answer) == set()
    (tmp_path / "en.json").write_text('{"terms": {"municipal_services": ["snow"]}}')
    monkeypatch.setenv("PARLONS_LEXICON_DIR", str(tmp_path))
    code_response(survey_db.session, response)
    survey_db.session.commit()
    assert rows(survey_db, answer) == {("municipal_services", "auto")}


def test_a_coding_failure_is_logged_and_the_response_is_kept(
    survey_db, tmp_path, monkeypatch, caplog
):
    (tmp_path / "en.json").write_text("{ this is not JSON")
    monkeypatch.setenv("PARLONS_LEXICON_DIR", str(tmp_path))
    with caplog.at_level(logging.ERROR, logger="app.submission"):
        response = survey_db.submit(needs_answers(**{"hardest-at-arrival": HARDEST}))
    assert "coding the free text of response" in caplog.text
    stored = survey_db.session.get(Response, response.id)
    answer = text_answer(survey_db, stored, "hardest-at-arrival")
    assert answer.value_text == HARDEST
    assert rows(survey_db, answer) == set()


def test_a_batch_is_coded_together_and_one_bad_comment_does_not_hold_back_the_rest(
    survey_db, monkeypatch
):
    comments = [HARDEST, "The bus stops running at seven", "Rent is too high"]
    responses = [
        survey_db.submit(needs_answers(**{"hardest-at-arrival": text}), code_now=False)
        for text in comments
    ]
    broken = responses[1].id
    real_code_response = submission.code_response

    def failing_on_one(session, response):
        if response.id == broken:
            raise RuntimeError("coder failure")
        return real_code_response(session, response)

    monkeypatch.setattr(submission, "code_response", failing_on_one)
    assert submission.code_responses(survey_db.session, [r.id for r in responses]) == 3
    survey_db.session.expire_all()
    coded = {r.id: survey_db.session.get(Response, r.id).coded_at for r in responses}
    assert coded[broken] is None  # left for code_pending to retry
    assert all(coded[r.id] is not None for r in responses if r.id != broken)
    themes = [rows(survey_db, text_answer(survey_db, r, "hardest-at-arrival")) for r in responses]
    assert themes[0] == {("health", "auto"), ("housing", "auto")}
    assert themes[2] == {("housing", "auto")}
