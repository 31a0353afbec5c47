"""``parlons translations extract | init | update | compile | status``."""

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from app import catalogs
from app.config import from_environment
from app.i18n import KNOWN_LOCALES


def _folder() -> Path:
    return Path(from_environment()["TRANSLATIONS_DIR"])


@click.group(cls=AppGroup)
def translations():
    """Gettext catalogs for the UI and the survey content."""


@translations.command("extract", with_appcontext=False)
def extract_command():
    """Write translations/messages.pot and translations/surveys.pot."""
    for domain in catalogs.DOMAINS:
        path = catalogs.write_template(domain, _folder())
        click.echo(f"wrote {path}")


@translations.command("init", with_appcontext=False)
@click.argument("locale")
def init_command(locale):
    """Start catalogs for a new LOCALE (e.g. ti) in both domains."""
    for domain in catalogs.DOMAINS:
        click.echo(f"wrote {catalogs.update(_folder(), locale, domain)}")


@translations.command("update", with_appcontext=False)
def update_command():
    """Merge new and changed strings from the templates into every locale's catalogs."""
    for po in catalogs.catalog_files(_folder()):
        locale, domain = po.parent.parent.name, po.stem
        catalogs.update(_folder(), locale, domain)
        click.echo(f"updated {po}")


@translations.command("compile", with_appcontext=False)
def compile_command():
    """Compile every .po to the .mo the app reads."""
    count = sum(1 for po in catalogs.catalog_files(_folder()) if catalogs.compile_catalog(po))
    click.echo(f"compiled {count} catalogs")


@translations.command("status", with_appcontext=False)
@click.option("--strict", is_flag=True, help="Exit non-zero unless every catalog is complete.")
def status_command(strict):
    """Translated / fuzzy / missing strings per locale and domain."""
    click.echo(f"{'locale':<8} {'domain':<9} {'translated':>10} {'fuzzy':>6} {'missing':>8}")
    incomplete = False
    for locale in KNOWN_LOCALES[1:]:
        for domain in catalogs.DOMAINS:
            row = catalogs.status(_folder(), locale, domain)
            incomplete |= not row.complete
            click.echo(
                f"{locale:<8} {domain:<9} {row.translated:>10} {row.fuzzy:>6} {row.missing:>8}"
            )
    sys.exit(1 if strict and incomplete else 0)
