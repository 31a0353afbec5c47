"""The surveys an app serves: every valid definition file, published as a version."""

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.definitions import Definition, DefinitionError, load_folder
from app.definitions.publish import publish

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServedSurvey:
    definition: Definition
    version_id: int
    version: int


@dataclass
class SurveyRegistry:
    surveys: dict[str, ServedSurvey]
    errors: list[DefinitionError]

    def get(self, survey_id: str) -> ServedSurvey | None:
        return self.surveys.get(survey_id)

    def of_kind(self, kind: str) -> list[ServedSurvey]:
        return [s for s in self.surveys.values() if s.definition.kind == kind]


def load_registry(session: Session, folder: Path) -> SurveyRegistry:
    """Publish the folder's definitions; a broken file is logged and left out."""
    loaded, errors = load_folder(folder)
    for error in errors:
        log.error("survey definition skipped: %s", error)
    surveys = {}
    for survey_id, item in loaded.items():
        version = publish(session, item.definition, item.path.name)
        surveys[survey_id] = ServedSurvey(item.definition, version.id, version.version)
    return SurveyRegistry(surveys, errors)
