"""Free text of web submissions is coded by a background worker once submissions pause,
in one batch, on SQLite and PostgreSQL."""

import time

from sqlalchemy import select

from app import coding_jobs
from app.db import get_db
from app.models import Answer, AnswerTheme, Response
from tests.conftest import Respondent
from tests.sample_answers import answer_all


def coded_themes(app) -> list[set[str]]:
    with app.app_context():
        session = get_db()
        responses = session.scalars(select(Response).order_by(Response.id)).all()
        if any(response.coded_at is None for response in responses):
            return []
        query = (
            select(Answer.response_id, AnswerTheme.theme)
            .join(AnswerTheme, AnswerTheme.answer_id == Answer.id)
            .where(Answer.question_id == "hardest-at-arrival")
        )
        themes = {response.id: set() for response in responses}
        for response_id, theme in session.execute(query):
            themes[response_id].add(theme)
        return list(themes.values())


def test_web_submissions_are_coded_in_the_background_after_a_pause(app, monkeypatch):
    monkeypatch.setattr(coding_jobs, "QUIET_S", 0.2)
    for _ in range(3):
        respondent = Respondent(app.test_client())
        respondent.start()
        answer_all(respondent)  # "Finding an apartment without credit history"
    deadline = time.monotonic() + 20
    while not (themes := coded_themes(app)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert themes == [{"housing"}] * 3
