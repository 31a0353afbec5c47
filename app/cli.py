"""``parlons``: Flask's CLI (``parlons run --host --port``) plus Parlons' own command groups."""

import sys

import click
from flask.cli import FlaskGroup

from app import create_app
from app.config import from_environment


@click.group(cls=FlaskGroup, create_app=create_app)
def main():
    """Parlons: multilingual consultation for Local Immigration Partnerships."""


@main.group()
def surveys():
    """Survey and focus-group definitions in surveys/."""


@surveys.command("check", with_appcontext=False)
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("-v", "--verbose", is_flag=True, help="List every untranslated string.")
def surveys_check(files, verbose):
    """Validate definitions (all of surveys/ when no FILE is given).

    Errors print as `file: JSON path: reason` and make the exit status 1. For each
    locale a definition declares, the strings still untranslated are listed: a
    survey is not offered in a locale until all of them are translated.
    """
    from pathlib import Path

    from app.definitions import load_folder
    from app.i18n import survey_missing_strings

    settings = from_environment()
    loaded, errors = load_folder(Path(settings["SURVEYS_DIR"]), [Path(f) for f in files] or None)
    for error in errors:
        click.echo(str(error), err=True)
    for item in loaded.values():
        definition = item.definition
        click.echo(
            f"{item.path}: ok ({definition.id}, {len(definition.questions)} questions "
            f"on {len(definition.pages)} pages)"
        )
        for locale in definition.locales:
            missing = survey_missing_strings(settings["TRANSLATIONS_DIR"], definition, locale)
            if missing:
                shown = missing if verbose else missing[:3]
                more = (
                    f" and {len(missing) - len(shown)} more (-v lists them)"
                    if len(shown) < len(missing)
                    else ""
                )
                click.echo(
                    f"  {locale}: not offered, {len(missing)} strings untranslated:", err=True
                )
                for text in shown:
                    click.echo(f"    {text!r}", err=True)
                if more:
                    click.echo(f"   {more}", err=True)
            else:
                click.echo(f"  {locale}: translated")
    sys.exit(1 if errors else 0)


@main.group()
def db():
    """The database schema."""


@db.command("upgrade", with_appcontext=False)
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision):
    """Apply Alembic migrations to DATABASE_URL."""
    from app.database import make_engine
    from app.migrate import upgrade

    settings = from_environment()
    upgrade(make_engine(settings["DATABASE_URL"]), revision)
    click.echo(f"database at {revision}")


@main.group()
def drafts():
    """Unfinished questionnaires."""


# Without the app: starting it purges too, and this command would always count 0.
@drafts.command("purge", with_appcontext=False)
def drafts_purge():
    """Delete drafts past their expiry date, sent or not.

    The app also does this by itself when it starts and about once an hour while it runs.
    """
    from app.database import url_session
    from app.drafts import purge_expired

    with url_session(from_environment()["DATABASE_URL"]) as session:
        click.echo(f"{purge_expired(session)} expired drafts deleted")


from app.export_cli import export  # noqa: E402
from app.translations_cli import translations  # noqa: E402
from app.users_cli import users  # noqa: E402

main.add_command(translations)
main.add_command(users)
main.add_command(export)

from app.analysis_cli import analysis  # noqa: E402

main.add_command(analysis)
