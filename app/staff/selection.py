"""Read the dashboard's filters from a request into an ``analysis`` selection."""

from dataclasses import dataclass
from datetime import date

from analysis.filters import ResponseFilter

# Questions a coordinator may narrow the dashboard to, by their ``dimension`` tag.
FILTER_DIMENSIONS = ("gender", "age_group", "time_in_canada", "immigration_category")


@dataclass(frozen=True)
class Selection:
    survey_id: str
    flt: ResponseFilter
    by: str | None
    theme: str | None

    def as_args(self) -> dict[str, str]:
        """The same selection as form fields, for download buttons and links."""
        flt = self.flt
        args = {
            "survey": self.survey_id,
            "from": flt.date_from.isoformat() if flt.date_from else "",
            "to": flt.date_to.isoformat() if flt.date_to else "",
            "language": ",".join(flt.languages),
            "community": ",".join(flt.communities),
            "by": self.by or "",
            "theme": self.theme or "",
            **{f"dim.{dimension}": ",".join(codes) for dimension, codes in flt.dimensions},
        }
        return {key: value for key, value in args.items() if value}


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _codes(text: str | None) -> tuple[str, ...]:
    return tuple(code for code in (text or "").split(",") if code)[:20]


def read_selection(args, survey_ids: list[str]) -> Selection:
    """Unknown or malformed values are dropped, never an error page."""
    survey_id = args.get("survey") if args.get("survey") in survey_ids else survey_ids[0]
    flt = ResponseFilter(
        survey_id,
        date_from=_day(args.get("from")),
        date_to=_day(args.get("to")),
        languages=_codes(args.get("language")),
        communities=_codes(args.get("community")),
        dimensions=tuple(
            (dimension, codes)
            for dimension in FILTER_DIMENSIONS
            if (codes := _codes(args.get(f"dim.{dimension}")))
        ),
    )
    return Selection(survey_id, flt, args.get("by") or None, args.get("theme") or None)
