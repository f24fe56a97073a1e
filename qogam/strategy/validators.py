"""Checks of a measure's list-valued fields."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INDICATOR_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")


def validate_indicator_codes(value) -> None:
    """A list of indicator codes ("VOL-01", "SDG17.2"), each once."""
    if not isinstance(value, list):
        raise ValidationError(_("Give a list of codes."), code="not_a_list")
    bad = [str(v) for v in value if not isinstance(v, str) or not INDICATOR_CODE.match(v)]
    if bad:
        raise ValidationError(
            _("Not an indicator code: %(values)s.") % {"values": ", ".join(bad)},
            code="bad_indicator_code",
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each code may be chosen once."), code="repeated_code")
