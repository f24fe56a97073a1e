import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A DOI is "10." + a registrant code of digits (dot-separated) + "/" + a suffix (Crossref's
# recommended pattern). Links such as https://doi.org/10.… are refused: give the DOI itself.
DOI_PATTERN = re.compile(r"^10\.\d{4,9}(\.\d+)*/\S+$")


def validate_doi(value: str) -> None:
    if not DOI_PATTERN.match(value or ""):
        raise ValidationError(
            _("A DOI looks like 10.1234/abc-567 (without https://doi.org/ in front)."),
            code="bad_doi",
        )
