"""Recognition: certificates of verified hours and the co-curricular record.

Only verified hours count (HoursEntry with status "verified"). A certificate is for one
opportunity, or for one academic year (1 September to 31 August, by the shift's start in the
university's time zone) at one university: the university that vouches for the hours is the
one whose opportunity they were given to. What a certificate states (holder, title, hours,
language) is copied when it is issued, so the public verification page confirms exactly what
was printed; later hours make a new certificate, and the earlier one stays true of its day.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from qogam.core.enums import Role
from qogam.core.i18n import translated
from qogam.core.pdf import render_pdf
from qogam.core.periods import academic_year_bounds, academic_year_label, academic_year_of
from qogam.core.tenancy import university_scope
from qogam.core.visibility import viewer_of
from qogam.organisations.models import University
from qogam.projects.enums import ProjectStatus
from qogam.projects.models import Participant
from qogam.volunteering.enums import CertificateScope, HoursStatus
from qogam.volunteering.models import Certificate, HoursEntry, Opportunity
from qogam.volunteering.rules import is_network_admin, runs_university_of

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

# --- Numbers --------------------------------------------------------------


def format_hours(value: Decimal) -> str:
    """12.50 -> "12.5" (or "12,5" in Kazakh and Russian), 3.00 -> "3"."""
    amount = Decimal(value).quantize(Decimal("0.01"))
    places = 2
    if amount == amount.quantize(Decimal("0.1")):
        places = 0 if amount == amount.to_integral_value() else 1
    return formats.number_format(amount, decimal_pos=places, use_l10n=True)


def language_or_default(code: str | None) -> str:
    code = (code or "").split("-")[0]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


# --- Reads -----------------------------------------------------------------------------------


def _hours_entries() -> QuerySet[HoursEntry]:
    # A student's own hours span universities (network and public opportunities); every read
    # here is narrowed to one student first.
    return HoursEntry.objects.with_scopes_disabled()


def _certificates() -> QuerySet[Certificate]:
    # Narrowed to one student, or fetched by public id and then checked by the rules.
    return Certificate.objects.with_scopes_disabled()


def verified_hours_of(student) -> QuerySet[HoursEntry]:
    """The student's verified hours, with their shift, opportunity and its organisations."""
    return (
        _hours_entries()
        .filter(student=student, status=HoursStatus.VERIFIED)
        .select_related(
            "shift__opportunity__university",
            "shift__opportunity__partner",
        )
        .order_by("shift__starts_at", "pk")
    )


def certificates_of(student) -> QuerySet[Certificate]:
    """Every certificate issued to the student, newest first."""
    return (
        _certificates()
        .filter(student=student)
        .select_related("university", "opportunity")
        .order_by("-created_at", "-pk")
    )


def readable_certificate(user, public_id) -> Certificate | None:
    """The certificate if `user` may read it (the holder, the university's office), else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    certificate = (
        _certificates()
        .select_related("university", "student", "opportunity__partner", "opportunity__university")
        .filter(public_id=public_id)
        .first()
    )
    if certificate is None or not user.has_perm("volunteering.view_certificate", certificate):
        return None
    return certificate


def public_certificate(public_id) -> Certificate | None:
    """The certificate for the public verification page (anyone holding its id: the QR code)."""
    return _certificates().select_related("university").filter(public_id=public_id).first()


def organisation_of(opportunity: Opportunity, language: str | None = None) -> str:
    """Who the volunteering was for: the partner organisation, else the university."""
    if opportunity.partner is not None:
        return translated(opportunity.partner, "name", language).text
    return translated(opportunity.university, "name", language).text


@dataclass
class CertifiableOpportunity:
    opportunity: Opportunity
    hours: Decimal
    first: datetime
    last: datetime
    certificates: list[Certificate] = field(default_factory=list)

    @property
    def hours_text(self) -> str:
        return format_hours(self.hours)


@dataclass
class CertifiableYear:
    university: University
    year: int
    hours: Decimal
    certificates: list[Certificate] = field(default_factory=list)

    @property
    def label(self) -> str:
        return academic_year_label(self.year)

    @property
    def hours_text(self) -> str:
        return format_hours(self.hours)


@dataclass
class Certifiable:
    opportunities: list[CertifiableOpportunity]
    years: list[CertifiableYear]


def certifiable_for(student) -> Certifiable:
    """What the student may have certified: each opportunity and each (university, academic
    year) with verified hours, with the unrevoked certificates that state those very hours."""
    opportunities: dict[int, CertifiableOpportunity] = {}
    years: dict[tuple[int, int], CertifiableYear] = {}
    for entry in verified_hours_of(student):
        opportunity = entry.shift.opportunity
        row = opportunities.get(opportunity.pk)
        if row is None:
            row = opportunities[opportunity.pk] = CertifiableOpportunity(
                opportunity, Decimal(0), entry.shift.starts_at, entry.shift.starts_at
            )
        row.hours += entry.hours
        row.first = min(row.first, entry.shift.starts_at)
        row.last = max(row.last, entry.shift.starts_at)
        key = (opportunity.university_id, academic_year_of(entry.shift.starts_at))
        if key not in years:
            years[key] = CertifiableYear(opportunity.university, key[1], Decimal(0))
        years[key].hours += entry.hours
    current = _certificates().filter(student=student, revoked_at__isnull=True)
    for certificate in current.order_by("-created_at", "-pk"):
        if certificate.scope == CertificateScope.OPPORTUNITY:
            row = opportunities.get(certificate.opportunity_id or 0)
            if row is not None and row.hours == certificate.hours:
                row.certificates.append(certificate)
        else:
            year_row = years.get((certificate.university_id, certificate.academic_year or 0))
            if year_row is not None and year_row.hours == certificate.hours:
                year_row.certificates.append(certificate)
    return Certifiable(
        opportunities=sorted(opportunities.values(), key=lambda r: (r.last, r.opportunity.pk)),
        years=sorted(years.values(), key=lambda r: (r.year, r.university.pk)),
    )


# --- Issuing and revoking --------------------------------------------------------------------


def _no_verified_hours(entries: QuerySet[HoursEntry], field_name: str, what: str):
    """The error for a certificate asked without verified hours, saying whether hours wait."""
    if entries.filter(status=HoursStatus.LOGGED).exists():
        message = _(
            "The hours for %(what)s are still awaiting verification; a certificate is issued "
            "only for verified hours."
        )
    else:
        message = _(
            "There are no verified hours for %(what)s; a certificate is issued only for "
            "verified hours."
        )
    return ValidationError({field_name: message % {"what": what}}, code="no_verified_hours")


def issue_certificate(
    *,
    student,
    opportunity: Opportunity | None = None,
    academic_year: int | None = None,
    university: University | None = None,
    language: str | None = None,
) -> Certificate:
    """Issue the student a certificate of their verified hours for `opportunity`, or for
    `academic_year` (at `university`; by default the only one with verified hours that year,
    else the one where they study).

    Refuses when there are no verified hours (the error names the opportunity or the year).
    An unrevoked certificate of the same scope, language and hours is returned instead of a
    duplicate. The language is the student's unless given.
    """
    if (opportunity is None) == (academic_year is None):
        raise ValidationError(
            _("Choose one opportunity or one academic year for the certificate."), code="scope"
        )
    language = language_or_default(language or getattr(student, "language", ""))
    all_entries = _hours_entries().filter(student=student)
    university_id: int | None
    if opportunity is not None:
        scope = CertificateScope.OPPORTUNITY
        university_id = opportunity.university_id
        title = translated(opportunity, "title", language).text
        mine = all_entries.filter(shift__opportunity=opportunity)
        total = mine.filter(status=HoursStatus.VERIFIED).aggregate(total=Sum("hours"))["total"]
        if not total:
            named = translated(opportunity, "title").text
            raise _no_verified_hours(mine, "opportunity", f"“{named}”")
        match: dict[str, Any] = {"opportunity": opportunity}
    else:
        scope = CertificateScope.YEAR
        year = int(academic_year or 0)
        if not 2000 <= year <= 2100:
            raise ValidationError(
                {"academic_year": _("Give the academic year by the year it starts, e.g. 2026.")},
                code="bad_year",
            )
        start, end = academic_year_bounds(year)
        mine = all_entries.filter(shift__starts_at__gte=start, shift__starts_at__lt=end)
        totals = {
            row["university"]: row["total"]
            for row in mine.filter(status=HoursStatus.VERIFIED)
            .values("university")
            .annotate(total=Sum("hours"))
            .order_by("university")
        }
        label = _("the academic year %(year)s") % {"year": academic_year_label(year)}
        with translation.override(language):
            title = _("Volunteering in the academic year %(year)s") % {
                "year": academic_year_label(year)
            }
        if university is not None:
            university_id = university.pk
        else:
            studies_at = viewer_of(student).university_ids_with(Role.STUDENT)
            home = sorted(set(totals) & set(studies_at))
            university_id = home[0] if home else (sorted(totals)[0] if totals else None)
        if university_id is None or not totals.get(university_id):
            raise _no_verified_hours(mine, "academic_year", label)
        total = totals[university_id]
        match = {"academic_year": year, "university_id": university_id}

    holder = (getattr(student, "full_name", "") or "").strip()
    if not holder:
        raise ValidationError(
            {
                "holder_name": _(
                    "Add your full name to your profile first: it is printed on the certificate."
                )
            },
            code="no_name",
        )

    with transaction.atomic(), university_scope(university_id):
        # One issue at a time per student, so a double click cannot make two certificates.
        get_user_model().objects.select_for_update().filter(pk=student.pk).first()
        existing = (
            Certificate.objects.filter(
                student=student,
                scope=scope,
                language=language,
                hours=total,
                revoked_at__isnull=True,
                **match,
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        if existing is not None:
            return existing
        certificate = Certificate(
            university_id=university_id,
            student=student,
            scope=scope,
            opportunity=opportunity,
            academic_year=match.get("academic_year"),
            holder_name=holder,
            title=title,
            hours=total,
            language=language,
        )
        certificate.full_clean()
        certificate.save()
    return certificate


def revoke_certificate(*, actor, certificate: Certificate, reason: str) -> Certificate:
    """Revoke a certificate (its university's office): the verification page then says so,
    and no credential is issued for it any more. The reason is kept, not published."""
    if not (is_network_admin | runs_university_of).test(actor, certificate):
        raise PermissionDenied(_("You may not revoke this certificate."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"revocation_reason": _("Say why the certificate is revoked.")}, code="no_reason"
        )
    with transaction.atomic(), university_scope(certificate.university_id):
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            raise ValidationError(
                {"revoked_at": _("This certificate is already revoked.")}, code="revoked"
            )
        locked.revoked_at = timezone.now()
        locked.revocation_reason = reason
        locked.save(update_fields=["revoked_at", "revocation_reason", "updated_at"])
    certificate.revoked_at = locked.revoked_at
    certificate.revocation_reason = locked.revocation_reason
    return certificate


# --- The certificate's PDF -------------------------------------------------------------------


def verification_url(certificate: Certificate) -> str:
    """The public verification page, in the certificate's language (the QR code's target)."""
    with translation.override(certificate.language):
        return settings.SITE_URL + certificate.get_absolute_url()


def certificate_statement(certificate: Certificate) -> str:
    """What the certificate says the holder did, in the active language."""
    hours = format_hours(certificate.hours)
    if certificate.scope == CertificateScope.OPPORTUNITY and certificate.opportunity is not None:
        return _(
            "has volunteered %(hours)s verified hours in “%(title)s” with %(organisation)s."
        ) % {
            "hours": hours,
            "title": certificate.title,
            "organisation": organisation_of(certificate.opportunity, translation.get_language()),
        }
    return _("has volunteered %(hours)s verified hours in the academic year %(year)s.") % {
        "hours": hours,
        "year": academic_year_label(certificate.academic_year or 0),
    }


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as an SVG data URI (rendered without fetching anything)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=0, dark="#1d1d1d")


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate as an A4 landscape PDF in the language it was issued in."""
    language = certificate.language
    url = verification_url(certificate)
    with translation.override(language):
        context = {
            "certificate": certificate,
            "university_name": translated(certificate.university, "name", language).text,
            "statement": certificate_statement(certificate),
            "issued_on": formats.date_format(timezone.localtime(certificate.created_at)),
            "verify_url": url,
            "qr": qr_data_uri(url),
        }
    return render_pdf(
        template="volunteering/recognition/certificate_pdf.html",
        context=context,
        language=language,
    )


# --- The co-curricular record ----------------------------------------------------------------


@dataclass
class RecordLine:
    title: str
    organisation: str
    first: date
    last: date
    hours: Decimal

    @property
    def hours_text(self) -> str:
        return format_hours(self.hours)


@dataclass
class RecordYear:
    year: int
    lines: list[RecordLine]
    total: Decimal

    @property
    def label(self) -> str:
        return academic_year_label(self.year)

    @property
    def hours_text(self) -> str:
        return format_hours(self.total)


@dataclass
class RecordProject:
    title: str
    role: str
    starts_on: date
    ends_on: date | None
    hours: Decimal

    @property
    def hours_text(self) -> str:
        return format_hours(self.hours)


@dataclass
class CoCurricularRecord:
    holder: str
    universities: list[str]
    years: list[RecordYear]
    total: Decimal
    projects: list[RecordProject]

    @property
    def hours_text(self) -> str:
        return format_hours(self.total)


def co_curricular_record(student, *, language: str) -> CoCurricularRecord:
    """The student's verified volunteering per academic year and opportunity, and the running
    or finished projects they took part in, with names in `language`."""
    grouped: dict[int, dict[int, RecordLine]] = {}
    universities: dict[int, str] = {}
    for entry in verified_hours_of(student):
        opportunity = entry.shift.opportunity
        day = timezone.localtime(entry.shift.starts_at).date()
        year = grouped.setdefault(academic_year_of(entry.shift.starts_at), {})
        line = year.get(opportunity.pk)
        if line is None:
            line = year[opportunity.pk] = RecordLine(
                title=translated(opportunity, "title", language).text,
                organisation=organisation_of(opportunity, language),
                first=day,
                last=day,
                hours=Decimal(0),
            )
        line.first, line.last = min(line.first, day), max(line.last, day)
        line.hours += entry.hours
        universities.setdefault(
            opportunity.university_id, translated(opportunity.university, "name", language).text
        )
    years = [
        RecordYear(
            year=year,
            lines=sorted(lines.values(), key=lambda line: (line.first, line.title)),
            total=sum((line.hours for line in lines.values()), Decimal(0)),
        )
        for year, lines in sorted(grouped.items())
    ]
    participations = (
        Participant.objects.with_scopes_disabled()  # the person's own, at any university
        .filter(user=student, project__status__in=[ProjectStatus.RUNNING, ProjectStatus.FINISHED])
        .select_related("project")
        .order_by("project__starts_on", "pk")
    )
    with translation.override(language):
        projects = [
            RecordProject(
                title=translated(row.project, "title", language).text,
                role=str(row.get_role_display()),
                starts_on=row.project.starts_on,
                ends_on=row.project.ends_on,
                hours=row.hours,
            )
            for row in participations
        ]
    return CoCurricularRecord(
        holder=(student.full_name or "").strip() or student.email,
        universities=list(universities.values()),
        years=years,
        total=sum((y.total for y in years), Decimal(0)),
        projects=projects,
    )


def record_pdf(student, *, language: str) -> bytes:
    record = co_curricular_record(student, language=language)
    with translation.override(language):
        generated = formats.date_format(timezone.localdate())
    return render_pdf(
        template="volunteering/recognition/record_pdf.html",
        context={"record": record, "generated_on": generated},
        language=language,
    )


RECORD_COLUMNS = ["academic_year", "opportunity", "organisation", "first_day", "last_day", "hours"]


def record_rows(record: CoCurricularRecord) -> list[dict[str, str]]:
    """One row per academic year and opportunity, plain values for CSV and JSON."""
    return [
        {
            "academic_year": year.label,
            "opportunity": line.title,
            "organisation": line.organisation,
            "first_day": line.first.isoformat(),
            "last_day": line.last.isoformat(),
            "hours": f"{line.hours:f}",
        }
        for year in record.years
        for line in year.lines
    ]


def record_csv(record: CoCurricularRecord) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RECORD_COLUMNS)
    writer.writeheader()
    for row in record_rows(record):
        # A leading = + - @ would be read as a formula by a spreadsheet.
        writer.writerow(
            {k: ("'" + v if v[:1] in "=+-@" and k != "hours" else v) for k, v in row.items()}
        )
    return out.getvalue()


def record_json(record: CoCurricularRecord) -> dict[str, Any]:
    return {
        "holder": record.holder,
        "universities": record.universities,
        "total_hours": f"{record.total:f}",
        "years": [
            {"academic_year": year.label, "total_hours": f"{year.total:f}"} for year in record.years
        ],
        "volunteering": record_rows(record),
        "projects": [
            {
                "title": p.title,
                "role": p.role,
                "starts_on": p.starts_on.isoformat(),
                "ends_on": p.ends_on.isoformat() if p.ends_on else None,
                "hours": f"{p.hours:f}",
            }
            for p in record.projects
        ],
    }
