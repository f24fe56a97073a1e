from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The control digit of a Kazakh BIN/IIN: weights 1..11, and if the sum mod 11 is 10,
# a second pass with weights 3..11,1,2; a second 10 means the number cannot exist.
_FIRST = range(1, 12)
_SECOND = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)


def bin_is_valid(value: str) -> bool:
    if len(value) != 12 or not value.isdigit():
        return False
    digits = [int(c) for c in value]
    control = sum(d * w for d, w in zip(digits[:11], _FIRST, strict=True)) % 11
    if control == 10:
        control = sum(d * w for d, w in zip(digits[:11], _SECOND, strict=True)) % 11
        if control == 10:
            return False
    return control == digits[11]


def validate_bin(value: str) -> None:
    if len(value) != 12 or not value.isdigit():
        raise ValidationError(_("A BIN has exactly 12 digits."), code="bin_length")
    if not bin_is_valid(value):
        raise ValidationError(
            _("This BIN's control digit does not match; check it for a typing error."),
            code="bin_checksum",
        )
