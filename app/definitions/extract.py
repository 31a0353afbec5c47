"""Babel extractor: survey definition text goes to the ``surveys`` gettext domain.

Registered as ``parlons_survey`` (see pyproject.toml and babel.cfg), so
translators get survey content in ordinary .po files beside the UI.
"""

import json

from app.definitions.catalog import NOT_DEFINITIONS, translatable_strings


def extract_survey(fileobj, keywords, comment_tags, options):
    """Yield (line, funcname, message, comments) for each translatable string."""
    if getattr(fileobj, "name", "").rsplit("/", 1)[-1] in NOT_DEFINITIONS:
        return
    raw = fileobj.read().decode("utf-8")
    data = json.loads(raw)
    if not isinstance(data, dict) or "pages" not in data:
        return
    for path, text in translatable_strings(data):
        yield _line_of(raw, text), None, text, [f"{data.get('id')} {path}"]


def _line_of(raw: str, text: str) -> int:
    position = raw.find(json.dumps(text, ensure_ascii=False))
    return raw.count("\n", 0, position) + 1 if position >= 0 else 1
