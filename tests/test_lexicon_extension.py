"""A coordinator adds words to the term lists without touching code: checked, then recoded."""

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from analysis.coding_store import set_human_codes
from analysis.lexicon import LexiconError, read_extension
from app.cli import main
from app.models import Answer, AnswerTheme
from tests.survey_responses import SurveyDatabase, needs_answers


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"terms": {"houseing": ["loyer*"]}}', "terms.houseing: unknown theme code"),
        ('{"terms": {"housing": "loyer"}}', "terms.housing: expected a list of words"),
        ('{"terms": {"housing": ["loyer",]}}', "line 1, column 32: Expecting value"),
        ('["loyer"]', "expected an object"),
    ],
)
def test_a_broken_term_list_is_refused_saying_where(tmp_path, content, problem):
    path = tmp_path / "fr.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=problem):
        read_extension(path)


def test_check_lexicons_names_each_broken_file_and_fails(tmp_path):
    (tmp_path / "fr.json").write_text('{"terms": {"housing": ["loyer*"]}}', encoding="utf-8")
    (tmp_path / "es.json").write_text('{"terms": {"vivienda": ["renta"]}}', encoding="utf-8")
    result = CliRunner().invoke(main, ["analysis", "check-lexicons", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'fr.json'}: ok" in result.stdout
    assert f"{tmp_path / 'es.json'}: terms.vivienda: unknown theme code" in result.stderr


@pytest.fixture
def survey_db(database_url):
    database = SurveyDatabase(database_url)
    yield database
    database.close()


def themes_of(survey_db, response_id: int, question_id: str) -> set[tuple[str, str]]:
    query = (
        select(AnswerTheme.theme, AnswerTheme.source)
        .join(Answer, Answer.id == AnswerTheme.answer_id)
        .where(Answer.response_id == response_id, Answer.question_id == question_id)
    )
    survey_db.session.expire_all()
    return set(survey_db.session.execute(query).all())


def test_recode_applies_added_words_and_keeps_staff_corrections(survey_db, tmp_path):
    snow = survey_db.submit(needs_answers(**{"hardest-at-arrival": "Too much snow"}))
    corrected = survey_db.submit(needs_answers(**{"hardest-at-arrival": "Snow everywhere"}))
    answer_id = survey_db.session.scalar(
        select(Answer.id).where(
            Answer.response_id == corrected.id, Answer.question_id == "hardest-at-arrival"
        )
    )
    set_human_codes(survey_db.session, answer_id, ["transit"], "coord@lip.example")
    survey_db.session.commit()
    assert themes_of(survey_db, snow.id, "hardest-at-arrival") == set()

    (tmp_path / "en.json").write_text('{"terms": {"municipal_services": ["snow"]}}')
    env = {"DATABASE_URL": survey_db.url, "PARLONS_LEXICON_DIR": str(tmp_path)}
    result = CliRunner().invoke(
        main, ["analysis", "recode", "--survey", "needs-assessment"], env=env
    )
    assert result.exit_code == 0, result.output
    assert "2 responses coded again" in result.output
    assert themes_of(survey_db, snow.id, "hardest-at-arrival") == {("municipal_services", "auto")}
    assert ("transit", "human") in themes_of(survey_db, corrected.id, "hardest-at-arrival")
