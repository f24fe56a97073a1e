"""What every app's forms share."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def add_service_error(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form; errors of fields it lacks go on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class SpreadsheetUploadForm(forms.Form):
    """The upload form of a spreadsheet import: the university to import into, and the file.

    `read_rows(name, content)` is the importer's; `no_rows_message` the error for a file with a
    header and no rows. The file is read here once; `cleaned_data["content"]` holds its bytes.
    """

    university: forms.ModelChoiceField = forms.ModelChoiceField(
        label=gettext_lazy("University"), queryset=None
    )
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet"),
        help_text=gettext_lazy("An Excel workbook (.xlsx) or a CSV file in UTF-8 (.csv)."),
    )

    def __init__(
        self,
        *args,
        universities,
        read_rows: Callable[[str, bytes], list[tuple[int, dict]]],
        no_rows_message: Any,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.read_rows = read_rows
        self.no_rows_message = no_rows_message
        self.fields["university"].queryset = universities  # type: ignore[attr-defined]
        only = list(universities[:2])
        if len(only) == 1:
            self.fields["university"].initial = only[0].pk
        self.fields["file"].widget.attrs["accept"] = ".xlsx,.csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit_mb = settings.UPLOAD_MAX_MB
        if upload.size > limit_mb * 1024 * 1024:
            # Refused before reading it into memory.
            raise ValidationError(
                _("The file is %(size).1f MB; the limit is %(limit)d MB.")
                % {"size": upload.size / 1024 / 1024, "limit": limit_mb},
                code="too_large",
            )
        content = upload.read()
        if not self.read_rows(upload.name, content):
            raise ValidationError(self.no_rows_message, code="no_rows")
        self.cleaned_data["content"] = content
        return upload
