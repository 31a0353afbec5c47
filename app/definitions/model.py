"""A loaded survey definition: its pages and questions, and which of them show.

Pure data access over the validated JSON; knows nothing of Flask or storage.
Draft answers are a dict keyed by question id (``"<id>/other"`` for the
"Other (please specify)" text); values are a code, a list of codes, a dict of
grid item -> scale value, a number, or text.
"""

from dataclasses import dataclass
from functools import cached_property

CHOICE_TYPES = {"single_choice", "multiple_choice", "ranking"}
PREFER_NOT_TO_SAY = "prefer_not_to_say"
OTHER = "other"


def other_key(question_id: str) -> str:
    return f"{question_id}/other"


def is_empty(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


@dataclass(frozen=True, eq=False)  # identity: a loaded definition is one object
class Definition:
    data: dict

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def kind(self) -> str:
        return self.data["kind"]

    @property
    def source_locale(self) -> str:
        return self.data["source_locale"]

    @property
    def locales(self) -> list[str]:
        return self.data.get("locales") or [self.source_locale]

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def pages(self) -> list[dict]:
        return self.data["pages"]

    @cached_property
    def questions(self) -> dict[str, dict]:
        """Every question by id, in definition order."""
        return {q["id"]: q for page in self.pages for q in page["questions"]}

    @cached_property
    def page_of(self) -> dict[str, int]:
        return {q["id"]: index for index, page in enumerate(self.pages) for q in page["questions"]}

    def scale(self, name: str) -> list[dict]:
        return self.data.get("scales", {})[name]

    def question_with_dimension(self, dimension: str) -> dict | None:
        return next((q for q in self.questions.values() if q.get("dimension") == dimension), None)

    def is_shown(self, element: dict, answers: dict) -> bool:
        """Evaluate an element's ``show_if`` against earlier answers."""
        rule = element.get("show_if")
        if rule is None:
            return True
        source = self.questions[rule["question"]]
        value = answers.get(source["id"]) if self.is_question_shown(source, answers) else None
        if "not_answered" in rule:
            return is_empty(value)
        wanted = [rule["equals"]] if "equals" in rule else rule["any_of"]
        given = value if isinstance(value, list) else [value]
        return any(_same(w, g) for w in wanted for g in given if not is_empty(g))

    def is_question_shown(self, question: dict, answers: dict) -> bool:
        page = self.pages[self.page_of[question["id"]]]
        return self.is_shown(page, answers) and self.is_shown(question, answers)

    def visible_questions(self, page_index: int, answers: dict) -> list[dict]:
        page = self.pages[page_index]
        if not self.is_shown(page, answers):
            return []
        return [q for q in page["questions"] if self.is_shown(q, answers)]

    def visible_pages(self, answers: dict) -> list[int]:
        """Indexes of the pages that have at least one question to show."""
        return [i for i in range(len(self.pages)) if self.visible_questions(i, answers)]

    def page_index(self, page_id: str) -> int | None:
        return next((i for i, page in enumerate(self.pages) if page["id"] == page_id), None)

    def first_page(self, answers: dict) -> int:
        return self.visible_pages(answers)[0]

    def page_after(self, index: int, answers: dict) -> int | None:
        """The next page to show, or None when ``index`` is the last one."""
        return next((i for i in self.visible_pages(answers) if i > index), None)

    def page_before(self, index: int, answers: dict) -> int | None:
        return next((i for i in reversed(self.visible_pages(answers)) if i < index), None)

    def progress(self, index: int, answers: dict) -> tuple[int, int]:
        """(position of this page among the pages shown, how many are shown)."""
        visible = self.visible_pages(answers)
        position = sum(1 for i in visible if i <= index)
        return max(position, 1), len(visible)

    def kept_answers(self, answers: dict) -> dict:
        """The answers (and their "Other" texts) to questions this definition asks."""
        asked = set(self.questions) | {other_key(qid) for qid in self.questions}
        return {key: value for key, value in answers.items() if key in asked}

    def shown_answers(self, answers: dict) -> dict:
        """Only the answers to questions that are shown, as they will be stored."""
        kept = {}
        for page_index in range(len(self.pages)):
            for question in self.visible_questions(page_index, answers):
                qid = question["id"]
                if not is_empty(answers.get(qid)):
                    kept[qid] = answers[qid]
                    if not is_empty(answers.get(other_key(qid))):
                        kept[other_key(qid)] = answers[other_key(qid)]
        return kept


def _same(wanted, given) -> bool:
    if isinstance(wanted, (int, float)) and not isinstance(wanted, bool):
        try:
            return float(given) == float(wanted)
        except (TypeError, ValueError):
            return False
    return str(given) == str(wanted)
