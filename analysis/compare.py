"""Baseline and follow-up side by side, per community (or any grouping).

The handbook asks councils to report intermediate outcomes by community: the
share of respondents raising each theme and the mean Likert rating per theme,
once for a baseline selection and once for a follow-up (two survey versions or
two date ranges, each a ``ResponseFilter``).
"""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from analysis.filters import ResponseFilter
from analysis.tallies import likert_by_theme, respondent_counts, theme_tally


@dataclass(frozen=True)
class Period:
    respondents: int  # in the group: the base of the share
    raised: int  # respondents whose answers speak to the theme
    rated: int  # respondents who gave a Likert rating on the theme
    mean: float | None  # their mean rating


@dataclass(frozen=True)
class ThemeChange:
    group: str | None
    theme: str
    baseline: Period
    follow_up: Period


@dataclass(frozen=True)
class _Figures:
    """One selection's tallies, looked up by (group, theme)."""

    sizes: dict
    raised: dict
    rated: dict

    @classmethod
    def read(cls, session: Session, flt: ResponseFilter, by: str | None) -> "_Figures":
        return cls(
            {row.group: row.respondents for row in respondent_counts(session, flt, by)},
            {(row.group, row.theme): row.respondents for row in theme_tally(session, flt, by)},
            {(row.group, row.theme): row for row in likert_by_theme(session, flt, by)},
        )

    def keys(self) -> set:
        return self.raised.keys() | self.rated.keys()

    def period(self, group, theme) -> Period:
        rated = self.rated.get((group, theme))
        return Period(
            self.sizes.get(group, 0),
            self.raised.get((group, theme), 0),
            rated.respondents if rated else 0,
            rated.mean if rated else None,
        )


def compare_themes(
    session: Session,
    baseline: ResponseFilter,
    follow_up: ResponseFilter,
    by: str | None = "community",
) -> list[ThemeChange]:
    """One row per group and theme found in either selection."""
    before = _Figures.read(session, baseline, by)
    after = _Figures.read(session, follow_up, by)
    keys = sorted(before.keys() | after.keys(), key=lambda key: (str(key[0]), key[1]))
    return [
        ThemeChange(group, theme, before.period(group, theme), after.period(group, theme))
        for group, theme in keys
    ]
