"""Checking uploaded files: what they really are, not what they claim, and how big.

The type is read from the file's first bytes (the `filetype` library), so a script renamed
to .pdf is refused whatever its name or the browser's Content-Type says.
"""

from collections.abc import Iterable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

DOCUMENTS = ("application/pdf",)
IMAGES = ("image/jpeg", "image/png", "image/webp")
# Word, Excel and PowerPoint files (Office 2007 and later), as offices keep their evidence.
OFFICE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
)

_EXTENSIONS = {
    "application/pdf": {"pdf"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/png": {"png"},
    "image/webp": {"webp"},
    OFFICE[0]: {"docx"},
    OFFICE[1]: {"xlsx"},
    OFFICE[2]: {"pptx"},
}
# An Office file is a ZIP whose first entry names the kind; the signature can sit a few
# kilobytes in, so more than the usual 262 bytes are read.
_HEAD_BYTES = 8192


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
        head = upload.read(_HEAD_BYTES)
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


def stream_file(field_file, name: str, *, inline: bool) -> FileResponse:
    """Stream a stored upload with the type read from its bytes (never from its name), shown
    in the browser when `inline`, otherwise downloaded. The caller checks who may read it."""
    handle = field_file.open("rb")
    kind = filetype.guess(handle.read(_HEAD_BYTES))
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=not inline,
        filename=name,
        content_type=kind.mime if kind else "application/octet-stream",
    )
