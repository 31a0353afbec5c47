"""Forms of the staff pages."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Regexp

from app.localized_form import LocalizedForm


class NewStaffForm(LocalizedForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[
            InputRequired(_l("Please enter an e-mail address.")),
            Regexp(
                r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message=_l("Please enter a valid e-mail address.")
            ),
            Length(max=255),
        ],
    )
    role = RadioField(
        _l("Role"),
        choices=[
            SelectChoice("facilitator", _l("Facilitator")),
            SelectChoice("coordinator", _l("Coordinator")),
        ],
        default="facilitator",
    )
