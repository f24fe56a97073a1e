"""The academic link: programmes and courses of a unit, enrolments, and service-learning progress.

A service-learning course asks for a number of verified volunteer hours. A student enrolled
for an academic year (2026 stands for 2026/27) makes progress with the verified hours of
their shifts that start within that year (1 September to 31 August) in opportunities of the
kinds the course counts (every kind when it names none). Hours count wherever the student
gave them: a network or public opportunity of another university counts too.

Progress is always summed by the database (one aggregate per enrolment, one annotated query
per course), never by adding entries up in Python.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

import openpyxl
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from qogam.accounts.models import Membership
from qogam.core.enums import Role
from qogam.core.i18n import require_translations, translated
from qogam.core.periods import academic_year_bounds as academic_year_bounds
from qogam.core.periods import academic_year_label as academic_year_label
from qogam.core.periods import academic_year_of as academic_year_of
from qogam.core.tenancy import university_scope
from qogam.core.visibility import Viewer
from qogam.organisations.models import Unit, University
from qogam.organisations.queries import units_beneath
from qogam.projects.enums import ProjectKind
from qogam.volunteering.enums import HoursStatus
from qogam.volunteering.models import Course, Enrolment, HoursEntry, Programme

ZERO = Decimal("0")
HOURS_FIELD = DecimalField(max_digits=9, decimal_places=2)
MAX_ENROL_LINES = 1000
EMAIL_SPLIT = re.compile(r"[\s,;<>]+")


def _counted_hours(kinds: Sequence[str], year: int) -> Q:
    """Verified hours in shifts starting within `year`, of `kinds` (all when empty)."""
    start, end = academic_year_bounds(year)
    condition = Q(
        status=HoursStatus.VERIFIED, shift__starts_at__gte=start, shift__starts_at__lt=end
    )
    if kinds:
        condition &= Q(shift__opportunity__kind__in=list(kinds))
    return condition


def _hours() -> QuerySet[HoursEntry]:
    # A student's hours span universities (network and public opportunities); the filters
    # below always name the student.
    return HoursEntry.objects.with_scopes_disabled()


# --- Progress --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """An enrolment with the verified hours that count toward its course."""

    enrolment: Enrolment
    verified: Decimal

    @property
    def course(self) -> Course:
        return self.enrolment.course

    @property
    def required(self) -> Decimal:
        return self.course.required_hours or ZERO

    @property
    def complete(self) -> bool:
        return self.required > 0 and self.verified >= self.required

    @property
    def percent(self) -> int:
        if self.required <= 0:
            return 0
        return min(100, int(self.verified * 100 / self.required))

    @property
    def remaining(self) -> Decimal:
        return max(ZERO, self.required - self.verified)

    @property
    def credits_earned(self) -> int:
        return self.course.credits if self.complete else 0


def enrolment_progress(enrolment: Enrolment) -> Progress:
    """The enrolment's progress: one aggregate query over the student's hours."""
    course = enrolment.course
    total = (
        _hours()
        .filter(_counted_hours(course.kinds or [], enrolment.academic_year))
        .filter(student_id=enrolment.student_id)
        .aggregate(total=Sum("hours"))["total"]
    )
    return Progress(enrolment, total or ZERO)


def enrolments_with_hours(course: Course, academic_year: int) -> QuerySet[Enrolment]:
    """The course's enrolments for the year, each with `verified_hours`, in one query."""
    per_student = (
        _hours()
        .filter(_counted_hours(course.kinds or [], academic_year))
        .filter(student_id=OuterRef("student_id"))
        .order_by()
        .values("student_id")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return (
        Enrolment.objects.with_scopes_disabled()
        .filter(course=course, academic_year=academic_year)
        .annotate(
            verified_hours=Coalesce(
                Subquery(per_student, output_field=HOURS_FIELD),
                Value(ZERO),
                output_field=HOURS_FIELD,
            )
        )
        .select_related("student", "course")
        .order_by("student__full_name", "student__email", "pk")
    )


def course_progress(course: Course, academic_year: int) -> list[Progress]:
    rows = enrolments_with_hours(course, academic_year)
    return [Progress(e, e.verified_hours) for e in rows]  # type: ignore[attr-defined]


def progress_of_student(user) -> list[Progress]:
    """The person's own service-learning enrolments, newest year first, with their progress."""
    enrolments = (
        Enrolment.objects.with_scopes_disabled()
        .filter(student_id=user.pk, course__service_learning=True)
        .select_related("course", "course__university")
        .order_by("-academic_year", "course__code", "pk")
    )
    return [enrolment_progress(e) for e in enrolments]


# --- Reading programmes and courses ----------------------------------------------------------


def academic_university_ids(viewer: Viewer) -> list[int] | None:
    """Universities whose programmes the viewer reads (staff and students); None: all."""
    if viewer.is_network_admin:
        return None
    return sorted(viewer.staff_university_ids | viewer.university_ids_with(Role.STUDENT))


def programmes_visible_to(viewer: Viewer) -> QuerySet[Programme]:
    qs = Programme.objects.with_scopes_disabled().select_related("unit", "university")
    ids = academic_university_ids(viewer)
    return qs if ids is None else qs.filter(university__in=ids)


def courses_visible_to(viewer: Viewer) -> QuerySet[Course]:
    qs = Course.objects.with_scopes_disabled().select_related("unit", "university")
    ids = academic_university_ids(viewer)
    return qs if ids is None else qs.filter(university__in=ids)


def readable_programme(viewer: Viewer, public_id) -> Programme | None:
    return programmes_visible_to(viewer).filter(public_id=public_id).first()


def readable_course(viewer: Viewer, public_id) -> Course | None:
    return courses_visible_to(viewer).filter(public_id=public_id).first()


def courses_of_programme(programme: Programme) -> QuerySet[Course]:
    return (
        Course.objects.with_scopes_disabled()
        .filter(programmes=programme)
        .select_related("unit")
        .order_by("-service_learning", "code", "pk")
    )


def readable_enrolment(user, public_id) -> Enrolment | None:
    """An enrolment the person may remove (a manager of its course); None otherwise."""
    record = (
        Enrolment.objects.with_scopes_disabled()
        .select_related("course", "course__unit", "student")
        .filter(public_id=public_id)
        .first()
    )
    if record is None or not user.has_perm("volunteering.manage_academic", record):
        return None
    return record


def kind_labels(kinds: Iterable[str]) -> list[str]:
    labels = dict(ProjectKind.choices)
    return [str(labels.get(code, code)) for code in kinds]


def units_managed_by(viewer: Viewer, university_ids: Iterable[int]) -> QuerySet[Unit]:
    """Units whose programmes and courses the viewer manages: all units of the universities
    they run, their coordinated units and those beneath for a coordinator."""
    ids = list(university_ids)
    qs = Unit.objects.with_scopes_disabled().filter(university__in=ids)
    if viewer.is_network_admin:
        return qs
    allowed: set[int] = set()
    whole = [u for u in ids if viewer.has_role(u, Role.UNIVERSITY_ADMIN, Role.OFFICE)]
    for university_id in ids:
        if university_id in whole:
            continue
        mine = viewer.unit_ids_with(university_id, Role.UNIT_COORDINATOR)
        if mine:
            allowed |= units_beneath(mine)
    return qs.filter(Q(university__in=whole) | Q(pk__in=sorted(allowed)))


# --- Services --------------------------------------------------------------------------------


def _may_add_at(actor, university) -> None:
    # The same people who add opportunities at a university add its programmes and courses;
    # a coordinator is then held to their own units by manage_academic on the record.
    if university is None or not actor.has_perm("volunteering.create_opportunity_at", university):
        raise PermissionDenied(_("You may not add programmes or courses to this university."))


def save_programme(
    *, actor, values: dict[str, Any], university=None, programme: Programme | None = None
) -> Programme:
    """Create a programme at `university`, or change `programme` with `values`."""
    if programme is None:
        _may_add_at(actor, university)
        programme = Programme(university=university)
    elif not actor.has_perm("volunteering.manage_academic", programme):
        raise PermissionDenied(_("You may not change this programme."))
    for name, value in values.items():
        setattr(programme, name, value)
    with transaction.atomic(), university_scope(programme.university_id):
        programme.full_clean()
        require_translations(programme, "name")
        if not actor.has_perm("volunteering.manage_academic", programme):
            raise PermissionDenied(_("You may manage the programmes of your own units only."))
        programme.save()
    return programme


def save_course(
    *, actor, values: dict[str, Any], university=None, course: Course | None = None
) -> Course:
    """Create a course at `university`, or change `course`; `values` may hold `programmes`."""
    values = dict(values)
    programmes = values.pop("programmes", None)
    if course is None:
        _may_add_at(actor, university)
        course = Course(university=university)
    elif not actor.has_perm("volunteering.manage_academic", course):
        raise PermissionDenied(_("You may not change this course."))
    for name, value in values.items():
        setattr(course, name, value)
    if not course.service_learning:
        # Hours and kinds mean something only for a service-learning course.
        course.required_hours = None
        course.kinds = []
    with transaction.atomic(), university_scope(course.university_id):
        course.full_clean()
        require_translations(course, "name")
        if not actor.has_perm("volunteering.manage_academic", course):
            raise PermissionDenied(_("You may manage the courses of your own units only."))
        if programmes is not None:
            foreign = [p for p in programmes if p.university_id != course.university_id]
            if foreign:
                raise ValidationError(
                    {
                        "programmes": _("The programme %(code)s belongs to another university.")
                        % {"code": foreign[0].code}
                    },
                    code="foreign_programme",
                )
        course.save()
        if programmes is not None:
            course.programmes.set(programmes)
    return course


@dataclass
class EnrolResult:
    enrolled: list[Enrolment] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # e-mails of those enrolled before


def _email_on(line: str) -> str | None:
    found = [t for t in EMAIL_SPLIT.split(line) if "@" in t]
    return found[0].lower() if len(found) == 1 else None


def enrol(
    *,
    actor,
    course: Course,
    academic_year: int,
    emails: Sequence[str] = (),
    students: Sequence[Any] = (),
) -> EnrolResult:
    """Enrol students in a service-learning course for an academic year, all or nothing.

    `emails` are the lines of a pasted list (blank lines are skipped; a line may carry a name
    beside the address); each problem is named by its line. Every person must be a student
    of the course's university. Those already enrolled for the year are left as they are.
    """
    if not actor.has_perm("volunteering.manage_academic", course):
        raise PermissionDenied(_("You may not enrol students in this course."))
    if not course.service_learning:
        raise ValidationError(
            _("Students are enrolled here in service-learning courses only."),
            code="not_service_learning",
        )
    problems: list[str] = []
    wanted: dict[str, int | None] = {}  # e-mail -> line
    if len(emails) > MAX_ENROL_LINES:
        raise ValidationError(
            {"emails": _("Paste at most %(limit)d lines at a time.") % {"limit": MAX_ENROL_LINES}},
            code="too_many",
        )
    for number, line in enumerate(emails, start=1):
        if not line.strip():
            continue
        email = _email_on(line)
        if email is None:
            problems.append(
                _("Line %(line)d: write one e-mail address (“%(text)s”).")
                % {"line": number, "text": line.strip()[:80]}
            )
        else:
            wanted.setdefault(email, number)
    by_email = {u.email.lower(): u for u in students}
    for email in by_email:
        wanted.setdefault(email, None)
    if not wanted and not problems:
        raise ValidationError(
            {"emails": _("Write the e-mail addresses of the students, one per line.")},
            code="empty",
        )
    users = get_user_model().objects.filter(email__in=sorted(wanted), is_active=True)
    by_email.update({u.email.lower(): u for u in users})
    student_ids = set(
        Membership.objects.with_scopes_disabled()
        .filter(
            university_id=course.university_id,
            role=Role.STUDENT,
            user_id__in=[u.pk for u in by_email.values()],
        )
        .values_list("user_id", flat=True)
    )
    university = translated(course.university, "name").text
    for email, line_no in wanted.items():
        user = by_email.get(email)
        where = {"line": line_no, "email": email, "university": university}
        if user is None:
            problems.append(
                _("Line %(line)d: no account has the e-mail address %(email)s.") % where
            )
        elif user.pk not in student_ids:
            message = (
                _("Line %(line)d: %(email)s is not a student of %(university)s.")
                if line_no
                else _("%(email)s is not a student of %(university)s.")
            )
            problems.append(message % where)
    if problems:
        raise ValidationError({"emails": problems}, code="bad_lines")
    result = EnrolResult()
    with transaction.atomic(), university_scope(course.university_id):
        before = set(
            Enrolment.objects.filter(course=course, academic_year=academic_year).values_list(
                "student_id", flat=True
            )
        )
        for email in wanted:
            user = by_email[email]
            if user.pk in before:
                result.already.append(email)
                continue
            record = Enrolment(
                university_id=course.university_id,
                course=course,
                student=user,
                academic_year=academic_year,
            )
            record.full_clean(exclude=["course", "student"])
            record.save()  # one by one, so each enrolment is in the audit trail
            result.enrolled.append(record)
    return result


def remove_enrolment(*, actor, enrolment: Enrolment) -> None:
    if not actor.has_perm("volunteering.manage_academic", enrolment):
        raise PermissionDenied(_("You may not remove this enrolment."))
    with transaction.atomic(), university_scope(enrolment.university_id):
        enrolment.delete()


# --- The registrar's export ------------------------------------------------------------------


def may_export(actor, *, university: University, unit: Unit | None = None) -> bool:
    """The university's office and administrators; a coordinator for their unit's courses."""
    # An unsaved course stands for "a course of this unit at this university" in the rules.
    probe = Course(university=university, unit=unit)
    return actor.has_perm("volunteering.manage_academic", probe)


def registrar_rows(
    *, university: University, academic_year: int, unit: Unit | None = None
) -> list[Progress]:
    """Every enrolment in the university's service-learning courses for the year (of `unit`
    and the units beneath it, when given), with its progress: one query per course."""
    courses = Course.objects.with_scopes_disabled().filter(
        university=university,
        service_learning=True,
        enrolments__academic_year=academic_year,
    )
    if unit is not None:
        courses = courses.filter(unit__in=sorted(units_beneath([unit.pk])))
    rows: list[Progress] = []
    for course in courses.distinct().order_by("code", "pk"):
        rows.extend(course_progress(course, academic_year))
    return rows


REGISTRAR_WIDTHS = (32, 32, 14, 44, 10, 16, 16, 12, 16)


def registrar_workbook(rows: Sequence[Progress], *, academic_year: int, language: str) -> bytes:
    """One row per enrolment, headed in `language`, course names in `language`."""
    with translation.override(language):
        header = [
            _("Student's name"),
            _("Student's e-mail"),
            _("Course code"),
            _("Course name"),
            _("Credits (ECTS)"),
            _("Verified hours required"),
            _("Verified hours"),
            _("Hours complete"),
            _("Credits earned"),
        ]
        yes, no = pgettext("registrar export", "yes"), pgettext("registrar export", "no")
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = academic_year_label(academic_year).replace("/", "-")
        sheet.append(header)
        for row in rows:
            student, course = row.enrolment.student, row.course
            sheet.append(
                [
                    student.full_name or student.email,
                    student.email,
                    course.code,
                    translated(course, "name", language).text,
                    course.credits,
                    row.required,
                    row.verified,
                    yes if row.complete else no,
                    row.credits_earned,
                ]
            )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(REGISTRAR_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
