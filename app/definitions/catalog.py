"""Load every definition in a folder; a broken file is reported and skipped."""

from dataclasses import dataclass
from pathlib import Path

from app.definitions.model import Definition
from app.definitions.validate import DefinitionError, load_definition

NOT_DEFINITIONS = {"schema.json", "codebook.json"}


@dataclass(frozen=True)
class LoadedDefinition:
    definition: Definition
    path: Path


def definition_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).glob("*.json") if p.name not in NOT_DEFINITIONS)


def load_folder(
    folder: Path, files: list[Path] | None = None
) -> tuple[dict[str, LoadedDefinition], list[DefinitionError]]:
    """Valid definitions by survey id, and the errors of the files left out."""
    loaded: dict[str, LoadedDefinition] = {}
    errors: list[DefinitionError] = []
    for path in files if files is not None else definition_files(folder):
        definition, file_errors = load_definition(path)
        if definition is None:
            errors.extend(file_errors)
        elif definition.id in loaded:
            first = loaded[definition.id].path
            errors.append(
                DefinitionError(
                    str(path), "$.id", f"survey id '{definition.id}' is already used by {first}"
                )
            )
        else:
            loaded[definition.id] = LoadedDefinition(definition, path)
    return loaded, errors


def translatable_strings(data: dict):
    """Yield (JSON path, source text) for every string a translator must see."""
    for key in ("title", "description", "consent", "thank_you"):
        if key in data:
            yield f"$.{key}", data[key]
    for name, points in data.get("scales", {}).items():
        for i, point in enumerate(points):
            yield f"$.scales.{name}[{i}].label", point["label"]
    for p, page in enumerate(data.get("pages", [])):
        base = f"$.pages[{p}]"
        yield f"{base}.title", page["title"]
        if "intro" in page:
            yield f"{base}.intro", page["intro"]
        for q, question in enumerate(page["questions"]):
            qbase = f"{base}.questions[{q}]"
            yield f"{qbase}.text", question["text"]
            if "help" in question:
                yield f"{qbase}.help", question["help"]
            for key in ("options", "items"):
                for o, option in enumerate(question.get(key, [])):
                    yield f"{qbase}.{key}[{o}].label", option["label"]
