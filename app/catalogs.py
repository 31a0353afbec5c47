"""Gettext catalogs for the UI (``messages``) and survey content (``surveys``).

Thin functions over Babel's own extraction and catalog tools, so
``parlons translations`` and the tests share them.
"""

import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import wtforms
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from app.config import PROJECT_ROOT

DOMAINS = ("messages", "surveys", "wtforms")
# WTForms' own validation messages: its shipped template is our template, and its shipped
# translations seed a new locale's catalog, so every message a respondent can see is ours.
WTFORMS_LOCALE_DIR = Path(wtforms.__file__).parent / "locale"
SURVEY_METHOD = "parlons_survey"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


@dataclass(frozen=True)
class CatalogStatus:
    locale: str
    domain: str
    translated: int
    fuzzy: int
    missing: int

    @property
    def complete(self) -> bool:
        return self.fuzzy == 0 and self.missing == 0


def po_path(folder: Path, locale: str, domain: str) -> Path:
    return Path(folder) / locale / "LC_MESSAGES" / f"{domain}.po"


def _method_map(domain: str, root: Path):
    with open(root / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    wanted = [
        (pattern, method)
        for pattern, method in method_map
        if (method == SURVEY_METHOD) == (domain == "surveys")
    ]
    return wanted, options_map


def extract(domain: str, root: Path = PROJECT_ROOT) -> Catalog:
    """A template catalog of every translatable string of ``domain``."""
    if domain == "wtforms":
        with open(WTFORMS_LOCALE_DIR / "wtforms.pot", "rb") as shipped:
            return read_po(shipped)
    method_map, options_map = _method_map(domain, root)
    catalog = Catalog(project="Parlons", msgid_bugs_address="", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def write_template(domain: str, folder: Path, root: Path = PROJECT_ROOT) -> Path:
    path = Path(folder) / f"{domain}.pot"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        write_po(out, extract(domain, root), width=100)
    return path


def update(folder: Path, locale: str, domain: str) -> Path:
    """Merge the domain's template into one locale's catalog, creating it if new."""
    with open(Path(folder) / f"{domain}.pot", "rb") as pot:
        template = read_po(pot)
    path = po_path(folder, locale, domain)
    if path.exists():
        with open(path, "rb") as existing:
            catalog = read_po(existing, locale=locale)
        catalog.update(template, update_header_comment=False)
    else:
        catalog = _seed(locale, domain)
        catalog.update(template)
        path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        write_po(out, catalog, width=100, omit_header=False, ignore_obsolete=True)
    return path


def _seed(locale: str, domain: str) -> Catalog:
    """An empty catalog, or for WTForms' messages its own translation when it ships one."""
    shipped = WTFORMS_LOCALE_DIR / locale.split("_")[0] / "LC_MESSAGES" / "wtforms.po"
    if domain == "wtforms" and shipped.exists():
        with open(shipped, "rb") as source:
            catalog = read_po(source, locale=locale)
        catalog.fuzzy = False
        return catalog
    return Catalog(locale=locale, domain=domain, project="Parlons", charset="utf-8")


def compile_catalog(po: Path) -> Path:
    """Write the .mo beside a .po; fuzzy entries are left out, as gettext expects.

    The .mo is written under another name and then renamed, because gunicorn workers
    starting together may each compile the same catalog while one of them already
    serves pages from it: a reader sees the old file or the new one, never half of one.
    """
    with open(po, "rb") as source:
        catalog = read_po(source)
    mo = po.with_suffix(".mo")
    partial = mo.with_name(f".{mo.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(partial, "wb") as out:
            write_mo(out, catalog, use_fuzzy=False)
        os.replace(partial, mo)
    finally:
        partial.unlink(missing_ok=True)
    return mo


def catalog_files(folder: Path) -> list[Path]:
    return sorted(Path(folder).glob("*/LC_MESSAGES/*.po"))


def stale_catalogs(folder: Path) -> list[Path]:
    """The .po files whose .mo is missing or older than they are.

    Only file times are read, so that an app start with nothing to compile stays fast.
    """
    return [po for po in catalog_files(folder) if _mo_is_stale(po)]


def _mo_is_stale(po: Path) -> bool:
    try:
        return po.with_suffix(".mo").stat().st_mtime_ns < po.stat().st_mtime_ns
    except FileNotFoundError:
        return True


def status(folder: Path, locale: str, domain: str) -> CatalogStatus:
    """Counts against the current template, so strings not yet merged count as missing."""
    with open(Path(folder) / f"{domain}.pot", "rb") as pot:
        wanted = [m.id for m in read_po(pot) if m.id]
    path = po_path(folder, locale, domain)
    entries = {}
    if path.exists():
        with open(path, "rb") as source:
            entries = {m.id: m for m in read_po(source, locale=locale) if m.id}
    translated = fuzzy = 0
    for msgid in wanted:
        entry = entries.get(msgid)
        if entry is None or not _has_translation(entry):
            continue
        if entry.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return CatalogStatus(locale, domain, translated, fuzzy, len(wanted) - translated - fuzzy)


def _has_translation(entry) -> bool:
    if isinstance(entry.string, tuple | list):
        return all(entry.string)
    return bool(entry.string)


def translated_ids(folder: Path, locale: str, domain: str) -> frozenset[str]:
    """Message ids with a finished (non-fuzzy) translation in one catalog."""
    path = po_path(folder, locale, domain)
    if not path.exists():
        return frozenset()
    return _translated_ids(path, path.stat().st_mtime_ns, locale)


@lru_cache(maxsize=64)
def _translated_ids(path: Path, _mtime: int, locale: str) -> frozenset[str]:
    with open(path, "rb") as source:
        return frozenset(
            m.id if isinstance(m.id, str) else m.id[0]
            for m in read_po(source, locale=locale)
            if m.id and not m.fuzzy and _has_translation(m)
        )


def missing_strings(folder: Path, locale: str, domain: str, wanted) -> list[str]:
    """Which of ``wanted`` still lack a translation in ``locale``."""
    done = translated_ids(folder, locale, domain)
    return [text for text in dict.fromkeys(wanted) if text not in done]


def template_ids(folder: Path, domain: str) -> list[str]:
    path = Path(folder) / f"{domain}.pot"
    return list(_template_ids(path, path.stat().st_mtime_ns)) if path.exists() else []


@lru_cache(maxsize=8)
def _template_ids(path: Path, _mtime: int) -> tuple[str, ...]:
    with open(path, "rb") as source:
        return tuple(m.id if isinstance(m.id, str) else m.id[0] for m in read_po(source) if m.id)
