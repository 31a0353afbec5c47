"""Which stored answers speak to which theme, read from the survey definitions.

A definition ties themes to options, to grid items and to whole questions. These
ties become small VALUES tables in SQL, so a theme tally is one join and one
GROUP BY however many versions it covers.
"""

from collections.abc import Callable, Iterable

from sqlalchemy import CTE, Integer, String, column, values

from analysis.filters import SurveyVersionInfo
from app.definitions.model import PREFER_NOT_TO_SAY

LIKERT_TYPES = {"likert", "likert_grid"}

Row = tuple
Extract = Callable[[dict], Iterable[Row]]


def option_themes(question: dict) -> Iterable[Row]:
    """(question_id, option_code, theme) for each option that carries themes."""
    if question["type"] == "likert_grid":
        return
    for option in question.get("options", []):
        for theme in option.get("themes", []):
            yield question["id"], option["code"], theme


def question_themes(question: dict) -> Iterable[Row]:
    """(question_id, theme): any answer to the question, except "prefer not to say"."""
    for theme in question.get("themes", []):
        yield question["id"], theme


def item_themes(question: dict) -> Iterable[Row]:
    """(question_id, item_id, theme) for grid items that carry themes."""
    for item in question.get("items", []):
        for theme in item.get("themes", []):
            yield question["id"], item["code"], theme


def likert_question_themes(question: dict) -> Iterable[Row]:
    """(question_id, theme) of single Likert questions."""
    if question["type"] == "likert":
        yield from question_themes(question)


def likert_item_themes(question: dict) -> Iterable[Row]:
    """(question_id, item_id, theme) of Likert grid items, the grid's own themes included."""
    if question["type"] != "likert_grid":
        return
    for item in question.get("items", []):
        for theme in {*item.get("themes", []), *question.get("themes", [])}:
            yield question["id"], item["code"], theme


def ranking_themes(question: dict) -> Iterable[Row]:
    """(question_id, option_code, theme, rank_count) of ranking options that carry themes."""
    if question["type"] != "ranking":
        return
    rank_count = question.get("rank_count") or len(question.get("options", []))
    for option in question.get("options", []):
        for theme in option.get("themes", []):
            yield question["id"], option["code"], theme, rank_count


COLUMNS = {
    option_themes: ("question_id", "option_code", "theme"),
    question_themes: ("question_id", "theme"),
    item_themes: ("question_id", "item_id", "theme"),
    likert_question_themes: ("question_id", "theme"),
    likert_item_themes: ("question_id", "item_id", "theme"),
    ranking_themes: ("question_id", "option_code", "theme", "rank_count"),
}


def mapping(
    name: str, extract: Extract, versions: dict[int, SurveyVersionInfo]
) -> tuple[CTE | None, bool]:
    """A VALUES table of what ``extract`` finds, and whether it needs a version_id column.

    When every version ties the same themes (the usual case) the table has no
    version column and joins on the answer alone. ``None`` when nothing is tied.
    """
    per_version = {
        version_id: frozenset(
            row for question in info.definition.questions.values() for row in extract(question)
        )
        for version_id, info in versions.items()
    }
    names = COLUMNS[extract]
    versioned = len(set(per_version.values())) > 1
    if versioned:
        rows = sorted((vid, *row) for vid, found in per_version.items() for row in found)
        names = ("version_id", *names)
    else:
        rows = sorted(next(iter(per_version.values()), frozenset()))
    if not rows:
        return None, False
    columns = [column(n, Integer if n in ("version_id", "rank_count") else String) for n in names]
    return values(*columns, name=name).data(rows).cte(name), versioned


def not_prefer_not_to_say(option_code):
    return option_code.is_(None) | (option_code != PREFER_NOT_TO_SAY)
