"""Check a definition file: JSON Schema first, then the references the schema cannot see.

Every problem is a ``DefinitionError`` that prints as ``file: JSON path: reason``.
"""

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator

from app.codebook import theme_codes
from app.definitions.model import Definition

SCHEMA_PATH = Path(__file__).resolve().parent.parent.parent / "surveys" / "schema.json"


@dataclass(frozen=True)
class DefinitionError:
    file: str
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.reason}"


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def json_path(parts) -> str:
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def load_definition(path: Path) -> tuple[Definition | None, list[DefinitionError]]:
    """Read and check one file; the definition is returned only when it has no error."""
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        return None, [DefinitionError(name, "$", f"not UTF-8 text ({error.reason})")]
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        return None, [DefinitionError(name, "$", f"invalid JSON at {where}: {error.msg}")]
    except OSError as error:
        return None, [DefinitionError(name, "$", f"cannot read file: {error.strerror}")]
    errors = check_definition(data, name)
    return (None, errors) if errors else (Definition(data), [])


def check_definition(data, name: str = "<definition>") -> list[DefinitionError]:
    schema_errors = _schema_errors(data, name)
    if schema_errors:
        return schema_errors
    return [DefinitionError(name, path, reason) for path, reason in _reference_errors(data)]


def _schema_errors(data, name: str) -> list[DefinitionError]:
    """Schema errors; "unevaluated properties" is left out where a nearer error explains it."""
    found = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    real = [tuple(e.absolute_path) for e in found if e.validator != "unevaluatedProperties"]

    def explained(error) -> bool:
        here = tuple(error.absolute_path)
        return any(path[: len(here)] == here for path in real)

    return [
        DefinitionError(name, json_path(e.absolute_path), e.message)
        for e in found
        if e.validator != "unevaluatedProperties" or not explained(e)
    ]


def _reference_errors(data: dict):
    """Yield (JSON path, reason) for duplicate ids, bad show_if, unknown themes and scales,
    and an offered-languages list without the language the survey is written in."""
    known_themes = theme_codes()
    scales = data.get("scales", {})
    if "locales" in data and data["source_locale"] not in data["locales"]:
        yield (
            json_path(["locales"]),
            f"must include the source language '{data['source_locale']}': the survey always "
            "falls back to it",
        )
    yield from _duplicates([("pages", i) for i in range(len(data["pages"]))], data, "page id")
    seen: dict[str, tuple[int, dict]] = {}
    for p, page in enumerate(data["pages"]):
        page_path = ["pages", p]
        if "show_if" in page:
            yield from _show_if_errors(page["show_if"], seen, p, page_path + ["show_if"], data)
        for q, question in enumerate(page["questions"]):
            path = page_path + ["questions", q]
            if question["id"] in seen:
                yield json_path(path + ["id"]), f"duplicate question id '{question['id']}'"
            if "show_if" in question:
                yield from _show_if_errors(question["show_if"], seen, p, path + ["show_if"], data)
            yield from _question_errors(question, path, scales, known_themes)
            seen.setdefault(question["id"], (p, question))


def _duplicates(locations, data, what):
    """Report every repeat of an id after its first use."""
    seen = set()
    for loc in locations:
        ident = _get(data, loc)["id"]
        if ident in seen:
            yield json_path(list(loc) + ["id"]), f"duplicate {what} '{ident}'"
        seen.add(ident)


def _get(data, location):
    for part in location:
        data = data[part]
    return data


def _show_if_errors(rule, seen, page_index, path, data):
    target = rule["question"]
    later = {q["id"] for page in data["pages"] for q in page["questions"]}
    if target not in seen:
        reason = "names a later question" if target in later else "names an unknown question"
        yield json_path(path + ["question"]), f"show_if {reason} '{target}'"
        return
    target_page, question = seen[target]
    if target_page == page_index:
        yield (
            json_path(path + ["question"]),
            f"show_if names '{target}' on the same page; it must be on an earlier page",
        )
    codes = _codes(question)
    if codes is not None:
        for value in [rule.get("equals")] if "equals" in rule else rule.get("any_of", []):
            if str(value) not in codes:
                yield json_path(path), f"'{value}' is not an option of question '{target}'"


def _codes(question) -> set[str] | None:
    if "options" not in question:
        return None
    codes = {o["code"] for o in question["options"]}
    codes |= {"other"} if question.get("other") else set()
    codes |= {"prefer_not_to_say"} if question.get("prefer_not_to_say") else set()
    return codes


def _question_errors(question, path, scales, known_themes):
    for key in ("options", "items"):
        codes = Counter(o["code"] for o in question.get(key, []))
        for code, count in codes.items():
            if count > 1:
                yield json_path(path + [key]), f"duplicate option code '{code}'"
            if code in {"other", "prefer_not_to_say"}:
                yield json_path(path + [key]), f"option code '{code}' is reserved"
    yield from _theme_errors(question.get("themes", []), path + ["themes"], known_themes)
    for key in ("options", "items"):
        for i, option in enumerate(question.get(key, [])):
            yield from _theme_errors(
                option.get("themes", []), path + [key, i, "themes"], known_themes
            )
    if "scale" in question and question["scale"] not in scales:
        yield json_path(path + ["scale"]), f"unknown scale '{question['scale']}'"
    yield from _bound_errors(question, path)


def _theme_errors(codes, path, known_themes):
    for i, code in enumerate(codes):
        if code not in known_themes:
            yield json_path(path + [i]), f"unknown theme code '{code}' (not in the codebook)"


def _bound_errors(question, path):
    count = len(question.get("options", [])) + bool(question.get("other"))
    pairs = [("min", "max"), ("min_selected", "max_selected"), ("min_year", "max_year")]
    for low, high in pairs:
        if low in question and high in question and question[low] > question[high]:
            yield json_path(path + [low]), f"{low} is greater than {high}"
    for key in ("max_selected", "min_selected", "rank_count"):
        if question.get(key, 0) > count:
            yield json_path(path + [key]), f"{key} is more than the {count} options"
