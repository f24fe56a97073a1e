import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$")
# The public portal's own addresses sit beside the universities' (/portal/<slug>/): a
# university with one of these short addresses would be hidden by them.
RESERVED_SLUGS = frozenset({"network", "search"})


def validate_slug(value: str) -> None:
    if not _SLUG.match(value):
        raise ValidationError(
            _("Use 3 to 50 lowercase Latin letters, digits and hyphens, e.g. “kaznu”."),
            code="invalid_slug",
        )
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved for the public portal; choose another short address.")
            % {"slug": value},
            code="reserved_slug",
        )
