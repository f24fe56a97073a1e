"""Hours from a spreadsheet: an all-or-nothing import with a preview.

Columns (stable English headers): `student_email` (the e-mail the student signs in with),
`shift_id` (the shift's id as the attendance page and the roster show it), `hours` and an
optional `note`. Each row is checked the way the services check hours (a confirmed sign-up on
a shift that has ended, not recorded absent, no more hours than the shift lasted) and nothing
is saved unless every row is good. Imported hours are verified by the importer, and the
volunteer is recorded as attended. Hours already verified with the same number are left
alone, so importing the same file twice doubles nothing.
"""

import contextlib
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qogam.accounts.models import User
from qogam.core import spreadsheets
from qogam.core.spreadsheets import CONTENT_TYPES, FORMATS, ImportPlan, ImportRefused, RowProblem
from qogam.core.tenancy import university_scope
from qogam.volunteering.enums import Attendance, HoursSource, HoursStatus, SignUpStatus
from qogam.volunteering.hours import check_attended, check_hours, lock_entry
from qogam.volunteering.models import HoursEntry, Shift, SignUp

__all__ = ["CONTENT_TYPES", "FORMATS", "ImportRefused", "import_hours", "plan_import", "read_rows"]

COLUMNS = ("student_email", "shift_id", "hours", "note")
REQUIRED_COLUMNS = ("student_email", "shift_id", "hours")


def read_rows(name: str, content: bytes) -> list[tuple[int, dict]]:
    """(spreadsheet row number, {column: value}) for each row; see core.spreadsheets."""
    return spreadsheets.read_rows(name, content, columns=COLUMNS, required=REQUIRED_COLUMNS)


@dataclass
class PlannedRow:
    row: int
    action: str  # "create", "update" or "unchanged"
    sign_up: SignUp
    hours: object
    note: str


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).strip()


def _first_message(exc: ValidationError) -> str:
    return exc.messages[0] if exc.messages else str(exc)


def plan_import(*, actor, university, rows: list[tuple[int, dict]]) -> ImportPlan:
    """What importing `rows` into `university` would do, and every row's problems. Saves nothing.

    A shift the importer does not manage is reported as unknown, like one that does not exist,
    so the file cannot be used to learn about other people's shifts.
    """
    if not actor.has_perm("volunteering.create_opportunity_at", university):
        raise PermissionDenied(_("You may not import hours into this university."))
    plan = ImportPlan(university=university)
    with university_scope(university):
        shift_ids, emails = set(), set()
        for _number, values in rows:
            emails.add(_text(values.get("student_email")).lower())
            with contextlib.suppress(ValueError):
                shift_ids.add(UUID(_text(values.get("shift_id"))))
        shifts = {
            s.public_id: s
            for s in Shift.objects.filter(
                university=university, public_id__in=shift_ids
            ).select_related("opportunity", "opportunity__unit", "opportunity__project")
            if actor.has_perm("volunteering.manage_opportunity", s.opportunity)
        }
        users = {
            u.email.lower(): u
            for u in User.objects.filter(email__in=sorted(e for e in emails if e))
        }
        seen: dict[int, int] = {}
        for number, values in rows:
            problems: list[RowProblem] = []
            email = _text(values.get("student_email"))
            raw_shift = _text(values.get("shift_id"))
            student = users.get(email.lower()) if email else None
            if not email:
                problems.append(RowProblem(number, "student_email", _("This field is required.")))
            elif student is None:
                problems.append(
                    RowProblem(
                        number,
                        "student_email",
                        _("No one signs in with the e-mail “%(email)s”.") % {"email": email},
                    )
                )
            try:
                shift = shifts.get(UUID(raw_shift))
            except ValueError:
                shift = None
            if shift is None:
                problems.append(
                    RowProblem(
                        number,
                        "shift_id",
                        _(
                            "No shift of yours has the id “%(id)s”; copy it from the shift's "
                            "attendance page."
                        )
                        % {"id": raw_shift},
                    )
                )
            sign_up = None
            if student is not None and shift is not None:
                sign_up = (
                    SignUp.objects.filter(shift=shift, student=student)
                    .select_related("shift")
                    .order_by(
                        # The confirmed sign-up first; a cancelled one explains the problem.
                        "-confirmed_at",
                        "-created_at",
                    )
                    .first()
                )
                if sign_up is None:
                    problems.append(
                        RowProblem(
                            number,
                            "student_email",
                            _("%(email)s did not sign up for this shift.") % {"email": email},
                        )
                    )
                else:
                    try:
                        check_attended(sign_up, field="shift_id")
                    except ValidationError as exc:
                        problems.append(RowProblem(number, "shift_id", _first_message(exc)))
            hours = None
            if shift is not None:
                try:
                    hours = check_hours(shift, _text(values.get("hours")) or "")
                except ValidationError as exc:
                    problems.append(RowProblem(number, "hours", _first_message(exc)))
            if sign_up is not None:
                if sign_up.pk in seen:
                    problems.append(
                        RowProblem(
                            number,
                            "student_email",
                            _("The same student and shift as row %(row)d of this file.")
                            % {"row": seen[sign_up.pk]},
                        )
                    )
                seen.setdefault(sign_up.pk, number)
            if problems or sign_up is None:
                plan.problems.extend(problems)
                continue
            entry = HoursEntry.objects.filter(sign_up=sign_up).first()
            action = "create"
            if entry is not None and entry.status == HoursStatus.VERIFIED:
                if entry.hours == hours:
                    action = "unchanged"
                else:
                    plan.problems.append(
                        RowProblem(
                            number,
                            "hours",
                            _(
                                "%(hours)s hours are already verified for this student and "
                                "shift; correct them on the hours page instead."
                            )
                            % {"hours": entry.hours},
                        )
                    )
                    continue
            elif entry is not None:
                action = "update"
            note = _text(values.get("note"))
            plan.rows.append(PlannedRow(number, action, sign_up, hours, note))
    return plan


def import_hours(*, actor, university, rows: list[tuple[int, dict]]) -> ImportPlan:
    """Record verified hours from `rows`, all of them or none."""
    with transaction.atomic(), university_scope(university):
        plan = plan_import(actor=actor, university=university, rows=rows)
        if not plan.is_clean:
            raise ImportRefused(plan)
        now = timezone.now()
        name = (actor.full_name or actor.email)[:200]
        for planned in plan.rows:
            if planned.action == "unchanged":
                continue
            sign_up = planned.sign_up
            if sign_up.status != SignUpStatus.CONFIRMED:  # checked in the plan; kept true here
                raise ImportRefused(plan)
            existing = HoursEntry.objects.filter(sign_up=sign_up).values_list("pk", flat=True)
            if existing:
                entry = lock_entry(existing[0])
            else:
                entry = HoursEntry(
                    university_id=sign_up.university_id,
                    sign_up=sign_up,
                    shift_id=sign_up.shift_id,
                    student_id=sign_up.student_id,
                    logged_by=actor,
                )
            entry.hours = planned.hours
            if planned.note:
                entry.note = planned.note
            entry.status = HoursStatus.VERIFIED
            entry.source = HoursSource.IMPORT
            entry.verified_by = actor
            entry.verifier_name = name
            entry.verified_at = now
            entry.rejection_reason = ""
            entry.full_clean(exclude=["sign_up"])
            entry.save()
            if sign_up.attendance != Attendance.ATTENDED:
                sign_up.attendance = Attendance.ATTENDED
                sign_up.save(update_fields=["attendance", "updated_at"])
    return plan
