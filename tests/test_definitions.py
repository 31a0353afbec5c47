"""Definition checks: every class of error is reported as `file: JSON path: reason`."""

import copy
import json

import pytest

from app.definitions import load_definition, load_folder
from app.definitions.model import Definition
from tests.conftest import ROOT

SAMPLE = json.loads((ROOT / "surveys" / "needs-assessment.json").read_text(encoding="utf-8"))


def write(tmp_path, data, name="survey.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def errors_of(tmp_path, data):
    definition, errors = load_definition(write(tmp_path, data))
    assert definition is None
    return [str(e) for e in errors]


def changed(edit):
    data = copy.deepcopy(SAMPLE)
    edit(data)
    return data


def test_sample_definitions_are_valid():
    loaded, errors = load_folder(ROOT / "surveys")
    assert errors == []
    assert "needs-assessment" in loaded
    questions = loaded["needs-assessment"].definition.questions
    assert 25 <= len(questions) <= 35
    assert 5 <= len(loaded["needs-assessment"].definition.pages) <= 7


def test_sample_uses_every_question_type_and_dimension():
    definition = Definition(SAMPLE)
    types = {q["type"] for q in definition.questions.values()}
    assert types >= {
        "single_choice",
        "multiple_choice",
        "likert",
        "likert_grid",
        "ranking",
        "long_text",
        "number",
        "month_year",
    }
    dimensions = {q.get("dimension") for q in definition.questions.values()} - {None}
    assert dimensions == {
        "community",
        "gender",
        "age_group",
        "time_in_canada",
        "immigration_category",
        "language",
    }


def test_invalid_json_reports_line_and_column(tmp_path):
    [message] = errors_of(tmp_path, '{"id": "x",\n  "kind": }')
    assert message.startswith(f"{tmp_path / 'survey.json'}: $: invalid JSON at line 2 column")


def test_not_utf8_is_reported(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes('{"title": "Qu\xe9bec"}'.encode("latin-1"))
    _definition, [error] = load_definition(path)
    assert "not UTF-8" in error.reason


def test_missing_required_property_names_its_place(tmp_path):
    data = changed(lambda d: d["pages"][1]["questions"][0].pop("text"))
    assert (
        f"{tmp_path / 'survey.json'}: $.pages[1].questions[0]: 'text' is a required property"
        in errors_of(tmp_path, data)
    )


def test_unknown_question_type_is_reported(tmp_path):
    data = changed(lambda d: d["pages"][0]["questions"][0].update(type="slider"))
    [message] = errors_of(tmp_path, data)
    assert "$.pages[0].questions[0].type: 'slider' is not one of" in message


def test_choice_question_without_options_is_reported(tmp_path):
    data = changed(lambda d: d["pages"][0]["questions"][0].pop("options"))
    assert any(
        "$.pages[0].questions[0]: 'options' is a required property" in m
        for m in errors_of(tmp_path, data)
    )


def test_unexpected_property_is_reported(tmp_path):
    data = changed(lambda d: d["pages"][0]["questions"][1].update(colour="red"))
    [message] = errors_of(tmp_path, data)
    assert "$.pages[0].questions[1]" in message and "'colour' was unexpected" in message


def test_offered_languages_must_include_the_source_language(tmp_path):
    data = changed(lambda d: d.update(locales=["fr", "ar"]))
    [message] = errors_of(tmp_path, data)
    assert message.startswith(f"{tmp_path / 'survey.json'}: $.locales: must include the source")


def test_duplicate_question_id(tmp_path):
    data = changed(lambda d: d["pages"][1]["questions"][0].update(id="community"))
    assert (
        f"{tmp_path / 'survey.json'}: $.pages[1].questions[0].id: duplicate question id 'community'"
        in errors_of(tmp_path, data)
    )


def test_duplicate_page_id(tmp_path):
    data = changed(lambda d: d["pages"][1].update(id="about-you"))
    assert any(
        "$.pages[1].id: duplicate page id 'about-you'" in m for m in errors_of(tmp_path, data)
    )


def test_duplicate_option_code(tmp_path):
    def edit(d):
        d["pages"][0]["questions"][0]["options"][1]["code"] = "downtown"

    assert any(
        "$.pages[0].questions[0].options: duplicate option code 'downtown'" in m
        for m in errors_of(tmp_path, changed(edit))
    )


def test_show_if_naming_an_unknown_question(tmp_path):
    data = changed(lambda d: d["pages"][3]["questions"][0]["show_if"].update(question="nope"))
    assert any(
        "$.pages[3].questions[0].show_if.question: show_if names an unknown question 'nope'" in m
        for m in errors_of(tmp_path, data)
    )


def test_show_if_naming_a_later_question(tmp_path):
    data = changed(
        lambda d: d["pages"][0]["questions"][1].update(
            show_if={"question": "feel-safe", "equals": "5"}
        )
    )
    assert any(
        "$.pages[0].questions[1].show_if.question: show_if names a later question 'feel-safe'" in m
        for m in errors_of(tmp_path, data)
    )


def test_show_if_on_the_same_page_is_refused(tmp_path):
    data = changed(
        lambda d: d["pages"][0]["questions"][1].update(
            show_if={"question": "community", "equals": "rural"}
        )
    )
    assert any("on the same page" in m for m in errors_of(tmp_path, data))


def test_show_if_value_that_is_not_an_option(tmp_path):
    data = changed(lambda d: d["pages"][3]["questions"][1]["show_if"].update(equals="maybe"))
    assert any(
        "'maybe' is not an option of question 'language-class'" in m
        for m in errors_of(tmp_path, data)
    )


def test_unknown_theme_code_on_option_and_question(tmp_path):
    def edit(d):
        d["pages"][1]["questions"][1]["options"][0]["themes"] = ["settlement"]
        d["pages"][1]["questions"][3]["themes"] = ["housing", "rent"]

    messages = errors_of(tmp_path, changed(edit))
    assert any(
        "$.pages[1].questions[1].options[0].themes[0]: unknown theme code 'settlement'" in m
        for m in messages
    )
    assert any(
        "$.pages[1].questions[3].themes[1]: unknown theme code 'rent'" in m for m in messages
    )


def test_unknown_scale(tmp_path):
    data = changed(lambda d: d["pages"][1]["questions"][4].update(scale="stars"))
    assert any(
        "$.pages[1].questions[4].scale: unknown scale 'stars'" in m
        for m in errors_of(tmp_path, data)
    )


def test_ranking_more_than_its_options(tmp_path):
    data = changed(lambda d: d["pages"][5]["questions"][0].update(rank_count=40))
    assert any("rank_count is more than the 17 options" in m for m in errors_of(tmp_path, data))


def test_min_greater_than_max(tmp_path):
    data = changed(lambda d: d["pages"][1]["questions"][2].update(min=30))
    assert any(
        "$.pages[1].questions[2].min: min is greater than max" in m
        for m in errors_of(tmp_path, data)
    )


@pytest.mark.parametrize("kind", ["questionnaire", "focus_group"])
def test_kind_accepts_questionnaire_and_focus_group(tmp_path, kind):
    definition, errors = load_definition(write(tmp_path, changed(lambda d: d.update(kind=kind))))
    assert errors == [] and definition.kind == kind


def test_same_survey_id_in_two_files_keeps_the_first(tmp_path):
    write(tmp_path, SAMPLE, "a.json")
    write(tmp_path, SAMPLE, "b.json")
    loaded, [error] = load_folder(tmp_path)
    assert loaded["needs-assessment"].path.name == "a.json"
    assert str(error).endswith(
        "$.id: survey id 'needs-assessment' is already used by " + str(tmp_path / "a.json")
    )


def test_show_if_rules_equals_any_of_and_not_answered():
    definition = Definition(SAMPLE)
    barriers = definition.questions["language-class-barriers"]
    assert definition.is_shown(barriers, {"language-class": "no"})
    assert not definition.is_shown(barriers, {"language-class": "linc"})
    satisfaction = definition.questions["agency-satisfaction"]
    assert definition.is_shown(satisfaction, {"services-used": ["library", "settlement-agency"]})
    assert not definition.is_shown(satisfaction, {"services-used": ["library"]})
    not_answered = {"show_if": {"question": "language-class", "not_answered": True}}
    assert definition.is_shown(not_answered, {})
    assert not definition.is_shown(not_answered, {"language-class": "no"})
