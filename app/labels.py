"""Translated names for the codes staff pages show: roles, statuses, audit actions, options."""

from flask_babel import gettext as _

from app.definitions.model import OTHER, PREFER_NOT_TO_SAY


def role_label(role: str) -> str:
    return {"coordinator": _("coordinator"), "facilitator": _("facilitator")}.get(role, role)


def status_label(status: str) -> str:
    return {"draft": _("draft"), "open": _("open"), "closed": _("closed")}.get(status, status)


def status_action(status: str) -> str:
    """The button that moves a survey to ``status``."""
    return {"draft": _("Back to draft"), "open": _("Open"), "closed": _("Close")}[status]


def action_label(action: str) -> str:
    names = {
        "sign_in": _("signed in"),
        "sign_in_failed": _("failed sign-in"),
        "sign_out": _("signed out"),
        "user_create": _("created an account"),
        "user_activate": _("activated an account"),
        "user_deactivate": _("deactivated an account"),
        "user_role_change": _("changed a role"),
        "password_reset": _("reset a password"),
        "survey_open": _("opened a survey"),
        "survey_closed": _("closed a survey"),
        "survey_draft": _("set a survey back to draft"),
        "paper_submit": _("entered a paper questionnaire"),
        "focus_group_submit": _("recorded a focus group"),
        "export": _("downloaded an export"),
        "export_raw": _("downloaded raw text"),
        "coding_correct": _("corrected theme codes"),
    }
    return names.get(action, action)


def option_label(question: dict, code: str, key: str = "options") -> str:
    """The source-language label of an option or grid item (translate it with the ``st`` filter)."""
    if code == OTHER:
        return _("Other")
    if code == PREFER_NOT_TO_SAY:
        return _("Prefer not to say")
    return next((o["label"] for o in question.get(key, []) if o["code"] == code), code)


def grouping_label(by: str) -> str:
    """What a dashboard grouping is called."""
    names = {
        "language": _("language of the questionnaire"),
        "community": _("community"),
        "channel": _("how it was answered (web, paper, focus group)"),
        "gender": _("gender"),
        "age_group": _("age group"),
        "time_in_canada": _("time in Canada"),
        "immigration_category": _("immigration category"),
    }
    return names.get(by, by)
