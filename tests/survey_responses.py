"""Real submitted responses for the analysis tests, without a web server.

Each response goes through the same path as a browser's: a draft holding the
answers, then ``app.submission.submit_draft`` turns it into rows.
"""

from datetime import UTC, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.database import make_engine, make_session_factory
from app.definitions import load_folder
from app.definitions.publish import publish
from app.drafts import create_draft, save_answers
from app.migrate import upgrade
from app.models import Answer, AnswerTheme, Response
from app.submission import submit_draft
from tests.conftest import ROOT

NEEDS = "needs-assessment"
INTAKE = "focus-group-intake"


class SurveyDatabase:
    """A migrated database with the sample surveys published, and a way to fill it."""

    def __init__(self, url: str, surveys_dir=ROOT / "surveys"):
        self.url = url
        self.engine = make_engine(url)
        upgrade(self.engine)
        self.session: Session = make_session_factory(self.engine)()
        loaded, errors = load_folder(surveys_dir)
        assert not errors, errors
        self.definitions = {sid: item.definition for sid, item in loaded.items()}
        self.versions = {
            sid: publish(self.session, definition, f"{sid}.json")
            for sid, definition in self.definitions.items()
        }

    def submit(
        self,
        answers: dict,
        locale: str = "en",
        channel: str = "web",
        survey: str = NEEDS,
        submitted_at: datetime | None = None,
        code_now: bool = True,
    ) -> Response:
        draft = create_draft(self.session, self.versions[survey], locale, 30, channel)
        save_answers(self.session, draft, answers, 0, 30)
        response_id = submit_draft(self.session, draft, self.definitions[survey], code_now)
        if submitted_at is not None:
            self.session.execute(
                update(Response)
                .where(Response.id == response_id)
                .values(submitted_at=submitted_at.replace(tzinfo=UTC))
            )
            self.session.commit()
        return self.session.get(Response, response_id)

    def code(self, response: Response, question_id: str, themes: list[str], source: str):
        """Make a free-text answer's ``source`` codes ("auto" as the coder, "human" as staff)
        exactly ``themes``, whatever the coder found when the response was submitted."""
        answer = next(a for a in response.answers if a.question_id == question_id)
        self.session.execute(
            delete(AnswerTheme).where(
                AnswerTheme.answer_id == answer.id, AnswerTheme.source == source
            )
        )
        self.session.add_all(
            AnswerTheme(answer_id=answer.id, theme=theme, source=source) for theme in themes
        )
        self.session.commit()

    def answer_rows(self, survey: str = NEEDS) -> int:
        """How many answer rows the survey's responses stored."""
        query = (
            select(func.count())
            .select_from(Answer)
            .join(Response, Response.id == Answer.response_id)
            .where(Response.survey_id == survey)
        )
        return self.session.scalar(query)

    def close(self):
        self.session.close()
        self.engine.dispose()


def needs_answers(community: str = "downtown", **changes) -> dict:
    """Draft answers to the needs assessment: a complete, plausible questionnaire."""
    answers = {
        "community": community,
        "age-group": "25-34",
        "gender": "woman",
        "time-in-canada": "1-3",
        "immigration-category": "refugee",
        "home-languages": ["arabic"],
        "first-help": "settlement-agency",
        "housing-type": "rent-apartment",
        "housing-affordable": 2,
        "services-used": ["settlement-agency", "language-class"],
        "language-class": "no",
        "family-doctor": "no-looking",
        "employment-status": "part-time",
        "discrimination": "no",
        "agency-satisfaction": 4,
        "job-matches-skills": 3,
        "education-level": "bachelor",
        "satisfaction-grid": {"housing": 2, "health": 4, "media": "prefer_not_to_say"},
        "feel-welcome": 4,
        "feel-safe": 5,
        "top-priorities": ["housing", "employment", "health", "education", "transit"],
        "heard-about": "agency",
    }
    answers.update(changes)
    return {key: value for key, value in answers.items() if value is not None}
