"""The kinds of record the SDG tagger reads, registered by the apps that hold them.

`sdg` sits low in the import order and never imports projects, needs and the rest; each of
those apps registers its taggable model here in its AppConfig.ready(), saying which fields
hold the text, which field holds the record's unit (for a unit's SDG profile), where its list
is and which field lists its goals.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.functional import Promise


@dataclass(frozen=True)
class Taggable:
    key: str  # "projects.project": the model's label, lower case
    model: type[Model]
    label: str | Promise  # plural, as a heading: "Projects"
    # Fields whose text the tagger reads, in order; translated fields ("title" of a model
    # with title_kk, title_ru, title_en) are read in every language the record has.
    text_fields: tuple[str, ...]
    # The path from the record to its unit ("lead_unit", "unit"), or "" when it has none.
    unit_field: str = ""
    # The name of the list page that takes ?sdg=<goal>, or "" when there is none.
    list_url: str = ""
    sdgs_field: str = "sdgs"
    # The permission (checked with the record) to change the record's goals.
    change_perm: str = ""
    # The records of a university a staff member may see in its SDG profile and that a
    # bulk run reads; defaults to all of the university's records.
    records: Callable[[int], QuerySet] | None = None
    order: int = 100
    extra: dict[str, Any] = field(default_factory=dict)

    def records_of(self, university_id: int) -> QuerySet:
        if self.records is not None:
            return self.records(university_id)
        return self.model.objects.with_scopes_disabled().filter(university_id=university_id)


_taggables: dict[str, Taggable] = {}


def register_taggable(taggable: Taggable) -> None:
    _taggables[taggable.key] = taggable


def taggables() -> list[Taggable]:
    return sorted(_taggables.values(), key=lambda t: (t.order, t.key))


def taggable(key: str) -> Taggable | None:
    return _taggables.get(key)


def taggable_for(record_or_model) -> Taggable | None:
    return _taggables.get(record_or_model._meta.label_lower)


def _field_values(record, name: str) -> list[str]:
    values = []
    for attr in (name, f"{name}_kk", f"{name}_ru", f"{name}_en"):
        value = getattr(record, attr, None)
        if isinstance(value, str) and value.strip() and value.strip() not in values:
            values.append(value.strip())
    return values


def text_of(record) -> str:
    """The text the tagger reads for a record: its text fields in every language it has."""
    kind = taggable_for(record)
    if kind is None:
        return ""
    parts: list[str] = []
    for name in kind.text_fields:
        parts += [v for v in _field_values(record, name) if v not in parts]
    return "\n\n".join(parts)


def text_of_form_data(kind: Taggable, data) -> str:
    """The same text, read from a form being filled in (`data` is request.POST)."""
    parts: list[str] = []
    for name in kind.text_fields:
        for key in (name, f"{name}_kk", f"{name}_ru", f"{name}_en"):
            value = (data.get(key) or "").strip()
            if value and value not in parts:
                parts.append(value)
    return "\n\n".join(parts)
