"""The councils' pages: councils, members, meetings, attendance, minutes and decisions."""

import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from qogam.core.related import related_sections
from qogam.councils import exports, queries, services
from qogam.councils.forms import (
    COUNCIL_SORTS,
    DECISION_SORTS,
    AttendanceForm,
    CouncilFilterForm,
    CouncilForm,
    DecisionFilterForm,
    DecisionForm,
    MeetingForm,
    MemberForm,
    ProgressForm,
    add_service_error,
)
from qogam.councils.models import CouncilMember
from qogam.councils.rules import COUNCIL_ROLES
from qogam.organisations.models import University
from qogam.organisations.queries import units_visible_to

PER_PAGE = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _own_units(viewer):
    return units_visible_to(viewer).filter(university__in=sorted(viewer.staff_university_ids))


def filtered_councils(request):
    """The councils the viewer may read, narrowed by the query string (list and export)."""
    form = CouncilFilterForm(request.GET or None, units=_own_units(request.viewer))
    qs = queries.with_display_name(queries.councils_visible_to(request.viewer))
    sort = "name"
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = queries.search(qs, data["q"].strip(), "name")
        if data["kind"]:
            qs = qs.filter(kind=data["kind"])
        if data["unit"]:
            qs = qs.filter(unit=data["unit"])
        sort = data["sort"] or "name"
    return form, qs.order_by(COUNCIL_SORTS[sort][0], "display_name", "pk")


def council_list(request):
    form, qs = filtered_councils(request)
    return render(
        request,
        "councils/council_list.html",
        {
            "form": form,
            "page": Paginator(qs, PER_PAGE).get_page(request.GET.get("page")),
            "can_add": request.user.has_perm("councils.manage_councils"),
            "show_units": form.fields["unit"].queryset.exists(),
        },
    )


@login_required
@require_GET
def council_export(request):
    _form, qs = filtered_councils(request)
    response = HttpResponse(exports.export_councils(qs), content_type=XLSX)
    name = f"councils-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _council(request, public_id):
    return get_object_or_404(queries.councils_visible_to(request.viewer), public_id=public_id)


def council_detail(request, public_id):
    council = _council(request, public_id)
    user = request.user
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": council,
            "members": queries.members_of(council),
            "meetings": queries.meetings_of(council),
            "can_run": user.has_perm("councils.run_council", council),
            "can_change": user.has_perm("councils.change_council", council),
            "can_view_contacts": user.has_perm("councils.view_contacts", council),
            "today": timezone.localdate(),
            "related": related_sections(council, request.viewer),
        },
    )


def _universities_for_councils(viewer):
    universities = University.objects.filter(is_active=True).order_by("name")
    if viewer.is_network_admin:
        return universities
    return universities.filter(pk__in=sorted(viewer.university_ids_with(*COUNCIL_ROLES)))


@login_required
@require_http_methods(["GET", "POST"])
def council_create(request):
    if not request.user.has_perm("councils.manage_councils"):
        raise PermissionDenied
    form = CouncilForm(
        request.POST or None, universities=_universities_for_councils(request.viewer)
    )
    if request.method == "POST" and form.is_valid():
        university = form.cleaned_data.get("university") or form.instance.university
        try:
            council = services.save_council(
                actor=request.user, university=university, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        except PermissionDenied:
            form.add_error("unit", _("You may only add councils of your own units."))
        else:
            messages.success(request, _("The council has been added."))
            return redirect(council)
    return render(request, "councils/council_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def council_edit(request, public_id):
    council = _council(request, public_id)
    if not request.user.has_perm("councils.change_council", council):
        raise PermissionDenied
    form = CouncilForm(request.POST or None, instance=council, universities=None)
    if request.method == "POST" and form.is_valid():
        try:
            council = services.save_council(
                actor=request.user,
                university=council.university,
                values=form.values(),
                council=council,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The council has been saved."))
            return redirect(council)
    return render(request, "councils/council_form.html", {"form": form, "council": council})


def _runnable_council(request, public_id):
    council = _council(request, public_id)
    if not request.user.has_perm("councils.run_council", council):
        raise PermissionDenied
    return council


@login_required
@require_http_methods(["GET", "POST"])
def member_add(request, public_id):
    council = _runnable_council(request, public_id)
    form = MemberForm(
        request.POST or None, council=council, initial={"starts_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_member(actor=request.user, council=council, values=form.values())
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The member has been added."))
            return redirect(council)
    return render(request, "councils/member_form.html", {"form": form, "council": council})


@login_required
@require_POST
def member_remove(request, public_id):
    member = get_object_or_404(
        CouncilMember.objects.with_scopes_disabled().filter(
            council__in=queries.councils_visible_to(request.viewer)
        ),
        public_id=public_id,
    )
    if not request.user.has_perm("councils.run_council", member.council):
        raise PermissionDenied
    services.remove_member(actor=request.user, member=member)
    messages.success(request, _("The member has been removed."))
    return redirect(member.council)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, public_id):
    council = _runnable_council(request, public_id)
    form = MeetingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.save_meeting(
                actor=request.user, council=council, values=form.values(), agenda=form.agenda()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The meeting has been planned."))
            return redirect(meeting)
    return render(request, "councils/meeting_form.html", {"form": form, "council": council})


def _meeting(request, public_id):
    return get_object_or_404(queries.meetings_visible_to(request.viewer), public_id=public_id)


def meeting_detail(request, public_id):
    meeting = _meeting(request, public_id)
    council = meeting.council
    user = request.user
    can_run = user.has_perm("councils.run_council", council)
    can_view_contacts = user.has_perm("councils.view_contacts", council)
    attendance = list(queries.attendance_of(meeting)) if can_view_contacts else []
    attendance_form = None
    if can_run:
        attendance_form = AttendanceForm(
            members=list(queries.members_of(council)),
            current={a.member_id: a.status for a in attendance},
        )
    return render(
        request,
        "councils/meeting_detail.html",
        {
            "meeting": meeting,
            "council": council,
            "agenda": queries.agenda_of(meeting),
            "attendance": attendance,
            "attendance_form": attendance_form,
            "decisions": queries.decisions_of(meeting),
            "can_run": can_run,
            "can_view_contacts": can_view_contacts,
            "can_read_minutes": can_view_contacts,
            "related": related_sections(meeting, request.viewer),
        },
    )


def _runnable_meeting(request, public_id):
    meeting = _meeting(request, public_id)
    if not request.user.has_perm("councils.run_council", meeting.council):
        raise PermissionDenied
    return meeting


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, public_id):
    meeting = _runnable_meeting(request, public_id)
    form = MeetingForm(request.POST or None, request.FILES or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.save_meeting(
                actor=request.user,
                council=meeting.council,
                values=form.values(),
                agenda=form.agenda(),
                meeting=meeting,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect(meeting)
    return render(
        request,
        "councils/meeting_form.html",
        {"form": form, "council": meeting.council, "meeting": meeting},
    )


@login_required
@require_POST
def meeting_invite(request, public_id):
    meeting = _runnable_meeting(request, public_id)
    try:
        count = services.send_invitations(actor=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Invitations have been sent to %(count)d members.") % {"count": count}
        )
    return redirect(meeting)


@login_required
@require_POST
def meeting_attendance(request, public_id):
    meeting = _runnable_meeting(request, public_id)
    members = list(queries.members_of(meeting.council))
    form = AttendanceForm(request.POST, members=members, current={})
    if form.is_valid():
        try:
            services.record_attendance(
                actor=request.user, meeting=meeting, statuses=form.statuses()
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The attendance has been recorded."))
    else:
        messages.error(request, _("Choose an attendance status for every member."))
    return redirect(meeting)


@login_required
@require_GET
def meeting_minutes(request, public_id):
    """The minutes, to the university's staff only; never a public file URL."""
    meeting = _meeting(request, public_id)
    if not request.user.has_perm("councils.view_contacts", meeting.council):
        raise Http404
    if not meeting.minutes:
        raise Http404
    try:
        handle = meeting.minutes.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle, as_attachment=True, filename=posixpath.basename(meeting.minutes.name)
    )


# Answers come without an account, so each address gets ten tries an hour.
@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def invitation_answer(request, token):
    try:
        attendance = services.find_invitation(token)
    except services.AnswerLinkError as exc:
        return render(
            request,
            "councils/answer_invalid.html",
            {"reason": exc.messages[0]},
            status=404 if exc.code == "unknown" else 410,
        )
    if request.method == "POST" and request.POST.get("answer") in {"yes", "no"}:
        attendance = services.answer_invitation(
            raw_token=token, attending=request.POST["answer"] == "yes"
        )
        return render(request, "councils/answer_done.html", {"attendance": attendance})
    return render(
        request,
        "councils/answer.html",
        {"attendance": attendance, "meeting": attendance.meeting},
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_create(request, public_id):
    meeting = _runnable_meeting(request, public_id)
    form = DecisionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.save_decision(
                actor=request.user, meeting=meeting, values=form.values()
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect(decision)
    return render(request, "councils/decision_form.html", {"form": form, "meeting": meeting})


def filtered_decisions(request):
    viewer = request.viewer
    form = DecisionFilterForm(request.GET or None, units=_own_units(viewer))
    qs = queries.decisions_visible_to(viewer)
    sort = "due"
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            qs = queries.search(qs, data["q"].strip(), "text")
        if data["status"]:
            qs = qs.filter(status=data["status"])
        if data["kind"]:
            qs = qs.filter(meeting__council__kind=data["kind"])
        if data["unit"]:
            qs = qs.filter(meeting__council__unit=data["unit"])
        if data["overdue"]:
            qs = queries.overdue(qs)
        if data["mine"] and request.user.is_authenticated:
            qs = qs.filter(owner=request.user)
        sort = data["sort"] or "due"
    return form, qs.order_by(DECISION_SORTS[sort][0], "pk")


def decision_list(request):
    form, qs = filtered_decisions(request)
    return render(
        request,
        "councils/decision_list.html",
        {
            "form": form,
            "page": Paginator(qs, PER_PAGE).get_page(request.GET.get("page")),
            "show_units": form.fields["unit"].queryset.exists(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_GET
def decision_export(request):
    _form, qs = filtered_decisions(request)
    response = HttpResponse(exports.export_decisions(qs), content_type=XLSX)
    name = f"decisions-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _decision(request, public_id):
    return get_object_or_404(queries.decisions_visible_to(request.viewer), public_id=public_id)


def decision_detail(request, public_id):
    decision = _decision(request, public_id)
    can_update = request.user.has_perm("councils.update_decision_status", decision)
    form = ProgressForm(initial={"status": decision.status, "on": timezone.localdate()})
    return render(
        request,
        "councils/decision_detail.html",
        {
            "decision": decision,
            "meeting": decision.meeting,
            "council": decision.meeting.council,
            "notes": queries.notes_of(decision),
            "can_update": can_update,
            "form": form if can_update else None,
            "related": related_sections(decision, request.viewer),
        },
    )


@login_required
@require_POST
def decision_progress(request, public_id):
    decision = _decision(request, public_id)
    if not request.user.has_perm("councils.update_decision_status", decision):
        raise PermissionDenied
    form = ProgressForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.update_decision_status(
                actor=request.user,
                decision=decision,
                status=data["status"],
                note=data["note"],
                on=data["on"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The progress has been recorded."))
            return redirect(decision)
    return render(
        request,
        "councils/decision_detail.html",
        {
            "decision": decision,
            "meeting": decision.meeting,
            "council": decision.meeting.council,
            "notes": queries.notes_of(decision),
            "can_update": True,
            "form": form,
            "related": related_sections(decision, request.viewer),
        },
        status=422,
    )
