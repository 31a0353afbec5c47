"""The words a summary shows, in the reader's language, without Flask.

UI words come from the ``messages`` catalogs and survey text (questions,
options) from the ``surveys`` catalogs that the app itself uses; theme names
from the codebook; language names from Babel's locale data.
"""

from functools import cached_property
from pathlib import Path

from babel import Locale
from babel.support import NullTranslations, Translations

from app.codebook import load_codebook
from app.config import PROJECT_ROOT
from app.definitions.model import OTHER, PREFER_NOT_TO_SAY, Definition

DEFAULT_TRANSLATIONS = PROJECT_ROOT / "translations"


def language_name(code: str, in_locale: str) -> str:
    """The name of language ``code`` in ``in_locale``, capitalised as at a sentence start.

    Babel reads "tl" as Filipino of the Philippines ("fil_PH"); CLDR still has a name
    for Tagalog, which is what the people who speak it look for."""
    parsed, where = Locale.parse(code), Locale.parse(in_locale)
    asked = code.split("_")[0]
    renamed = parsed.language != asked and where.languages.get(asked)
    name = renamed or parsed.get_display_name(where) or code
    return name[:1].upper() + name[1:]


class Labels:
    """Labels for one report locale and the definitions (newest first) of the versions read."""

    def __init__(
        self,
        locale: str,
        definitions: list[Definition],
        translations_dir: str | Path = DEFAULT_TRANSLATIONS,
    ):
        self.locale = locale
        self.definitions = definitions
        self._messages = _catalog(translations_dir, locale, "messages")
        self._surveys = _catalog(translations_dir, locale, "surveys")
        self._themes = {theme.code: theme for theme in load_codebook()}

    def gettext(self, text: str, **values) -> str:
        translated = self._messages.gettext(text)
        return translated % values if values else translated

    def ngettext(self, singular: str, plural: str, n: int, **values) -> str:
        return self._messages.ngettext(singular, plural, n) % {"num": n, **values}

    @cached_property
    def html_lang(self) -> str:
        """BCP 47 tag for the lang attribute: zh_Hans -> zh-Hans."""
        return self.locale.replace("_", "-")

    @cached_property
    def direction(self) -> str:
        return "rtl" if Locale.parse(self.locale).character_order == "right-to-left" else "ltr"

    def survey_text(self, text: str) -> str:
        return self._surveys.gettext(text) if text else text

    def title(self) -> str:
        return self.survey_text(self.definitions[0].title) if self.definitions else ""

    def theme(self, code: str) -> str:
        theme = self._themes.get(code)
        return theme.label(self.locale) if theme else code

    def published_rank(self, code: str) -> int | None:
        theme = self._themes.get(code)
        return theme.rank if theme else None

    def _question(self, question_id: str) -> dict:
        for definition in self.definitions:
            if question_id in definition.questions:
                return definition.questions[question_id]
        return {"id": question_id, "text": question_id}

    def question(self, question_id: str) -> str:
        return self.survey_text(self._question(question_id).get("text", question_id))

    def option(self, question_id: str, code: str | None, key: str = "options") -> str:
        """An option's (or with key="items", a grid item's) label; ratings by their scale label."""
        if code is None:
            return ""
        if code == OTHER:
            return self.gettext("Other")
        if code == PREFER_NOT_TO_SAY:
            return self.gettext("Prefer not to say")
        question = self._question(question_id)
        choices = question.get(key, [])
        if key == "options" and "scale" in question:
            choices = self._scale(question["scale"])
        label = next(
            (c["label"] for c in choices if str(c.get("code", c.get("value"))) == code), code
        )
        return self.survey_text(label)

    def _scale(self, name: str) -> list[dict]:
        for definition in self.definitions:
            if name in definition.data.get("scales", {}):
                return definition.scale(name)
        return []

    def language(self, code: str | None) -> str:
        """A language's name in the report's language (``ar`` -> "Arabic" in English)."""
        if not code:
            return self.gettext("Not stated")
        try:
            return language_name(code, self.locale)
        except (ValueError, TypeError):
            return code

    def channel(self, code: str) -> str:
        names = {
            "web": self.gettext("Web"),
            "paper": self.gettext("Paper"),
            "focus_group": self.gettext("Focus group"),
        }
        return names.get(code, code)

    def group(self, by: str, code, version_numbers: dict[int, int]) -> str:
        """The heading of one group of a grouping (see ``analysis.filters.scope``)."""
        if code is None:
            return self.gettext("Not stated")
        if by == "language":
            return self.language(code)
        if by == "channel":
            return self.channel(code)
        if by == "version":
            return self.gettext("version %(n)s", n=version_numbers.get(code, code))
        dimension = by.removeprefix("dimension:")
        for definition in self.definitions:
            question = definition.question_with_dimension(dimension)
            if question:
                return self.option(question["id"], code)
        return str(code)

    def grouping(self, by: str) -> str:
        """The name of a grouping, for headings: "community", "gender", ..."""
        names = {
            "language": self.gettext("language of the questionnaire"),
            "community": self.gettext("community"),
            "channel": self.gettext("channel"),
            "version": self.gettext("survey version"),
            "gender": self.gettext("gender"),
            "age_group": self.gettext("age group"),
            "time_in_canada": self.gettext("time in Canada"),
            "immigration_category": self.gettext("immigration category"),
            "dimension:language": self.gettext("language spoken at home"),
        }
        dimension = by.removeprefix("dimension:")
        if by in names or dimension in names:
            return names.get(by) or names[dimension]
        for definition in self.definitions:
            question = definition.question_with_dimension(dimension)
            if question:
                return self.survey_text(question["text"])
        return by


def _catalog(folder: str | Path, locale: str, domain: str) -> NullTranslations:
    if locale == "en":
        return NullTranslations()
    return Translations.load(str(folder), [locale], domain)
