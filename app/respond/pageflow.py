"""One page of a draft: show it, save what was sent, and move on.

Shared by the public journey (drafts found by cookie) and by staff entry of
paper questionnaires and focus-group sessions (drafts found by id); each
passes the ``PageLinks`` that name its own URLs.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, g, redirect, render_template, request

from app import coding_jobs
from app.db import get_db
from app.drafts import save_answers
from app.i18n import from_url
from app.models import Draft
from app.registry import ServedSurvey
from app.respond.forms import build_page_form, read_page, validate_page
from app.submission import submit_draft


@dataclass(frozen=True)
class PageLinks:
    page: Callable[..., str]  # (page_id, lang=None) -> URL of that page
    before_first: Callable[[], str]  # where "Back" on the first page leads
    saved: Callable[[], str]  # after "Save and continue later"
    done: Callable[[], str]  # after the last page is sent


def resume_page_id(survey: ServedSurvey, draft: Draft) -> str:
    """The page a draft was last on, or the first page still shown."""
    definition = survey.definition
    visible = definition.visible_pages(draft.answers)
    index = draft.page_index if draft.page_index in visible else visible[0]
    return definition.pages[index]["id"]


def handle_page(
    survey: ServedSurvey,
    draft: Draft,
    page_id: str,
    links: PageLinks,
    locales: list[str],
    layout: str = "base.html",
):
    """GET shows the page; POST saves it, then moves or shows it again with errors."""
    definition = survey.definition
    index = definition.page_index(page_id)
    if index is None or index not in definition.visible_pages(draft.answers):
        return redirect(links.page(resume_page_id(survey, draft)))
    questions = definition.visible_questions(index, draft.answers)
    posted = request.form if request.method == "POST" else None
    form = build_page_form(definition, questions, draft.answers, posted)
    if posted is not None:
        valid = validate_page(form, questions)
        expiry = current_app.config["DRAFT_EXPIRY_DAYS"]
        save_answers(get_db(), draft, read_page(form, questions), index, expiry, commit=False)
        action = request.form.get("action", "next")
        moved = _move(survey, draft, index, action, valid, links, locales)
        get_db().commit()  # the page's answers, unless the submission already wrote them
        if moved is not None:
            return moved
    position, total = definition.progress(index, draft.answers)
    return render_template(
        "respond/page.html",
        layout=layout,
        survey=survey,
        page=definition.pages[index],
        questions=questions,
        form=form,
        position=position,
        total=total,
        is_last=definition.page_after(index, draft.answers) is None,
        draft=draft,
        locales=locales,
    ), (422 if form.errors else 200)


def _move(survey, draft, index, action, valid, links: PageLinks, locales):
    """Where a page's button leads, or None to show the page again (with its errors)."""
    definition = survey.definition
    if action.startswith("lang:") and from_url(action[5:]) in locales:
        return redirect(links.page(definition.pages[index]["id"], lang=action[5:]))
    if action == "back":
        before = definition.page_before(index, draft.answers)
        return (
            redirect(links.before_first()) if before is None else _go(survey, draft, before, links)
        )
    if action == "save":
        return redirect(links.saved())
    if action == "more":
        return redirect(links.page(definition.pages[index]["id"]))
    if action not in ("next", "submit") or not valid:
        return None
    after = definition.page_after(index, draft.answers)
    if after is not None:
        return _go(survey, draft, after, links)
    if draft.channel == "web":
        draft.locale = g.locale  # the language the respondent finished in
    response_id = submit_draft(get_db(), draft, definition, code_now=False)
    coding_jobs.schedule(current_app._get_current_object(), response_id)
    return redirect(links.done())


def _go(survey, draft, index, links: PageLinks):
    """Remember where the draft is, so a resume lands on this page, and go there."""
    draft.page_index = index
    get_db().commit()
    return redirect(links.page(survey.definition.pages[index]["id"]))
