"""Tallies over real submitted responses, on SQLite and PostgreSQL: counts are respondents."""

from datetime import date, datetime

import pytest

from analysis.compare import compare_themes
from analysis.filters import ResponseFilter, UnknownGrouping
from analysis.ranking import theme_ranking
from analysis.tallies import choice_tally, likert_by_theme, respondent_counts, theme_tally
from tests.survey_responses import SurveyDatabase, needs_answers

NEEDS = ResponseFilter("needs-assessment")


@pytest.fixture
def survey_db(database_url):
    database = SurveyDatabase(database_url)
    yield database
    database.close()


def by_theme(rows, group=None):
    return {row.theme: row for row in rows if row.group == group}


def test_respondent_counts_by_language_community_and_channel(survey_db):
    survey_db.submit(needs_answers("downtown"), locale="ar")
    survey_db.submit(needs_answers("downtown"), locale="fr", channel="paper")
    survey_db.submit(needs_answers("rural"), locale="fr")
    count = {
        by: {row.group: row.respondents for row in respondent_counts(survey_db.session, NEEDS, by)}
        for by in ("language", "community", "channel")
    }
    assert count == {
        "language": {"ar": 1, "fr": 2},
        "community": {"downtown": 2, "rural": 1},
        "channel": {"web": 2, "paper": 1},
    }
    assert respondent_counts(survey_db.session, NEEDS)[0].respondents == 3


def test_a_theme_counts_each_respondent_once_however_many_answers_raise_it(survey_db):
    # Employment is raised by an option, a question theme, a grid item and a ranking.
    survey_db.submit(
        needs_answers(**{"services-used": ["employment-centre"], "job-barriers": ["credentials"]})
    )
    survey_db.submit(needs_answers(**{"services-used": ["library"]}))
    themes = by_theme(theme_tally(survey_db.session, NEEDS))
    assert themes["employment"].respondents == 2
    assert themes["municipal_services"].respondents == 1  # the library
    assert "religion" not in themes


def test_prefer_not_to_say_does_not_raise_a_question_theme(survey_db):
    # Safety is only asked about in feel-safe; media only as a grid item.
    survey_db.submit(needs_answers(**{"feel-safe": "prefer_not_to_say"}))
    survey_db.submit(needs_answers(**{"feel-safe": 1}))
    themes = by_theme(theme_tally(survey_db.session, NEEDS))
    assert themes["safety"].respondents == 1
    assert "media" not in themes  # both said "prefer not to say" to it in the grid


def test_human_codes_replace_auto_codes_of_the_same_comment(survey_db):
    first = survey_db.submit(needs_answers(**{"more-welcoming": "Evening classes please"}))
    survey_db.code(first, "more-welcoming", ["religion", "political_participation"], "auto")
    survey_db.code(first, "more-welcoming", ["education"], "human")
    second = survey_db.submit(needs_answers(**{"more-welcoming": "More mosques"}))
    survey_db.code(second, "more-welcoming", ["religion"], "auto")
    themes = by_theme(theme_tally(survey_db.session, NEEDS))
    assert themes["religion"].in_own_words == 1
    assert themes["education"].in_own_words == 1
    assert "political_participation" not in themes


def test_theme_tally_cross_tabs_by_language_and_by_a_dimension(survey_db):
    survey_db.submit(needs_answers(gender="woman", **{"services-used": ["library"]}), locale="ar")
    survey_db.submit(needs_answers(gender="man", **{"services-used": ["library"]}), locale="fr")
    survey_db.submit(needs_answers(gender="man"), locale="fr")
    by_language = theme_tally(survey_db.session, NEEDS, "language")
    assert by_theme(by_language, "ar")["municipal_services"].respondents == 1
    assert by_theme(by_language, "fr")["municipal_services"].respondents == 1
    assert by_theme(by_language, "fr")["housing"].respondents == 2
    by_gender = theme_tally(survey_db.session, NEEDS, "gender")
    assert by_theme(by_gender, "man")["municipal_services"].respondents == 1
    assert by_theme(by_gender, "woman")["municipal_services"].respondents == 1


def test_home_languages_are_a_multiple_choice_grouping(survey_db):
    survey_db.submit(needs_answers(**{"home-languages": ["arabic", "french"]}))
    survey_db.submit(needs_answers(**{"home-languages": ["french"]}))
    counts = respondent_counts(survey_db.session, NEEDS, "dimension:language")
    assert {row.group: row.respondents for row in counts} == {"arabic": 1, "french": 2}
    with pytest.raises(UnknownGrouping):
        respondent_counts(survey_db.session, NEEDS, "colour")


def test_choice_tally_counts_options_and_who_answered(survey_db):
    survey_db.submit(needs_answers(**{"first-help": "city"}))
    survey_db.submit(needs_answers(**{"first-help": "city"}))
    survey_db.submit(needs_answers(**{"first-help": None}))
    tally = choice_tally(survey_db.session, NEEDS)
    counts = {(c.question_id, c.item_id, c.option_code): c.respondents for c in tally.counts}
    answered = {(a.question_id, a.item_id): a.respondents for a in tally.answered}
    assert counts["first-help", None, "city"] == 2
    assert answered["first-help", None] == 2
    assert counts["satisfaction-grid", "housing", "2"] == 3
    assert counts["top-priorities", None, "transit"] == 3
    assert answered["community", None] == 3


def test_likert_mean_and_distribution_per_theme(survey_db):
    survey_db.submit(needs_answers(**{"feel-welcome": 2, "discrimination": "yes"}))
    survey_db.submit(needs_answers(**{"feel-welcome": 5}))
    survey_db.submit(needs_answers(**{"feel-welcome": "prefer_not_to_say"}))
    attitudes = by_theme(likert_by_theme(survey_db.session, NEEDS))["attitudes"]
    assert attitudes.respondents == 2
    assert attitudes.mean == pytest.approx(3.5)
    assert attitudes.distribution == {2: 1, 5: 1}
    housing = by_theme(likert_by_theme(survey_db.session, NEEDS))["housing"]
    # housing-affordable (2) and the grid's housing item (2), three respondents
    assert (housing.respondents, housing.mean, housing.distribution) == (3, 2.0, {2: 3})


def test_ranking_gives_borda_points_and_top_three_shares_beside_the_published_rank(survey_db):
    survey_db.submit(needs_answers(**{"top-priorities": ["housing", "employment", "health"]}))
    survey_db.submit(needs_answers(**{"top-priorities": ["employment", "media", "housing"]}))
    ranks = {row.theme: row for row in theme_ranking(survey_db.session, NEEDS)}
    # rank_count is 5: first earns 5 points, second 4, third 3
    assert ranks["employment"].points == 4 + 5
    assert ranks["housing"].points == 5 + 3
    assert ranks["employment"].borda_rank == 1
    assert ranks["media"].top == 1 and ranks["media"].answered == 2
    assert ranks["media"].published_rank == 17
    assert ranks["employment"].published_rank == 1


def test_filters_by_date_range_and_community(survey_db):
    survey_db.submit(needs_answers("downtown"), submitted_at=datetime(2024, 3, 1, 12))
    survey_db.submit(needs_answers("downtown"), submitted_at=datetime(2025, 3, 1, 12))
    survey_db.submit(needs_answers("rural"), submitted_at=datetime(2025, 3, 31, 23, 59))
    spring_2025 = ResponseFilter(
        "needs-assessment", date_from=date(2025, 3, 1), date_to=date(2025, 3, 31)
    )
    assert respondent_counts(survey_db.session, spring_2025)[0].respondents == 2
    rural = ResponseFilter("needs-assessment", communities=("rural",))
    assert respondent_counts(survey_db.session, rural)[0].respondents == 1


def test_baseline_and_follow_up_are_compared_per_community(survey_db):
    for when, library in ((datetime(2024, 5, 1), False), (datetime(2025, 5, 1), True)):
        for community in ("downtown", "downtown", "rural"):
            services = ["library"] if library and community == "downtown" else ["settlement-agency"]
            survey_db.submit(
                needs_answers(community, **{"services-used": services, "feel-safe": 3 + library}),
                submitted_at=when,
            )
    baseline = ResponseFilter("needs-assessment", date_to=date(2024, 12, 31))
    follow_up = ResponseFilter("needs-assessment", date_from=date(2025, 1, 1))
    rows = {(r.group, r.theme): r for r in compare_themes(survey_db.session, baseline, follow_up)}
    library = rows["downtown", "municipal_services"]
    assert (library.baseline.raised, library.follow_up.raised) == (0, 2)
    assert (library.baseline.respondents, library.follow_up.respondents) == (2, 2)
    safety = rows["rural", "safety"]
    assert (safety.baseline.mean, safety.follow_up.mean) == (3.0, 4.0)
