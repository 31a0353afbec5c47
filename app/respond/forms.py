"""Build the WTForms form for one page of a definition, and read answers back from it."""

from functools import lru_cache

from app.definitions.model import Definition
from app.gettext_domains import current_locale_code
from app.i18n import survey_text
from app.localized_form import LocalizedForm
from app.respond.questions import ADAPTERS


class PageForm(LocalizedForm):
    """Base for the per-page forms; CSRF comes from Flask-WTF."""


def build_page_form(definition: Definition, questions: list[dict], answers: dict, formdata=None):
    """A form with the fields of ``questions``, filled from ``answers`` or the posted data."""
    layout = tuple(
        (question["id"], ADAPTERS[question["type"]].layout(question, answers))
        for question in questions
    )
    initial = {}
    for question in questions:
        initial.update(ADAPTERS[question["type"]].initial(question, answers))
    form_class = _page_form_class(definition, current_locale_code(), layout)
    return form_class(formdata=formdata, data=initial)


@lru_cache(maxsize=1024)
def _page_form_class(definition: Definition, locale: str, layout: tuple) -> type[PageForm]:
    """One form class per page, locale and layout: building the fields and their translated
    labels took a third of a page request, and WTForms binds fresh fields per form anyway."""
    fields = {}
    for question_id, question_layout in layout:
        question = definition.questions[question_id]
        fields.update(ADAPTERS[question["type"]].fields(definition, question, question_layout))
    return type("PageForm", (PageForm,), fields)


def validate_page(form, questions: list[dict]) -> bool:
    """Run field validators and each question's own checks; True when nothing is wrong."""
    form.validate()
    for question in questions:
        ADAPTERS[question["type"]].check(form, question)
    return not any(field.errors for field in form)


def read_page(form, questions: list[dict]) -> dict:
    """Draft answers from the form, skipping questions that still have errors."""
    answers = {}
    for question in questions:
        if any(form[name].errors for name in _field_names(form, question)):
            continue
        answers.update(ADAPTERS[question["type"]].read(form, question))
    return answers


def _field_names(form, question: dict) -> list[str]:
    prefix = question["id"]
    return [
        field.name for field in form if field.name == prefix or field.name.startswith(prefix + "--")
    ]


def error_summary(form, questions: list[dict]) -> list[tuple[str, str, str]]:
    """(anchor id, what the respondent sees as the question, message) for each error."""
    summary = []
    for question in questions:
        for field in (form[name] for name in _field_names(form, question)):
            choice_like = field.type in ("RadioField", "_MultiCheckbox")
            anchor = f"{field.id}-0" if choice_like else field.id
            label = survey_text(question["text"])
            if question["type"] == "likert_grid":
                label = f"{label} \u2013 {field.label.text}"
            summary.extend((anchor, label, message) for message in field.errors)
    return summary
