"""Starting the app: configuration, migrations, published versions, broken files."""

import json
import logging

import pytest
from sqlalchemy import select

from app import create_app
from app.config import DEFAULT_SECRET, UnsafeConfiguration, from_environment
from app.db import get_db
from app.models import Response, SurveyVersion
from tests.conftest import Respondent
from tests.sample_answers import FULL_ANSWERS, PAGES, answer_all


def test_production_refuses_the_default_secret(app_config):
    with pytest.raises(UnsafeConfiguration, match="SECRET_KEY"):
        create_app({**app_config, "PRODUCTION": True, "SECRET_KEY": DEFAULT_SECRET})


def test_production_starts_with_its_own_secret(app_config):
    app = create_app({**app_config, "PRODUCTION": True, "SECRET_KEY": "x" * 64})
    assert "Newcomer needs assessment" in app.test_client().get("/en/").get_data(as_text=True)


def test_environment_chooses_database_and_secret():
    settings = from_environment(
        {
            "DATABASE_URL": "postgresql://db/parlons",
            "SECRET_KEY": "s3cret",
            "PARLONS_ENV": "production",
        }
    )
    assert settings["DATABASE_URL"] == "postgresql://db/parlons"
    assert settings["SECRET_KEY"] == "s3cret"
    assert settings["SESSION_COOKIE_SECURE"] is True
    local = from_environment({})
    assert local["DATABASE_URL"].startswith("sqlite:///") and local["PRODUCTION"] is False


def versions(app):
    """(survey, version) of the sample questionnaire, oldest first."""
    query = select(SurveyVersion).where(SurveyVersion.survey_id == "needs-assessment")
    with app.app_context():
        return [
            (v.survey_id, v.version) for v in get_db().scalars(query.order_by(SurveyVersion.id))
        ]


def test_restart_with_unchanged_file_keeps_the_version(app, app_config):
    create_app(app_config)
    assert versions(app) == [("needs-assessment", 1)]


def test_changed_definition_becomes_a_new_version_and_old_responses_keep_theirs(
    app, app_config, surveys_dir
):
    first = Respondent(app.test_client())
    first.start()
    answer_all(first)

    path = surveys_dir / "needs-assessment.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pages"][0]["questions"][1]["text"] = "What is your age group?"
    path.write_text(json.dumps(data), encoding="utf-8")
    second_app = create_app(app_config)
    assert versions(second_app) == [("needs-assessment", 1), ("needs-assessment", 2)]

    second = Respondent(second_app.test_client())
    second.start()
    assert "What is your age group?" in second.html
    answer_all(second)
    with second_app.app_context():
        answered = sorted(r.survey_version.version for r in get_db().scalars(select(Response)))
        stored_v1 = (
            get_db()
            .scalars(
                select(SurveyVersion).where(
                    SurveyVersion.survey_id == "needs-assessment", SurveyVersion.version == 1
                )
            )
            .one()
        )
    assert answered == [1, 2]
    assert stored_v1.definition["pages"][0]["questions"][1]["text"] == "How old are you?"


def test_an_unfinished_draft_carries_on_when_the_definition_changes(app, app_config, surveys_dir):
    """A typo fixed mid-fieldwork must not throw away the answers people have saved."""
    before = Respondent(app.test_client())
    before.start()
    before.answer(FULL_ANSWERS["about-you"])
    cookie = before.client.get_cookie("parlons_draft_needs-assessment")

    path = surveys_dir / "needs-assessment.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["pages"][1]["questions"][0]["text"] = "What was the hardest thing when you arrived?"
    path.write_text(json.dumps(data), encoding="utf-8")
    second_app = create_app(app_config)
    client = second_app.test_client()
    client.set_cookie(cookie.key, cookie.value)

    after = Respondent(client)
    after.get("/en/s/needs-assessment/")
    assert after.path.endswith("/p/arrival")
    assert "What was the hardest thing when you arrived?" in after.html
    for page_id in PAGES[1:]:
        after.answer(FULL_ANSWERS[page_id], "submit" if page_id == PAGES[-1] else "next")
    with second_app.app_context():
        response = get_db().scalars(select(Response)).one()
        answered = {a.question_id: a.option_code for a in response.answers}
        version = response.survey_version.version
    assert version == 2
    assert answered["community"] == FULL_ANSWERS["about-you"]["community"]


def test_a_broken_file_is_logged_and_the_other_surveys_still_serve(app_config, surveys_dir, caplog):
    (surveys_dir / "broken.json").write_text(
        '{"id": "broken", "kind": "questionnaire"', encoding="utf-8"
    )
    with caplog.at_level(logging.ERROR):
        app = create_app(app_config)
    assert f"{surveys_dir / 'broken.json'}: $: invalid JSON" in caplog.text
    respondent = Respondent(app.test_client())
    respondent.start()
    assert "Page 1 of 6" in respondent.html
