"""Checks of a catalogue function's list-valued fields."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qogam.core.contributions import contribution_source, contribution_sources


def validate_sources(value) -> None:
    """Keys of registered activity sources ("projects.participation"), each once."""
    if not isinstance(value, list):
        raise ValidationError(_("Give a list of codes."), code="not_a_list")
    bad = [str(v) for v in value if not isinstance(v, str) or contribution_source(v) is None]
    if bad:
        known = ", ".join(s.key for s in contribution_sources())
        raise ValidationError(
            _("Unknown activity source: %(values)s (known: %(known)s).")
            % {"values": ", ".join(bad), "known": known},
            code="unknown_source",
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each code may be chosen once."), code="repeated_code")


def validate_categories(value) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValidationError(_("Give a list of codes."), code="not_a_list")
    if len(set(value)) != len(value):
        raise ValidationError(_("Each code may be chosen once."), code="repeated_code")
