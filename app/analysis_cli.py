"""``parlons analysis code-text | evaluate``: the text coder from the command line."""

import json
import os
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

BATCH = 200  # responses coded per transaction
DEVELOPMENT_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "coding"


@click.group(cls=AppGroup)
def analysis():
    """Theme coding of free text."""


@analysis.command("code-text", with_appcontext=False)
@click.argument("file", type=click.File("r", encoding="utf-8"))
def code_text_command(file):
    """Code each line {"id", "lang", "text"} of FILE (- for standard input).

    Writes one line {"id", "themes", "confidence", "sentiment"} per input line, in
    input order; sentiment is null where the language has no model. A line that is
    not such an object is reported on standard error with its number and skipped
    (nothing is written for it); the others are still coded and the exit status is 1.
    Blank lines are ignored.
    """
    from analysis.coding import code_text
    from analysis.sentiment import sentiment

    out = click.get_binary_stream("stdout")
    bad = 0
    for number, line in enumerate(file, start=1):
        if not line.strip():
            continue
        try:
            comment = _comment(line)
        except ValueError as error:
            click.echo(f"{file.name}: line {number}: {error}", err=True)
            bad += 1
            continue
        result = code_text(comment["text"], comment["lang"])
        score, _model = sentiment(comment["text"], comment["lang"])
        coded = {
            "id": comment["id"],
            "themes": result.themes,
            "confidence": result.confidence,
            "sentiment": score,
        }
        out.write((json.dumps(coded, ensure_ascii=False) + "\n").encode("utf-8"))
        out.flush()
    sys.exit(1 if bad else 0)


def _comment(line: str) -> dict:
    try:
        comment = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg})") from None
    if not isinstance(comment, dict) or "id" not in comment:
        raise ValueError('expected an object with "id", "lang" and "text"')
    if not isinstance(comment.get("lang"), str) or not comment["lang"]:
        raise ValueError('"lang" must be a language tag such as "fr" or "zh-Hans"')
    if not isinstance(comment.get("text"), str):
        raise ValueError('"text" must be a string')
    return comment


@analysis.command("check-lexicons", with_appcontext=False)
@click.argument(
    "folder", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path)
)
def check_lexicons_command(folder):
    """Check the term-list files a coordinator added (FOLDER, default PARLONS_LEXICON_DIR)
    before the app uses them: JSON, theme codes, lists of words."""
    from analysis.lexicon import LexiconError, read_extension

    if folder is None and os.environ.get("PARLONS_LEXICON_DIR"):
        folder = Path(os.environ["PARLONS_LEXICON_DIR"])
    if folder is None:
        raise click.ClickException("give a folder, or set PARLONS_LEXICON_DIR")
    broken = 0
    for path in sorted(folder.glob("*.json")):
        try:
            read_extension(path)
            click.echo(f"{path}: ok")
        except LexiconError as error:
            click.echo(str(error), err=True)
            broken += 1
    sys.exit(1 if broken else 0)


@analysis.command("recode")
@click.option("--survey", "survey_id", help="Only this survey's responses (default: all).")
def recode_command(survey_id):
    """Code all stored free text again with the current term lists, after words were
    added to them. Staff corrections are kept. A running app reads the lists at start:
    restart it too."""
    from sqlalchemy import func, select, true, update

    from app.db import get_db
    from app.models import Response
    from app.submission import code_responses

    session = get_db()
    chosen = Response.survey_id == survey_id if survey_id else true()
    session.execute(update(Response).where(chosen).values(coded_at=None))
    session.commit()
    ids = list(session.scalars(select(Response.id).where(chosen).order_by(Response.id)))
    for start in range(0, len(ids), BATCH):
        code_responses(session, ids[start : start + BATCH])
    uncoded = session.scalar(
        select(func.count()).select_from(Response).where(chosen, Response.coded_at.is_(None))
    )
    click.echo(f"{len(ids) - uncoded} responses coded again")
    if uncoded:
        raise click.ClickException(f"{uncoded} responses could not be coded: see the log")


@analysis.command("evaluate", with_appcontext=False)
@click.argument(
    "folder", required=False, type=click.Path(file_okay=False, exists=True, path_type=Path)
)
@click.option(
    "--ids",
    metavar="FIRST-LAST",
    help="Only comments whose id ends in a number in this range, e.g. 1-20.",
)
@click.option(
    "--mistakes",
    is_flag=True,
    help="After the table, list each comment coded wrong: themes missed and added.",
)
def evaluate_command(folder, ids, mistakes):
    """Precision, recall and F1 per language on labelled sets (FOLDER/<locale>.jsonl;
    default: the development set in tests/data/coding).

    micro: over all (comment, theme) labels pooled; macro: per theme, then averaged
    over the themes of that language. The quality target is on macro F1.
    """
    from analysis import evaluate

    keep = lambda comment: True  # noqa: E731
    if ids:
        try:
            first, last = (int(n) for n in ids.split("-"))
        except ValueError:
            raise click.BadParameter(
                "write it as FIRST-LAST, e.g. 1-20", param_hint="--ids"
            ) from None
        keep = lambda comment: first <= evaluate.comment_number(comment["id"]) <= last  # noqa: E731
    results = evaluate.evaluate_folder(folder or DEVELOPMENT_SET, keep)
    if not results:
        raise click.ClickException(f"no labelled .jsonl files in {folder or DEVELOPMENT_SET}")
    for row in evaluate.table({language: scores for language, (scores, _) in results.items()}):
        click.echo(row)
    if mistakes:
        for language, (_, coded) in results.items():
            click.echo(f"\n{language}")
            for line in evaluate.mistakes(coded):
                click.echo(line)
