"""Checking uploaded files: what they really are, not what they claim, and how big.

The type is read from the file's first bytes (the `filetype` library), so a script renamed
to .pdf is refused whatever its name or the browser's Content-Type says.
"""

from collections.abc import Iterable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

DOCUMENTS = ("application/pdf",)
IMAGES = ("image/jpeg", "image/png", "image/webp")

_EXTENSIONS = {
    "application/pdf": {"pdf"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/png": {"png"},
    "image/webp": {"webp"},
}


@deconstructible
class FileCheck:
    """A model-field validator: `validators=[FileCheck(DOCUMENTS + IMAGES)]`."""

    def __init__(self, allowed: Iterable[str], max_mb: int | None = None):
        self.allowed = tuple(allowed)
        self.max_mb = max_mb

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, FileCheck)
            and self.allowed == other.allowed
            and self.max_mb == other.max_mb
        )

    def __call__(self, upload) -> None:
        limit_mb = self.max_mb or settings.UPLOAD_MAX_MB
        if upload.size > limit_mb * 1024 * 1024:
            raise ValidationError(
                _("The file is %(size).1f MB; the limit is %(limit)d MB.")
                % {"size": upload.size / 1024 / 1024, "limit": limit_mb},
                code="too_large",
            )
        position = upload.tell() if hasattr(upload, "tell") else 0
        upload.seek(0)
        head = upload.read(262)
        upload.seek(position)
        kind = filetype.guess(head)
        allowed_names = ", ".join(sorted({e for m in self.allowed for e in _EXTENSIONS[m]}))
        if kind is None or kind.mime not in self.allowed:
            raise ValidationError(
                _("This file is not one of the accepted types (%(types)s).")
                % {"types": allowed_names},
                code="wrong_type",
            )
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in _EXTENSIONS[kind.mime]:
            raise ValidationError(
                _("The file's name ends in “.%(extension)s” but it is a %(kind)s file.")
                % {"extension": extension, "kind": kind.extension.upper()},
                code="wrong_extension",
            )
