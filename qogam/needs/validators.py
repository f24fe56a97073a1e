from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

SDG_NUMBERS = range(1, 18)


def validate_sdgs(value) -> None:
    """A list of distinct UN Sustainable Development Goal numbers, 1 to 17."""
    if not isinstance(value, list):
        raise ValidationError(_("Give the goals as a list of numbers."), code="not_a_list")
    bad = [
        v for v in value if not isinstance(v, int) or isinstance(v, bool) or v not in SDG_NUMBERS
    ]
    if bad:
        raise ValidationError(
            _("The Sustainable Development Goals are numbered 1 to 17; %(values)s is not one.")
            % {"values": ", ".join(str(v) for v in bad)},
            code="unknown_goal",
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each goal may be chosen once."), code="repeated_goal")
