"""One adapter per question type: the WTForms fields it needs, how stored answers fill
them, how their data becomes an answer, and the checks a single field cannot make.

The page form builder (forms.py) only looks questions up in ``ADAPTERS``.
"""

from flask_babel import gettext as _
from wtforms import BooleanField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from app.definitions.model import OTHER, PREFER_NOT_TO_SAY, Definition, other_key
from app.i18n import survey_text
from app.respond.numbers import (
    format_number,
    month_names,
    parse_date,
    parse_number,
    quote_languages,
)

SHORT_TEXT_LIMIT = 200
LONG_TEXT_LIMIT = 5000


def part(question: dict, suffix: str) -> str:
    """Name of one of a question's extra fields (grid item, rank, other text...)."""
    return f"{question['id']}--{suffix}"


def choice_list(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def option_choices(question: dict) -> list[tuple[str, str]]:
    choices = [(o["code"], survey_text(o["label"])) for o in question["options"]]
    if question.get("other"):
        choices.append((OTHER, _("Other (please specify)")))
    if question.get("prefer_not_to_say"):
        choices.append((PREFER_NOT_TO_SAY, _("Prefer not to say")))
    return choices


def scale_choices(definition: Definition, question: dict) -> list[tuple[str, str]]:
    choices = [
        (str(p["value"]), survey_text(p["label"])) for p in definition.scale(question["scale"])
    ]
    if question.get("prefer_not_to_say"):
        choices.append((PREFER_NOT_TO_SAY, _("Prefer not to say")))
    return choices


def _scale_value(raw: str):
    return raw if raw == PREFER_NOT_TO_SAY else int(raw)


class Adapter:
    """Base: a question kept in one field named after the question id."""

    def layout(self, question: dict, answers: dict):
        """What of the saved answers changes the fields (hashable; None: nothing does)."""
        return None

    def fields(self, definition: Definition, question: dict, layout) -> dict:
        """The unbound fields; they may depend on the locale and ``layout``, nothing else."""
        raise NotImplementedError

    def initial(self, question: dict, answers: dict) -> dict:
        value = answers.get(question["id"])
        return {} if value is None else {question["id"]: value}

    def read(self, form, question: dict) -> dict:
        return {question["id"]: form[question["id"]].data or None}

    def check(self, form, question: dict) -> None:
        """Add errors a field's own validators cannot see; required is checked here."""
        if question.get("required") and not form[question["id"]].data:
            form[question["id"]].errors.append(_("Please answer this question."))


class SingleChoice(Adapter):
    def fields(self, definition, question, layout):
        fields = {
            question["id"]: RadioField(
                choices=choice_list(option_choices(question)), validate_choice=False
            )
        }
        if question.get("other"):
            fields[part(question, OTHER)] = StringField(
                validators=[Length(max=SHORT_TEXT_LIMIT, message=_too_long(SHORT_TEXT_LIMIT))]
            )
        return fields

    def initial(self, question, answers):
        data = super().initial(question, answers)
        if answers.get(other_key(question["id"])):
            data[part(question, OTHER)] = answers[other_key(question["id"])]
        return data

    def read(self, form, question):
        value = form[question["id"]].data or None
        return {
            question["id"]: value,
            other_key(question["id"]): _other_text(form, question, value),
        }

    def check(self, form, question):
        super().check(form, question)
        _check_known(form[question["id"]], [form[question["id"]].data])
        _check_other(form, question, [form[question["id"]].data])


class MultipleChoice(SingleChoice):
    def fields(self, definition, question, layout):
        fields = super().fields(definition, question, layout)
        fields[question["id"]] = _MultiCheckbox(
            choices=choice_list(option_choices(question)), validate_choice=False
        )
        return fields

    def read(self, form, question):
        chosen = [code for code in form[question["id"]].data or [] if code]
        return {
            question["id"]: chosen,
            other_key(question["id"]): _other_text(form, question, chosen),
        }

    def check(self, form, question):
        field = form[question["id"]]
        chosen = field.data or []
        low, high = (
            question.get("min_selected", 1 if question.get("required") else 0),
            question.get("max_selected"),
        )
        _check_known(field, chosen)
        if PREFER_NOT_TO_SAY in chosen and len(chosen) > 1:
            field.errors.append(
                _("\u201cPrefer not to say\u201d cannot be combined with other answers.")
            )
        elif chosen != [PREFER_NOT_TO_SAY] and (chosen or question.get("required")):
            if len(chosen) < low:
                field.errors.append(_("Please choose at least %(n)s.", n=low))
            if high is not None and len(chosen) > high:
                field.errors.append(_("Please choose at most %(n)s.", n=high))
        _check_other(form, question, chosen)


class Likert(Adapter):
    def fields(self, definition, question, layout):
        return {
            question["id"]: RadioField(
                choices=choice_list(scale_choices(definition, question)), validate_choice=False
            )
        }

    def initial(self, question, answers):
        value = answers.get(question["id"])
        return {} if value is None else {question["id"]: str(value)}

    def read(self, form, question):
        raw = form[question["id"]].data
        return {question["id"]: _scale_value(raw) if raw else None}

    def check(self, form, question):
        super().check(form, question)
        _check_known(form[question["id"]], [form[question["id"]].data])


class LikertGrid(Adapter):
    def fields(self, definition, question, layout):
        choices = choice_list(scale_choices(definition, question))
        return {
            part(question, item["code"]): RadioField(
                label=survey_text(item["label"]), choices=choices, validate_choice=False
            )
            for item in question["items"]
        }

    def initial(self, question, answers):
        ratings = answers.get(question["id"]) or {}
        return {part(question, item): str(value) for item, value in ratings.items()}

    def read(self, form, question):
        ratings = {
            item["code"]: _scale_value(form[part(question, item["code"])].data)
            for item in question["items"]
            if form[part(question, item["code"])].data
        }
        return {question["id"]: ratings or None}

    def check(self, form, question):
        for item in question["items"]:
            field = form[part(question, item["code"])]
            _check_known(field, [field.data])
            if question.get("required") and not field.data:
                field.errors.append(_("Please answer this question."))


class Ranking(Adapter):
    def fields(self, definition, question, layout):
        choices = choice_list([("", _("Choose\u2026"))] + option_choices(question))
        return {
            part(question, rank): SelectField(
                label=_("Choice %(rank)s", rank=rank), choices=choices, validate_choice=False
            )
            for rank in range(1, question["rank_count"] + 1)
        }

    def initial(self, question, answers):
        ranked = answers.get(question["id"]) or []
        return {part(question, rank): code for rank, code in enumerate(ranked, start=1)}

    def read(self, form, question):
        ranked = [form[name].data for name in self._names(question) if form[name].data]
        return {question["id"]: ranked or None}

    def check(self, form, question):
        names = self._names(question)
        seen = set()
        for rank, name in enumerate(names, start=1):
            field, earlier = form[name], form[names[rank - 2]] if rank > 1 else None
            _check_known(field, [field.data])
            if field.data and field.data in seen:
                field.errors.append(_("You already chose this. Please choose something different."))
            if field.data and earlier is not None and not earlier.data:
                field.errors.append(_("Please fill in the choices above this one first."))
            if question.get("required") and not field.data:
                field.errors.append(_("Please choose an answer."))
            seen.add(field.data)

    @staticmethod
    def _names(question):
        return [part(question, rank) for rank in range(1, question["rank_count"] + 1)]


class Text(Adapter):
    def __init__(self, field_class, limit):
        self.field_class, self.limit = field_class, limit

    def fields(self, definition, question, layout):
        limit = question.get("max_length", self.limit)
        return {
            question["id"]: self.field_class(
                validators=[Length(max=limit, message=_too_long(limit))]
            )
        }

    def read(self, form, question):
        text = (form[question["id"]].data or "").strip()
        return {question["id"]: text or None}

    def check(self, form, question):
        if question.get("required") and not (form[question["id"]].data or "").strip():
            form[question["id"]].errors.append(_("Please answer this question."))


def number_error(text: str, question: dict) -> str | None:
    """Why ``text`` is not an acceptable number for ``question``, or None when it is."""
    number = parse_number(text)
    low, high = question.get("min"), question.get("max")
    if number is None or (question.get("integer") and number != int(number)):
        return _("Please enter a number, for example %(example)s.", example=format_number(low or 3))
    if (low is None or number >= low) and (high is None or number <= high):
        return None
    if low is not None and high is not None:
        return _(
            "Please enter a number from %(min)s to %(max)s.",
            min=format_number(low),
            max=format_number(high),
        )
    if low is not None:
        return _("Please enter a number of at least %(min)s.", min=format_number(low))
    return _("Please enter a number of at most %(max)s.", max=format_number(high))


class Number(Adapter):
    def fields(self, definition, question, layout):
        fields = {question["id"]: StringField(render_kw={"inputmode": "decimal"})}
        return _with_decline_box(fields, question)

    def initial(self, question, answers):
        value = answers.get(question["id"])
        if value == PREFER_NOT_TO_SAY:
            return _decline_box_ticked(question)
        return {} if value is None else {question["id"]: format_number(value)}

    def read(self, form, question):
        if _declined(form, question):
            return {question["id"]: PREFER_NOT_TO_SAY}
        return {question["id"]: parse_number(form[question["id"]].data or "")}

    def check(self, form, question):
        field, text = form[question["id"]], (form[question["id"]].data or "").strip()
        if _declined(form, question):
            return
        if not text:
            if question.get("required"):
                field.errors.append(_("Please answer this question."))
            return
        if (error := number_error(text, question)) is not None:
            field.errors.append(error)


class NumberGrid(Adapter):
    """Several counts on one screen, e.g. participants by age group."""

    def fields(self, definition, question, layout):
        return {
            part(question, item["code"]): StringField(
                label=survey_text(item["label"]), render_kw={"inputmode": "numeric"}
            )
            for item in question["items"]
        }

    def initial(self, question, answers):
        counts = answers.get(question["id"]) or {}
        return {part(question, item): format_number(value) for item, value in counts.items()}

    def read(self, form, question):
        counts = {}
        for item in question["items"]:
            value = parse_number(form[part(question, item["code"])].data or "")
            if value is not None:
                counts[item["code"]] = value
        return {question["id"]: counts or None}

    def check(self, form, question):
        for item in question["items"]:
            field = form[part(question, item["code"])]
            text = (field.data or "").strip()
            if text and (error := number_error(text, question)) is not None:
                field.errors.append(error)
            elif not text and question.get("required"):
                field.errors.append(_("Please answer this question."))


class Date(Adapter):
    def fields(self, definition, question, layout):
        return {question["id"]: StringField()}

    def read(self, form, question):
        return {question["id"]: parse_date(form[question["id"]].data or "")}

    def check(self, form, question):
        field, text = form[question["id"]], (form[question["id"]].data or "").strip()
        if text and parse_date(text) is None:
            field.errors.append(_("Please enter a date like %(example)s.", example="2026-03-31"))
        elif not text and question.get("required"):
            field.errors.append(_("Please answer this question."))


class QuoteList(Adapter):
    """Quotes heard in a focus group: text, its language, and a speaker described without a name.

    Two empty slots follow the quotes already saved; "Add more quotes" saves and adds two more.
    """

    FIELDS = ("text", "language", "speaker")

    def layout(self, question, answers) -> int:
        """How many quote slots to show."""
        saved = len(answers.get(question["id"]) or [])
        return min(saved + 2, question.get("max_items", 20))

    def fields(self, definition, question, layout):
        languages = choice_list([("", _("Choose\u2026"))] + quote_languages())
        fields = {}
        for n in range(1, layout + 1):
            fields[part(question, f"{n}--text")] = TextAreaField(
                _("Quote %(n)s", n=n),
                validators=[Length(max=LONG_TEXT_LIMIT, message=_too_long(LONG_TEXT_LIMIT))],
            )
            fields[part(question, f"{n}--language")] = SelectField(
                _("Language of quote %(n)s", n=n), choices=languages, validate_choice=False
            )
            fields[part(question, f"{n}--speaker")] = StringField(
                _("Who said quote %(n)s", n=n),
                validators=[Length(max=SHORT_TEXT_LIMIT, message=_too_long(SHORT_TEXT_LIMIT))],
            )
        return fields

    def initial(self, question, answers):
        data = {}
        for n, quote in enumerate(answers.get(question["id"]) or [], start=1):
            for key in self.FIELDS:
                data[part(question, f"{n}--{key}")] = quote.get(key) or ""
        return data

    def read(self, form, question):
        quotes = []
        for n in self._numbers(form, question):
            quote = {
                key: (form[part(question, f"{n}--{key}")].data or "").strip() for key in self.FIELDS
            }
            if quote["text"]:
                quotes.append(quote)
        return {question["id"]: quotes or None}

    def check(self, form, question):
        for n in self._numbers(form, question):
            text, language, speaker = (form[part(question, f"{n}--{key}")] for key in self.FIELDS)
            _check_known(language, [language.data])
            if (text.data or "").strip() and not language.data:
                language.errors.append(_("Please choose the language this was said in."))
            if (speaker.data or "").strip() and not (text.data or "").strip():
                text.errors.append(_("Please write the quote, or clear the speaker."))
        if question.get("required") and not self.read(form, question)[question["id"]]:
            form[part(question, "1--text")].errors.append(_("Please answer this question."))

    @staticmethod
    def _numbers(form, question) -> list[int]:
        prefix, suffix = part(question, ""), "--text"
        return [
            int(field.name[len(prefix) : -len(suffix)])
            for field in form
            if field.name.startswith(prefix) and field.name.endswith(suffix)
        ]


class MonthYear(Adapter):
    def fields(self, definition, question, layout):
        first, last = question.get("min_year", 1950), question.get("max_year", 2030)
        fields = {
            part(question, "month"): SelectField(
                _("Month"),
                choices=choice_list([("", _("Month"))] + month_names()),
                validate_choice=False,
            ),
            part(question, "year"): SelectField(
                _("Year"),
                choices=choice_list(
                    [("", _("Year"))] + [(str(y), str(y)) for y in range(last, first - 1, -1)]
                ),
                validate_choice=False,
            ),
        }
        return _with_decline_box(fields, question)

    def initial(self, question, answers):
        value = answers.get(question["id"])
        if value == PREFER_NOT_TO_SAY:
            return _decline_box_ticked(question)
        if not value:
            return {}
        year, month = value.split("-")
        return {part(question, "year"): year, part(question, "month"): str(int(month))}

    def read(self, form, question):
        if _declined(form, question):
            return {question["id"]: PREFER_NOT_TO_SAY}
        month, year = form[part(question, "month")].data, form[part(question, "year")].data
        valid = month and year and month.isdigit() and year.isdigit()
        return {question["id"]: f"{int(year):04d}-{int(month):02d}" if valid else None}

    def check(self, form, question):
        if _declined(form, question):
            return
        month, year = form[part(question, "month")], form[part(question, "year")]
        _check_known(month, [month.data])
        _check_known(year, [year.data])
        if bool(month.data) != bool(year.data):
            (year if month.data else month).errors.append(
                _("Please choose both the month and the year.")
            )
        elif question.get("required") and not month.data:
            month.errors.append(_("Please answer this question."))


class _MultiCheckbox(SelectField):
    """A list of checkboxes; rendered by our own template macro."""

    def process_formdata(self, valuelist):
        self.data = list(valuelist)

    def process_data(self, value):
        self.data = list(value or [])


def _with_decline_box(fields: dict, question: dict) -> dict:
    """Add the "Prefer not to say" tick box to a number or date question that offers it."""
    if question.get("prefer_not_to_say"):
        fields[part(question, PREFER_NOT_TO_SAY)] = BooleanField(_("Prefer not to say"))
    return fields


def _decline_box_ticked(question: dict) -> dict:
    return {part(question, PREFER_NOT_TO_SAY): True}


def _declined(form, question) -> bool:
    name = part(question, PREFER_NOT_TO_SAY)
    return name in form and bool(form[name].data)


def _other_text(form, question, chosen) -> str | None:
    chosen = chosen if isinstance(chosen, list) else [chosen]
    if OTHER not in chosen:
        return None
    return (form[part(question, OTHER)].data or "").strip() or None


def _check_other(form, question, chosen) -> None:
    if question.get("other") and OTHER in chosen and not _other_text(form, question, chosen):
        form[part(question, OTHER)].errors.append(_("Please tell us what \u201cOther\u201d is."))


def _check_known(field, values) -> None:
    """Reject values that are not among the field's choices (a tampered or stale form)."""
    known = {choice.value for choice in field.choices}
    if any(value and value not in known for value in values):
        field.errors.append(_("Please choose one of the answers shown."))


def _too_long(limit: int) -> str:
    return _("Please keep this under %(n)s characters.", n=format_number(limit))


ADAPTERS: dict[str, Adapter] = {
    "single_choice": SingleChoice(),
    "multiple_choice": MultipleChoice(),
    "likert": Likert(),
    "likert_grid": LikertGrid(),
    "ranking": Ranking(),
    "short_text": Text(StringField, SHORT_TEXT_LIMIT),
    "long_text": Text(TextAreaField, LONG_TEXT_LIMIT),
    "number": Number(),
    "month_year": MonthYear(),
    "date": Date(),
    "number_grid": NumberGrid(),
    "quote_list": QuoteList(),
}
