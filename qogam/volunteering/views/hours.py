"""Pages: hours logged by students, verified in the queue or from an e-mailed link, attendance,
and the spreadsheet import (through a preview: the shared pages of `qogam.core.import_pages`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from qogam.core.import_pages import ImportPages
from qogam.volunteering import hours, hours_import, queries
from qogam.volunteering.enums import HoursSource, HoursStatus
from qogam.volunteering.forms import add_service_error
from qogam.volunteering.forms_hours import (
    AttendanceForm,
    CorrectHoursForm,
    LogHoursForm,
    RejectHoursForm,
)

PER_PAGE = 25
IMPORT_PAGES = ImportPages(
    session_key="volunteering_hours_import",
    storage_folder="imports/hours",
    university_perm="volunteering.create_opportunity_at",
    read_rows=hours_import.read_rows,
    plan_import=hours_import.plan_import,
    save_import=hours_import.import_hours,
    upload_url="volunteering:hours_import",
    done_url="volunteering:hours_queue",
    template_folder="volunteering/hours/",
    no_rows_message=gettext_lazy("The file has a header but no hours."),
    changed_message=gettext_lazy(
        "The hours changed since the preview and some rows now have problems."
    ),
    done_message=gettext_lazy(
        "Import done: %(created)d hours entries added, %(updated)d updated, %(unchanged)d "
        "unchanged."
    ),
    # A university outside the person's choices is a form error, as on the other forms here.
    refuse_other_university=False,
)


def _messages_of(exc: ValidationError | PermissionDenied) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)


# --- The student -----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def log_hours(request, public_id):
    sign_up = hours.own_sign_up(request.user, public_id)
    if sign_up is None:
        raise Http404
    entry = hours.hours_by_sign_up(request.user, [sign_up]).get(sign_up.pk)
    initial = {"hours": entry.hours, "note": entry.note} if entry else {}
    if not entry:
        initial = {"hours": hours.shift_length(sign_up.shift)}
    form = LogHoursForm(request.POST or None, initial=initial)
    locked = entry is not None and entry.status == HoursStatus.VERIFIED
    if request.method == "POST" and form.is_valid():
        try:
            hours.log_hours(
                student=request.user,
                sign_up=sign_up,
                hours=form.cleaned_data["hours"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Your hours have been logged and sent for verification."))
            return redirect("volunteering:my_hours")
    return render(
        request,
        "volunteering/hours/log_hours.html",
        {
            "form": form,
            "sign_up": sign_up,
            "shift": sign_up.shift,
            "opportunity": sign_up.shift.opportunity,
            "entry": entry,
            "locked": locked,
            "length": hours.shift_length(sign_up.shift),
        },
    )


@login_required
def my_hours(request):
    qs = hours.hours_of(request.user)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    verified = qs.filter(status=HoursStatus.VERIFIED).aggregate(total=Sum("hours"))["total"]
    return render(
        request,
        "volunteering/hours/my_hours.html",
        {"page": page, "verified_total": verified or 0},
    )


# --- Verifiers -------------------------------------------------------------------------------


@login_required
def hours_queue(request):
    opportunity = None
    if request.GET.get("opportunity"):
        try:
            opportunity = (
                hours.opportunities_verified_by(request.user)
                .filter(public_id=request.GET["opportunity"])
                .first()
            )
        except ValidationError:  # not a UUID
            opportunity = None
        if opportunity is None:
            raise Http404
    qs = hours.hours_awaiting(request.user, opportunity=opportunity)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    managed = {
        o.pk
        for o in {e.shift.opportunity for e in page.object_list}
        if request.user.has_perm("volunteering.manage_opportunity", o)
    }
    return render(
        request,
        "volunteering/hours/queue.html",
        {
            "page": page,
            "opportunity": opportunity,
            "managed": managed,
            "reject_form": RejectHoursForm(),
            "can_import": request.user.has_perm("volunteering.create_opportunities"),
        },
    )


def _verifiable(request, public_id):
    entry = hours.verifiable_entry(request.user, public_id)
    if entry is None:
        raise Http404
    return entry


def _back(request, entry):
    if request.POST.get("next") == "attendance":
        return redirect("volunteering:attendance", public_id=entry.shift.public_id)
    return redirect("volunteering:hours_queue")


@login_required
@require_POST
def hours_verify(request, public_id):
    entry = _verifiable(request, public_id)
    try:
        hours.verify_hours(actor=request.user, entry=entry)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(
            request,
            _("The hours of %(name)s are verified.")
            % {"name": entry.student.full_name or entry.student.email},
        )
    return _back(request, entry)


@login_required
@require_POST
def hours_reject(request, public_id):
    entry = _verifiable(request, public_id)
    form = RejectHoursForm(request.POST)
    try:
        hours.reject_hours(
            actor=request.user,
            entry=entry,
            reason=form.data.get("reason", ""),
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _messages_of(exc))
    else:
        messages.success(
            request,
            _("The hours of %(name)s are rejected; they have been told why.")
            % {"name": entry.student.full_name or entry.student.email},
        )
    return _back(request, entry)


@login_required
@require_http_methods(["GET", "POST"])
def hours_correct(request, public_id):
    entry = _verifiable(request, public_id)
    if not request.user.has_perm("volunteering.manage_opportunity", entry.shift):
        raise PermissionDenied
    form = CorrectHoursForm(request.POST or None, initial={"hours": entry.hours})
    if request.method == "POST" and form.is_valid():
        try:
            hours.correct_hours(
                actor=request.user,
                entry=entry,
                hours=form.cleaned_data["hours"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The hours have been corrected."))
            return _back(request, entry)
    return render(
        request,
        "volunteering/hours/correct.html",
        {
            "form": form,
            "entry": entry,
            "shift": entry.shift,
            "opportunity": entry.shift.opportunity,
            "corrections": entry.corrections.order_by("created_at", "pk").select_related(
                "corrected_by"
            ),
            "length": hours.shift_length(entry.shift),
        },
    )


# --- The e-mailed link -----------------------------------------------------------------------


def _link_problem(request, *, status: int, title: str, text: str):
    return render(
        request,
        "volunteering/hours/link_problem.html",
        {"title": title, "text": text},
        status=status,
    )


@never_cache
@ratelimit(key="ip", rate="30/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def hours_link(request, token):
    try:
        link = hours.read_link_token(token)
    except hours.LinkExpired:
        return _link_problem(
            request,
            status=410,
            title=_("This link has expired"),
            text=_(
                "Links to verify hours work for %(days)d days. Sign in to verify the hours, or "
                "ask the coordinator to send them again."
            )
            % {"days": hours.LINK_MAX_AGE.days},
        )
    except hours.LinkRevoked:
        return _link_problem(
            request,
            status=403,
            title=_("This link no longer works"),
            text=_("The person it was sent to no longer verifies hours for this opportunity."),
        )
    except hours.LinkInvalid:
        return _link_problem(
            request,
            status=400,
            title=_("This link is not valid"),
            text=_(
                "The link is incomplete or was changed. Open it again from the e-mail, copying "
                "the whole address."
            ),
        )
    entry = link.entry
    form = RejectHoursForm(request.POST if request.POST.get("action") == "reject" else None)
    if request.method == "POST" and entry.status == HoursStatus.LOGGED:
        action = request.POST.get("action")
        try:
            if action == "verify":
                entry = hours.verify_hours(
                    actor=None, entry=entry, verifier_name=link.verifier_name
                )
            elif action == "reject":
                entry = hours.reject_hours(
                    actor=None,
                    entry=entry,
                    reason=request.POST.get("reason", ""),
                    verifier_name=link.verifier_name,
                )
            else:
                return _link_problem(
                    request,
                    status=400,
                    title=_("Choose to verify or to reject"),
                    text=_("Go back and press one of the two buttons."),
                )
        except ValidationError as exc:
            if "reason" in getattr(exc, "error_dict", {}):
                form = RejectHoursForm(request.POST)
                add_service_error(form, exc)
            else:
                messages.error(request, _messages_of(exc))
                entry = hours.read_link_token(token).entry
        else:
            return redirect("volunteering:hours_link", token=token)
    return render(
        request,
        "volunteering/hours/link.html",
        {
            "entry": entry,
            "shift": entry.shift,
            "opportunity": entry.shift.opportunity,
            "link": link,
            "form": form,
            "length": hours.shift_length(entry.shift),
        },
    )


# --- Attendance ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, public_id):
    shift = queries.readable_shift(request.viewer, public_id)
    if shift is None:
        raise Http404
    if not request.user.has_perm("volunteering.manage_opportunity", shift.opportunity):
        raise PermissionDenied
    rows = hours.attendance_rows(shift)
    length = hours.shift_length(shift)
    form = AttendanceForm(request.POST or None, rows=rows, default_hours=length)
    if request.method == "POST" and form.is_valid():
        try:
            result = hours.record_attendance(
                actor=request.user,
                shift=shift,
                attended=form.came(),
                hours=form.cleaned_data["hours"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Attendance recorded: %(attended)d came, %(absent)d did not, %(unchanged)d "
                    "unchanged."
                )
                % {
                    "attended": result.attended,
                    "absent": result.absent,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("volunteering:attendance", public_id=shift.public_id)
    return render(
        request,
        "volunteering/hours/attendance.html",
        {
            "form": form,
            "shift": shift,
            "opportunity": shift.opportunity,
            "length": length,
            "ended": shift.ends_at <= timezone.now(),
            "sources": HoursSource,
        },
    )


# --- Import ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def hours_import_upload(request):
    return IMPORT_PAGES.upload(
        request,
        universities=queries.universities_for_new_opportunities(request.viewer),
        context={
            "columns": hours_import.COLUMNS,
            "required_columns": hours_import.REQUIRED_COLUMNS,
        },
    )


@login_required
@require_GET
def hours_import_preview(request):
    return IMPORT_PAGES.preview(request)


@login_required
@require_POST
def hours_import_confirm(request):
    return IMPORT_PAGES.confirm(request)


urlpatterns = [
    path("hours/", my_hours, name="my_hours"),
    path("hours/queue/", hours_queue, name="hours_queue"),
    path("hours/import/", hours_import_upload, name="hours_import"),
    path("hours/import/preview/", hours_import_preview, name="hours_import_preview"),
    path("hours/import/confirm/", hours_import_confirm, name="hours_import_confirm"),
    path("hours/link/<str:token>/", hours_link, name="hours_link"),
    path("hours/<uuid:public_id>/verify/", hours_verify, name="hours_verify"),
    path("hours/<uuid:public_id>/reject/", hours_reject, name="hours_reject"),
    path("hours/<uuid:public_id>/correct/", hours_correct, name="hours_correct"),
    path("sign-ups/<uuid:public_id>/hours/", log_hours, name="log_hours"),
    path("shifts/<uuid:public_id>/attendance/", attendance, name="attendance"),
]
