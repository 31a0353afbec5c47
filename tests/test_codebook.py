"""The default codebook: the 17 characteristics of a welcoming community, in every locale."""

import pytest

from app.codebook import load_codebook
from app.i18n import KNOWN_LOCALES

CODES = [
    "employment",
    "social_capital",
    "housing",
    "attitudes",
    "newcomer_services",
    "actor_links",
    "municipal_services",
    "education",
    "health",
    "transit",
    "religion",
    "social_engagement",
    "political_participation",
    "police_justice",
    "safety",
    "public_space",
    "media",
]


def test_seventeen_stable_codes_in_published_rank_order():
    assert [theme.code for theme in load_codebook()] == CODES
    assert [theme.rank for theme in load_codebook()] == list(range(1, 18))


@pytest.mark.parametrize("locale", KNOWN_LOCALES)
def test_every_theme_has_a_label_and_description_in(locale):
    for theme in load_codebook():
        assert theme.labels.get(locale), (theme.code, locale)
        assert theme.descriptions.get(locale), (theme.code, locale)
    labels = [theme.labels[locale] for theme in load_codebook()]
    assert len(set(labels)) == 17, f"two themes share a label in {locale}"
