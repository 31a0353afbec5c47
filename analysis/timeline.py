"""Responses over time: respondents per week, with the same disclosure rule as every figure."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session

from analysis.disclosure import DEFAULT_K, Figures, Suppressed
from analysis.filters import ResponseFilter, scope
from app.models import Response


@dataclass(frozen=True)
class Week:
    starts: date  # the Monday
    respondents: int | Suppressed


def weekly_respondents(session: Session, flt: ResponseFilter, k: int = DEFAULT_K) -> list[Week]:
    """Respondents per ISO week, oldest first; weeks under k hidden, and one more if the
    total would give a hidden week away."""
    resp = scope(session, flt).respondents
    day = func.date(Response.submitted_at)
    rows = session.execute(
        select(day.label("day"), func.count(distinct(Response.id)))
        .join(resp, resp.c.response_id == Response.id)
        .group_by(day)
    )
    weeks: Counter[date] = Counter()
    for day_value, n in rows:
        day_value = day_value if isinstance(day_value, date) else date.fromisoformat(day_value)
        weeks[day_value - timedelta(days=day_value.weekday())] += n
    figures = Figures(k)
    for monday, n in weeks.items():
        figures.add(monday, n)
    figures.add("total", sum(weeks.values()), anchor=True)
    figures.add_line(list(weeks), "total")
    return [Week(monday, figures.shown(monday)) for monday in sorted(weeks)]
