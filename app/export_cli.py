"""``parlons export summary | compare | responses``: downloads for the partnership council.

Thin shells over ``analysis``: they open DATABASE_URL, build a selection, write
the file, and record the export in the audit log (raw text as its own action).
"""

import getpass
import re
import sys
from contextlib import contextmanager

import click
from flask.cli import AppGroup

from app.config import from_environment

FORMATS = ("csv", "xlsx", "html")
DAY = click.DateTime(["%Y-%m-%d"])
PERIOD = re.compile(r"^(?:version=(?P<version>\d+)|(?P<start>[0-9-]*)\.\.(?P<end>[0-9-]*))$")
# The same k as the dashboard's unless asked otherwise: read when the command runs.
K_OPTION = click.option(
    "--k",
    default=lambda: from_environment()["DISCLOSURE_K"],
    show_default="PARLONS_K, else 5",
    type=click.IntRange(min=2),
    help="Smallest number of respondents a published figure may describe.",
)
LANG_OPTION = click.option(
    "--lang",
    "locale",
    default="en",
    show_default=True,
    callback=lambda _ctx, _param, value: _known_locale(value),
    help="Language of headings and labels, e.g. fr or ar.",
)


@click.group(cls=AppGroup)
def export():
    """Theme summaries and raw answers, with small counts suppressed."""


@export.command("summary", with_appcontext=False)
@click.option("--survey", "survey_id", required=True, help="Survey id, e.g. needs-assessment.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@click.option(
    "--by",
    default="",
    help="Comma-separated groupings, each adding its own cross-tabs: language (of the "
    "questionnaire), community, channel, version, or a dimension: gender, age_group, "
    "time_in_canada, immigration_category, dimension:language (spoken at home).",
)
@click.option("--from", "date_from", type=DAY, help="First day submitted (UTC), YYYY-MM-DD.")
@click.option("--to", "date_to", type=DAY, help="Last day submitted (UTC), YYYY-MM-DD.")
@click.option("--version", "versions", type=int, multiple=True, help="Only this version (repeat).")
@K_OPTION
@LANG_OPTION
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write; standard output when left out (not for xlsx).",
)
def summary_command(survey_id, fmt, by, date_from, date_to, versions, k, locale, output):
    """Write the theme summary of a survey as CSV, XLSX or a printable HTML report.

    Every table holds respondents (never answer rows); a figure describing fewer
    than K respondents, or one from which such a count could be worked out, is
    written as "suppressed".

    \b
    csv:  one UTF-8 file with a byte-order mark (Excel shows Arabic and Chinese);
          each line starts with its table name and part: title, header, row, note.
    xlsx: an "about" sheet, then one sheet per table (needs --output).
    html: one self-contained page with SVG charts and a print stylesheet.
    """
    from analysis.filters import ResponseFilter
    from analysis.theme_summary import build_summary

    flt = ResponseFilter(survey_id, tuple(versions), _day(date_from), _day(date_to))
    _write_report(
        survey_id,
        fmt,
        output,
        lambda session: build_summary(session, flt, _groupings(by), k, locale, _translations()),
        kind="summary",
        by=by,
        k=k,
    )


@export.command("compare", with_appcontext=False)
@click.option("--survey", "survey_id", required=True, help="Survey id, e.g. needs-assessment.")
@click.option(
    "--baseline", required=True, help="version=N, or FROM..TO (YYYY-MM-DD, either may be empty)."
)
@click.option("--follow-up", "follow_up", required=True, help="Same form as --baseline.")
@click.option(
    "--by", default="community", show_default=True, help="One grouping (see summary --help)."
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True)
@K_OPTION
@LANG_OPTION
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True))
def compare_command(survey_id, baseline, follow_up, by, fmt, k, locale, output):
    """Baseline beside follow-up per community: % raising each theme, mean ratings, change.

    Example: --baseline version=1 --follow-up version=2, or
    --baseline 2024-01-01..2024-06-30 --follow-up 2025-01-01..2025-06-30.
    """
    from analysis.theme_summary import build_comparison

    before = _period(survey_id, baseline, "--baseline")
    after = _period(survey_id, follow_up, "--follow-up")

    def build(session):
        _require_versions(session, before, "--baseline")
        _require_versions(session, after, "--follow-up")
        return build_comparison(session, before, after, by, k, locale, _translations())

    _write_report(survey_id, fmt, output, build, kind="comparison", by=by, k=k)


@export.command("responses", with_appcontext=False)
@click.option("--survey", "survey_id", required=True, help="Survey id, e.g. needs-assessment.")
@click.option("--from", "date_from", type=DAY, help="First day submitted (UTC), YYYY-MM-DD.")
@click.option("--to", "date_to", type=DAY, help="Last day submitted (UTC), YYYY-MM-DD.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write; standard output when left out.",
)
@click.option(
    "--raw",
    is_flag=True,
    help="Keep free text exactly as typed and include questions marked personal "
    "(recorded in the audit log as a raw-text export).",
)
def responses_command(survey_id, date_from, date_to, output, raw):
    """Write every stored answer as CSV (UTF-8 with BOM), one line per answer row.

    Streams in constant memory, however many responses there are. E-mail
    addresses, phone numbers, street addresses and UCI numbers in free text are
    replaced by markers such as [email removed], unless --raw.
    """
    from analysis.filters import ResponseFilter
    from analysis.raw_export import write_raw_csv

    flt = ResponseFilter(survey_id, date_from=_day(date_from), date_to=_day(date_to))
    with _session() as session:
        _require_survey(session, survey_id)
        with _output(output) as stream:
            write_raw_csv(session, flt, stream, raw=raw)
        _audit(session, "export_raw" if raw else "export", survey_id, kind="responses")


def _session():
    from app.database import url_session

    return url_session(from_environment()["DATABASE_URL"])


def _write_report(survey_id: str, fmt: str, output, build, **audit_detail) -> None:
    """Build a summary or comparison with ``build(session)``, write it, audit the export."""
    from analysis.exports import write_summary
    from analysis.filters import UnknownGrouping

    if fmt == "xlsx" and output in (None, "-"):
        raise click.UsageError("--format xlsx needs --output FILE.xlsx")
    with _session() as session:
        _require_survey(session, survey_id)
        try:
            summary = build(session)
        except UnknownGrouping as error:
            raise click.BadParameter(str(error), param_hint="--by") from error
        with _output(output) as stream:
            write_summary(summary, fmt, stream)
        _audit(session, "export", survey_id, format=fmt, **audit_detail)


@contextmanager
def _output(path: str | None):
    if path in (None, "-"):
        yield sys.stdout.buffer
    else:
        with open(path, "wb") as stream:
            yield stream


def _translations() -> str:
    return from_environment()["TRANSLATIONS_DIR"]


def _require_survey(session, survey_id: str) -> None:
    from sqlalchemy import select

    from app.models import Survey

    known = list(session.scalars(select(Survey.id).order_by(Survey.id)))
    if survey_id not in known:
        raise click.BadParameter(
            f"no survey {survey_id!r} in this database (surveys: {', '.join(known) or 'none'})",
            param_hint="--survey",
        )


def _require_versions(session, flt, option: str) -> None:
    """Refuse a version=N that was never published: it would compare against nobody."""
    from analysis.filters import ResponseFilter, survey_versions

    known = [
        info.number for info in survey_versions(session, ResponseFilter(flt.survey_id)).values()
    ]
    missing = [str(number) for number in flt.versions if number not in known]
    if missing:
        raise click.BadParameter(
            f"no version {', '.join(missing)} of survey {flt.survey_id!r} "
            f"(versions: {', '.join(map(str, known)) or 'none'})",
            param_hint=option,
        )


def _audit(session, action: str, survey_id: str, **detail) -> None:
    from app import audit

    audit.record(
        session, None, action, survey_id, via="command line", user=getpass.getuser(), **detail
    )


def _known_locale(value: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError) as error:
        raise click.BadParameter(f"{value!r} is not a language code such as fr or ar") from error
    return value.replace("-", "_")


def _day(value):
    return value.date() if value else None


def _groupings(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


def _period(survey_id: str, text: str, option: str):
    """``version=2`` or ``2024-01-01..2024-06-30`` as a ResponseFilter."""
    from datetime import date

    from analysis.filters import ResponseFilter

    match = PERIOD.match(text.strip())
    try:
        if match and match["version"]:
            return ResponseFilter(survey_id, versions=(int(match["version"]),))
        if match:
            start, end = (
                date.fromisoformat(d) if d else None for d in (match["start"], match["end"])
            )
            return ResponseFilter(survey_id, date_from=start, date_to=end)
    except ValueError:
        pass
    raise click.BadParameter(
        f"{text!r}: write version=N or FROM..TO with dates as YYYY-MM-DD", param_hint=option
    )
