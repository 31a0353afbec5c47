"""Survey definitions: load, validate, walk pages, evaluate show_if. No Flask here."""

from app.definitions.catalog import LoadedDefinition, load_folder, translatable_strings
from app.definitions.model import Definition
from app.definitions.validate import DefinitionError, load_definition

__all__ = [
    "Definition",
    "DefinitionError",
    "LoadedDefinition",
    "load_definition",
    "load_folder",
    "translatable_strings",
]
