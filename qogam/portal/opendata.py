"""Open data: every public list of the portal as CSV and JSON, with a stable schema.

A dataset is an explicit list of fields; a row never carries anything else, so a field added
to a model does not reach the public by accident. Contacts, e-mails, phones, the names of
people (students, the posters of needs, staff) and internal notes are not fields of any
dataset. Rows come from the portal's queries only (public records of public universities).

Schema version: raise the minor number when a field is added, the major one when a field
changes meaning or goes away; consumers read `schema.version` in the JSON envelope or the
X-Schema-Version header of the CSV.
"""

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from qogam.core.i18n import translated
from qogam.core.tenancy import university_scope
from qogam.indicators import compute
from qogam.indicators.models import Indicator
from qogam.indicators.queries import active_indicators
from qogam.organisations.models import University
from qogam.portal import queries
from qogam.portal.sitemaps import record_url

SCHEMA_VERSION = "1.0"
# Reporting years of the indicators dataset: the current one and the ones before it.
INDICATOR_YEARS = 5
# Rows read from the database at a time while a download streams.
CHUNK = 500
LIST_SEPARATOR = ";"

DEFAULT_LICENCE = "CC BY 4.0"
KNOWN_LICENCES = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL 1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
}


@dataclass(frozen=True)
class Licence:
    name: str
    url: str


def licence() -> Licence:
    """The licence of the portal's open data (settings.PORTAL_DATA_LICENCE)."""
    name = getattr(settings, "PORTAL_DATA_LICENCE", DEFAULT_LICENCE) or DEFAULT_LICENCE
    return Licence(name=name, url=KNOWN_LICENCES.get(name, ""))


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    meaning: Promise


@dataclass(frozen=True)
class Dataset:
    kind: str
    title: Promise
    description: Promise
    fields: tuple[Field, ...]
    # (university or None for the network, absolute-URL maker) -> rows as dicts
    rows: Callable[[University | None, Callable[[str | None], str | None]], Iterator[dict]]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def _iso(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _text(record, field: str) -> str:
    return translated(record, field).text


def _number(value) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


ID = Field("id", "uuid", _("Public identifier of the record; stable across downloads."))
URL = Field("url", "url", _("Address of the record's page on the portal (empty when it has none)."))
UNIVERSITY = Field("university", "string", _("Short address (slug) of the university."))
SDGS = Field("sdgs", "list of integers", _("Sustainable Development Goals, numbers 1 to 17."))
LATITUDE = Field("latitude", "decimal", _("Latitude of the place, WGS 84 (empty when not given)."))
LONGITUDE = Field(
    "longitude", "decimal", _("Longitude of the place, WGS 84 (empty when not given).")
)
UPDATED = Field("updated_at", "datetime", _("When the record last changed (ISO 8601)."))


def _project_rows(university, absolute) -> Iterator[dict]:
    for p in queries.public_projects(university).order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": str(p.public_id),
            "url": absolute(record_url("project", p)),
            "university": p.university.slug,
            "title": _text(p, "title"),
            "description": _text(p, "description"),
            "kind": p.kind,
            "status": p.status,
            "components": list(p.components or []),
            "sdgs": list(p.sdgs or []),
            "district": p.district,
            "latitude": _number(p.latitude),
            "longitude": _number(p.longitude),
            "starts_on": _iso(p.starts_on),
            "ends_on": _iso(p.ends_on),
            "beneficiaries": p.beneficiaries,
            "external_participants": p.external_participants,
            "outputs": _text(p, "outputs"),
            "outcomes": _text(p, "outcomes"),
            "updated_at": _iso(p.updated_at),
        }


def _need_rows(university, absolute) -> Iterator[dict]:
    for n in queries.public_needs(university).order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": str(n.public_id),
            "url": absolute(record_url("need", n)),
            "university": n.university.slug,
            "title": n.title,
            "description": n.description,
            "language": n.language,
            "category": n.category,
            "affected_group": n.affected_group,
            "urgency": n.urgency,
            "district": n.district,
            "latitude": _number(n.latitude),
            "longitude": _number(n.longitude),
            "sdgs": list(n.sdgs or []),
            "state": n.state,
            "supporters": n.support_count,
            "published_at": _iso(n.published_at),
            "answered_at": _iso(n.answered_at),
            "addressed_at": _iso(n.addressed_at),
            "decline_reason": _text(n, "decline_reason"),
            "report": _text(n, "report"),
        }


def _opportunity_rows(university, absolute) -> Iterator[dict]:
    for o in queries.public_opportunities(university).order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": str(o.public_id),
            "url": absolute(record_url("opportunity", o)),
            "university": o.university.slug,
            "title": _text(o, "title"),
            "description": _text(o, "description"),
            "kind": o.kind,
            "skills": o.skills,
            "location": o.location,
            "accessibility": o.accessibility,
            "minimum_age": o.minimum_age,
            "status": o.status,
            "updated_at": _iso(o.updated_at),
        }


def _partner_rows(university, absolute) -> Iterator[dict]:
    for p in queries.public_partners(university).order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": str(p.public_id),
            "url": absolute(record_url("partner", p)),
            "university": p.university.slug,
            "name": _text(p, "name"),
            "short_name": _text(p, "short_name"),
            "description": _text(p, "description"),
            "kind": p.kind,
            "region": p.region,
            "district": p.district,
            "city": p.city,
            "website": p.website,
            "updated_at": _iso(p.updated_at),
        }


def _study_rows(university, absolute) -> Iterator[dict]:
    for s in queries.public_studies(university).order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": str(s.public_id),
            "url": absolute(record_url("study", s)),
            "university": s.university.slug,
            "title": _text(s, "title"),
            "abstract": _text(s, "abstract"),
            "status": s.status,
            "sdgs": list(s.sdgs or []),
            "starts_on": _iso(s.starts_on),
            "ends_on": _iso(s.ends_on),
            "uptake": s.uptake,
            "uptake_note": _text(s, "uptake_note"),
            "uptake_on": _iso(s.uptake_on),
            "updated_at": _iso(s.updated_at),
        }


def published_indicators(university: University) -> list[Indicator]:
    """The indicators in use at the university whose values it published to everyone."""
    with university_scope(university):
        return list(
            active_indicators(university.pk)
            .filter(pk__in=list(queries.published_indicator_ids(university)))
            .order_by("code")
        )


def _indicator_rows(university, absolute) -> Iterator[dict]:
    universities = [university] if university else queries.public_universities().order_by("slug")
    this_year = timezone.localdate().year
    for chosen in universities:
        indicators = published_indicators(chosen)
        if not indicators:
            continue
        for year in range(this_year - INDICATOR_YEARS + 1, this_year + 1):
            # Publishing the values allowed reading the records behind them, in its scope.
            with university_scope(chosen):
                values = compute.evaluate(
                    indicators,
                    university_id=chosen.pk,
                    period_for=lambda i, year=year: compute.period_in_year(i, year),
                )
            for v in values:
                yield {
                    "university": chosen.slug,
                    "indicator_id": str(v.indicator.public_id),
                    "code": v.indicator.code,
                    "name": _text(v.indicator, "name"),
                    "unit": v.indicator.unit,
                    "direction": v.indicator.direction,
                    "period": v.period.key,
                    "period_starts_on": _iso(v.period.starts_on),
                    "period_ends_on": _iso(v.period.ends_on),
                    "value": _number(v.value),
                    "target": _number(v.target),
                }


DATASETS: dict[str, Dataset] = {
    d.kind: d
    for d in (
        Dataset(
            "projects",
            _("Projects"),
            _("Third-mission projects the universities made public."),
            (
                ID,
                URL,
                UNIVERSITY,
                Field("title", "string", _("Title, in the language of the download.")),
                Field("description", "string", _("Description.")),
                Field("kind", "code", _("Kind of project (e.g. community_service).")),
                Field("status", "code", _("planned, running, finished or cancelled.")),
                Field(
                    "components",
                    "list of codes",
                    _("Components of the University model 4.0 the project belongs to."),
                ),
                SDGS,
                Field("district", "string", _("District, city or village.")),
                LATITUDE,
                LONGITUDE,
                Field("starts_on", "date", _("First day (ISO 8601).")),
                Field("ends_on", "date", _("Last day (ISO 8601); empty while it runs.")),
                Field("beneficiaries", "integer", _("Number of beneficiaries, when counted.")),
                Field(
                    "external_participants",
                    "integer",
                    _("People from outside the university who took part."),
                ),
                Field("outputs", "string", _("What the project produced.")),
                Field("outcomes", "string", _("What changed, recorded once it finished.")),
                UPDATED,
            ),
            _project_rows,
        ),
        Dataset(
            "needs",
            _("Community needs"),
            _("Needs posted by the community, published by the university, and their outcome."),
            (
                ID,
                URL,
                UNIVERSITY,
                Field("title", "string", _("Title, as written by the community.")),
                Field("description", "string", _("Description, as written by the community.")),
                Field("language", "code", _("Language the need was written in (kk, ru or en).")),
                Field("category", "code", _("Category of the need (e.g. infrastructure).")),
                Field("affected_group", "code", _("Who is affected (e.g. schoolchildren).")),
                Field("urgency", "code", _("low, medium or high.")),
                Field("district", "string", _("District, city or village.")),
                LATITUDE,
                LONGITUDE,
                SDGS,
                Field(
                    "state",
                    "code",
                    _("published, accepted, declined, in_progress or addressed."),
                ),
                Field("supporters", "integer", _("Confirmed supporters (“I have this need too”).")),
                Field("published_at", "datetime", _("When it was published (ISO 8601).")),
                Field("answered_at", "datetime", _("When the university answered it.")),
                Field("addressed_at", "datetime", _("When it was reported addressed.")),
                Field("decline_reason", "string", _("Why the university declined it.")),
                Field("report", "string", _("What was done (“you said — we did”).")),
            ),
            _need_rows,
        ),
        Dataset(
            "opportunities",
            _("Volunteering opportunities"),
            _("Volunteering opportunities open for sign-ups."),
            (
                ID,
                URL,
                UNIVERSITY,
                Field("title", "string", _("Title, in the language of the download.")),
                Field("description", "string", _("Description.")),
                Field("kind", "code", _("Kind of activity (e.g. volunteering).")),
                Field("skills", "string", _("Skills wanted.")),
                Field("location", "string", _("Where it takes place.")),
                Field("accessibility", "string", _("Accessibility notes.")),
                Field("minimum_age", "integer", _("Minimum age of a volunteer, when set.")),
                Field("status", "code", _("Status of the opportunity (open).")),
                UPDATED,
            ),
            _opportunity_rows,
        ),
        Dataset(
            "partners",
            _("Partners"),
            _("Partner organisations who agreed to be listed; no contact persons."),
            (
                ID,
                URL,
                UNIVERSITY,
                Field("name", "string", _("Name of the organisation.")),
                Field("short_name", "string", _("Short name of the organisation.")),
                Field(
                    "description", "string", _("What the organisation does with the university.")
                ),
                Field("kind", "code", _("Kind of organisation (e.g. akimat, business, ngo).")),
                Field("region", "code", _("Region of Kazakhstan.")),
                Field("district", "string", _("District.")),
                Field("city", "string", _("City or village.")),
                Field("website", "url", _("The organisation's website.")),
                UPDATED,
            ),
            _partner_rows,
        ),
        Dataset(
            "research",
            _("Regional research"),
            _("Studies of the development of the city and region, and their uptake."),
            (
                ID,
                URL,
                UNIVERSITY,
                Field("title", "string", _("Title, in the language of the download.")),
                Field("abstract", "string", _("Abstract.")),
                Field("status", "code", _("planned, ongoing, completed or cancelled.")),
                SDGS,
                Field("starts_on", "date", _("First day (ISO 8601).")),
                Field("ends_on", "date", _("Last day (ISO 8601).")),
                Field("uptake", "code", _("Whether the recommendations were taken up.")),
                Field("uptake_note", "string", _("What became of the recommendations.")),
                Field("uptake_on", "date", _("When the uptake became known.")),
                UPDATED,
            ),
            _study_rows,
        ),
        Dataset(
            "indicators",
            _("Published indicators"),
            _(
                "Values of the indicators each university published, per reporting period "
                "of the last five years."
            ),
            (
                UNIVERSITY,
                Field("indicator_id", "uuid", _("Public identifier of the indicator.")),
                Field("code", "string", _("Code of the indicator.")),
                Field("name", "string", _("Name, in the language of the download.")),
                Field("unit", "code", _("Unit of measure (count, percent, hours, tenge...).")),
                Field("direction", "code", _("higher or lower: which way is better.")),
                Field("period", "string", _("Reporting period: 2026/27, 2026 or 2026-Q2.")),
                Field("period_starts_on", "date", _("First day of the period (ISO 8601).")),
                Field("period_ends_on", "date", _("Last day of the period (ISO 8601).")),
                Field("value", "decimal", _("The value; empty when there is no data.")),
                Field("target", "decimal", _("The university's target; empty when none.")),
            ),
            _indicator_rows,
        ),
    )
}
KINDS = tuple(DATASETS)
FORMATS = ("csv", "json")


def schema_of(dataset: Dataset, *, url: str | None = None) -> dict:
    return {
        "name": f"qogam.portal.{dataset.kind}",
        "version": SCHEMA_VERSION,
        "url": url,
        "fields": [
            {"name": f.name, "type": f.type, "description": str(f.meaning)} for f in dataset.fields
        ],
    }


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


class _Line:
    """A file-like object whose write() hands back what it was given (csv.writer → stream)."""

    def write(self, value: str) -> str:
        return value


def csv_chunks(dataset: Dataset, rows: Iterator[dict]) -> Iterator[str]:
    """The CSV text, a row at a time: a header of field names, then one line per record."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(dataset.field_names)
    for row in rows:
        yield writer.writerow([_csv_cell(row[name]) for name in dataset.field_names])


def json_chunks(envelope: dict, rows: Iterator[dict]) -> Iterator[str]:
    """The JSON document with `items` written a record at a time."""
    head = json.dumps({**envelope, "items": []}, ensure_ascii=False, indent=None)
    # The envelope ends with "items": [] by construction; the rows go between the brackets.
    yield head[: -len("[]}")] + "["
    first = True
    for row in rows:
        yield ("" if first else ",") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "]}"
