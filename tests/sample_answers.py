"""A complete, valid set of answers to the sample needs assessment, page by page,
as a browser would post them (field name -> value or list of values)."""

from app.codebook import load_codebook

THEMES = [theme.code for theme in load_codebook()]

FULL_ANSWERS = {
    "about-you": {
        "community": "downtown",
        "age-group": "25-34",
        "gender": "woman",
        "time-in-canada": "1-3",
        "arrival-here--month": "9",
        "arrival-here--year": "2023",
        "immigration-category": "refugee",
        "home-languages": ["arabic", "other"],
        "home-languages--other": "Kurdish",
    },
    "arrival": {
        "hardest-at-arrival": "Finding an apartment without credit history",
        "first-help": "settlement-agency",
        "household-size": "4",
        "housing-type": "rent-apartment",
        "housing-affordable": "2",
    },
    "services": {
        "services-used": ["settlement-agency", "language-class"],
        "language-class": "no",
        "family-doctor": "no-looking",
        "employment-status": "part-time",
        "discrimination": "yes",
    },
    "experiences": {
        "agency-satisfaction": "4",
        "language-class-barriers": ["work-hours", "childcare"],
        "job-matches-skills": "2",
        "job-barriers": ["canadian-experience", "credentials"],
        "education-level": "bachelor",
    },
    "community-life": {
        **{f"satisfaction-grid--{code}": str(1 + i % 5) for i, code in enumerate(THEMES)},
        "satisfaction-grid--media": "prefer_not_to_say",
        "feel-welcome": "4",
        "discrimination-where": ["housing", "work"],
        "feel-safe": "5",
    },
    "priorities": {
        "top-priorities--1": "housing",
        "top-priorities--2": "employment",
        "top-priorities--3": "health",
        "top-priorities--4": "education",
        "top-priorities--5": "transit",
        "more-welcoming": "More English classes in the evening",
        "other-comments": "",
        "heard-about": "agency",
    },
}

PAGES = list(FULL_ANSWERS)


def answer_all(respondent, answers=FULL_ANSWERS):
    """Answer every page in order; returns the last response (the thank-you page)."""
    response = None
    for page_id in PAGES:
        assert respondent.path.endswith(f"/p/{page_id}"), (respondent.path, respondent.html[:3000])
        action = "submit" if page_id == PAGES[-1] else "next"
        response = respondent.answer(answers[page_id], action)
    return response
