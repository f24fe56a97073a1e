"""The network's pages: its members and their consent, the packs it recommends, and the
benchmarks of the indicators members share.

Views parse, check permission, call one service or query, and render. A university is one
the viewer works at (?university=<slug> when several). Benchmarks are for the staff of
member universities and for the network's administrators; who sees which values is decided
in qogam.network.benchmarks, never here.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from qogam.core.enums import Visibility
from qogam.core.forms import add_service_error
from qogam.core.tenancy import university_scope
from qogam.indicators.models import Indicator, IndicatorVisibility, Pack, PackActivation
from qogam.indicators.queries import active_indicators
from qogam.indicators.services import definitions
from qogam.network import benchmarks as bm
from qogam.network.benchmarks.exports import XLSX_TYPE, benchmark_workbook
from qogam.network.enums import MembershipStatus
from qogam.network.forms_members import (
    BenchmarkForm,
    ConsentForm,
    InviteForm,
    JoinForm,
    SharePackForm,
)
from qogam.network.models import NetworkMembership, NetworkPack
from qogam.network.rules import OFFICE_ROLES
from qogam.network.services import members as services
from qogam.organisations.models import University

# --- Where ----------------------------------------------------------------------------------


def _office_universities(request) -> list[University]:
    ids = request.viewer.university_ids_with(*OFFICE_ROLES)
    return list(University.objects.filter(pk__in=sorted(ids), is_active=True).order_by("slug"))


def _staff_universities(request) -> list[University]:
    ids = request.viewer.staff_university_ids
    return list(University.objects.filter(pk__in=sorted(ids), is_active=True).order_by("slug"))


def _chosen(request, universities):
    slug = request.GET.get("university") or request.POST.get("university")
    chosen = next((u for u in universities if u.slug == slug), None) if slug else None
    return chosen or (universities[0] if universities else None)


def _membership_of(university) -> NetworkMembership | None:
    return (
        NetworkMembership.objects.with_scopes_disabled().filter(university=university).first()
        if university
        else None
    )


def _back(name: str, university=None, **kwargs) -> str:
    url = reverse(f"network:{name}", kwargs=kwargs or None)
    return f"{url}?{urlencode({'university': university.slug})}" if university else url


def _maybe(name: str) -> str | None:
    # The network's other parts (practices, projects, conferences) may not be there yet.
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# --- Home: the university's place in the network -------------------------------------------


@login_required
def home(request):
    viewer = request.viewer
    universities = _staff_universities(request)
    university = _chosen(request, universities)
    membership = _membership_of(university)
    may_office = (
        bool(university and viewer.has_role(university.pk, *OFFICE_ROLES))
        or viewer.is_network_admin
    )
    if not (universities or viewer.is_network_admin):
        raise PermissionDenied
    links = [
        (label, url)
        for label, url in (
            (_("Good practices"), _maybe("network:practices")),
            (_("Joint projects"), _maybe("network:joint_projects")),
            (_("Conferences and recommendations"), _maybe("network:conferences")),
        )
        if url
    ]
    return render(
        request,
        "network/members/home.html",
        {
            "universities": universities,
            "university": university,
            "membership": membership,
            "may_office": may_office and university is not None,
            "is_network_admin": viewer.is_network_admin,
            "join_form": JoinForm(),
            "statuses": MembershipStatus,
            "links": links,
        },
    )


@require_POST
@login_required
def membership_action(request, action: str):
    """The university's side: ask to join, accept or decline an invitation, leave."""
    university = _chosen(request, _office_universities(request))
    if university is None:
        raise PermissionDenied
    calls = {
        "request": lambda: services.request_to_join(
            actor=request.user, university=university, message=request.POST.get("message", "")
        ),
        "accept": lambda: services.accept_invitation(actor=request.user, university=university),
        "decline": lambda: services.decline_invitation(actor=request.user, university=university),
        "leave": lambda: services.leave_network(actor=request.user, university=university),
    }
    if action not in calls:
        raise Http404
    done = {
        "request": _("Your request to join is sent to the network's administrators."),
        "accept": _("Welcome: the university is a member of the network."),
        "decline": _("The invitation is declined."),
        "leave": _(
            "The university left the network. Its records are kept; its shared "
            "values are no longer shown to the other members."
        ),
    }
    try:
        calls[action]()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done[action])
    return redirect(_back("home", university))


# --- Network admin: members and invitations -------------------------------------------------


@dataclass
class MemberRow:
    university: University
    membership: NetworkMembership | None


@login_required
def member_list(request):
    viewer = request.viewer
    if not request.user.has_perm("network.view_network"):
        raise PermissionDenied
    memberships = {
        m.university_id: m
        for m in NetworkMembership.objects.with_scopes_disabled().select_related("university")
    }
    if viewer.is_network_admin:
        universities = list(University.objects.filter(is_active=True).order_by("slug"))
        rows = [MemberRow(u, memberships.get(u.pk)) for u in universities]
        invitable = University.objects.filter(is_active=True).exclude(
            Exists(
                NetworkMembership.objects.with_scopes_disabled().filter(
                    university=OuterRef("pk"),
                    status__in=[
                        MembershipStatus.ACTIVE,
                        MembershipStatus.INVITED,
                        MembershipStatus.REQUESTED,
                    ],
                )
            )
        )
        invite_form = InviteForm(universities=invitable.order_by("slug"))
    else:
        # The members see who the members are, not who was invited or declined.
        rows = [
            MemberRow(m.university, m)
            for m in sorted(memberships.values(), key=lambda m: m.university.slug)
            if m.status == MembershipStatus.ACTIVE
        ]
        invite_form = None
    return render(
        request,
        "network/members/member_list.html",
        {
            "rows": rows,
            "is_network_admin": viewer.is_network_admin,
            "invite_form": invite_form,
            "statuses": MembershipStatus,
        },
    )


@require_POST
@login_required
def invite(request):
    if not request.user.has_perm("network.manage_network"):
        raise PermissionDenied
    form = InviteForm(request.POST, universities=University.objects.filter(is_active=True))
    if form.is_valid():
        try:
            services.invite_university(
                actor=request.user,
                university=form.cleaned_data["university"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The invitation is sent."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("network:members")


@require_POST
@login_required
def member_decision(request, public_id, action: str):
    """The network's side: approve or decline a request to join."""
    if not request.user.has_perm("network.manage_network"):
        raise PermissionDenied
    university = get_object_or_404(University, public_id=public_id)
    calls = {"approve": services.approve_request, "decline": services.decline_request}
    if action not in calls:
        raise Http404
    try:
        calls[action](actor=request.user, university=university)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("The university is a member now.")
            if action == "approve"
            else _("The request is declined."),
        )
    return redirect("network:members")


# --- Consent: what the university shares -----------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def consent(request):
    universities = _office_universities(request)
    university = _chosen(request, universities)
    if university is None:
        raise PermissionDenied
    membership = _membership_of(university)
    with university_scope(university):
        current = dict(
            IndicatorVisibility.objects.filter(university=university).values_list(
                "indicator_id", "visibility"
            )
        )
        # The indicators in use, and any other the university once chose to share: one page
        # says everything it shares.
        in_use = active_indicators(university.pk).values("pk")
        indicators = list(
            Indicator.objects.available_to([university.pk])
            .filter(Q(pk__in=in_use) | Q(pk__in=sorted(current)))
            .order_by("code")
        )
    initial = {"named_in_benchmarks": membership.named_in_benchmarks if membership else True}
    form = ConsentForm(
        request.POST or None, indicators=indicators, current=current, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            if membership is not None:
                services.set_named_in_benchmarks(
                    actor=request.user,
                    university=university,
                    named=form.cleaned_data["named_in_benchmarks"],
                )
            changed = 0
            for indicator in indicators:
                wanted = form.cleaned_data[ConsentForm.field_name(indicator)]
                if wanted != current.get(indicator.pk, Visibility.PRIVATE):
                    definitions.publish_indicator(
                        actor=request.user,
                        university=university,
                        indicator=indicator,
                        visibility=wanted,
                    )
                    changed += 1
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Saved. %(count)d indicators changed who reads them.") % {"count": changed},
            )
            return redirect(_back("consent", university if len(universities) > 1 else None))
    counts = dict.fromkeys(Visibility.values, 0)
    for indicator in indicators:
        counts[current.get(indicator.pk, Visibility.PRIVATE)] += 1
    return render(
        request,
        "network/members/consent.html",
        {
            "universities": universities,
            "university": university,
            "membership": membership,
            "form": form,
            "counts": counts,
        },
    )


# --- Shared packs -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def packs(request):
    viewer = request.viewer
    if not request.user.has_perm("network.view_network"):
        raise PermissionDenied
    offices = _office_universities(request)
    university = _chosen(request, offices)
    form = SharePackForm(request.POST or None) if viewer.is_network_admin else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.share_pack(
                    actor=request.user,
                    pack=form.cleaned_data["pack"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The pack is recommended to the members."))
                return redirect("network:packs")
    shared = list(NetworkPack.objects.select_related("pack").order_by("pack__code"))
    active = set()
    if university is not None:
        with university_scope(university):
            active = set(
                PackActivation.objects.filter(university=university).values_list(
                    "pack_id", flat=True
                )
            )
    return render(
        request,
        "network/members/packs.html",
        {
            "shared": [(item, item.pack_id in active) for item in shared],
            "form": form,
            "university": university,
            "universities": offices,
            "is_network_admin": viewer.is_network_admin,
        },
    )


@require_POST
@login_required
def pack_action(request, code: str, action: str):
    pack = get_object_or_404(Pack, university__isnull=True, code=code)
    if action == "unshare":
        if not request.user.has_perm("network.manage_network"):
            raise PermissionDenied
        services.unshare_pack(actor=request.user, pack=pack)
        messages.success(request, _("The network no longer recommends the pack."))
        return redirect("network:packs")
    if action != "switch-on":
        raise Http404
    offices = _office_universities(request)
    university = _chosen(request, offices)
    if university is None:
        raise PermissionDenied
    try:
        services.switch_on_shared_pack(actor=request.user, university=university, pack=pack)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The pack is switched on for your university."))
    return redirect(_back("packs", university if len(offices) > 1 else None))


# --- Benchmarks ---------------------------------------------------------------------------


def benchmark_audience(request) -> tuple[bm.Audience, list]:
    """Who reads: a member university's staff (its own values always) or the network's
    administrators; 403 for anyone else, a left member's staff included."""
    viewer = request.viewer
    members = bm.active_members(bm.Audience())
    own_id = bm.own_member_id(viewer, members, request.GET.get("university", ""))
    if own_id is None and not viewer.is_network_admin:
        raise PermissionDenied(_("Benchmarks are for the network's member universities."))
    own_members = [m.university for m in members if m.university_id in viewer.staff_university_ids]
    return bm.Audience(own_university_id=own_id), own_members


def _indicator_or_404(public_id) -> Indicator:
    indicator = Indicator.objects.filter(public_id=public_id).select_related("university").first()
    if indicator is None:
        raise Http404
    return indicator


@login_required
def benchmark_list(request):
    audience, universities = benchmark_audience(request)
    comparable, refused = bm.comparable_indicators(audience)
    return render(
        request,
        "network/benchmarks/list.html",
        {
            "comparable": comparable,
            "refused": refused,
            "universities": universities,
            "university": next(
                (u for u in universities if u.pk == audience.own_university_id), None
            ),
        },
    )


def _benchmark_or_refusal(request, public_id):
    audience, universities = benchmark_audience(request)
    indicator = _indicator_or_404(public_id)
    # Another university's own indicator is not the reader's to look at unless shared.
    if indicator.university_id is not None and not (
        indicator.university_id in request.viewer.staff_university_ids
        or IndicatorVisibility.objects.with_scopes_disabled()
        .filter(indicator=indicator, visibility__in=bm.SHARED)
        .exists()
    ):
        raise Http404
    form = BenchmarkForm(request.GET)
    year = form.cleaned_data["year"] if form.is_valid() else None
    per = form.cleaned_data.get("per", "") if form.is_valid() else ""
    try:
        benchmark = bm.build_benchmark(indicator, audience, year=year, per=per)
    except bm.NotComparable as refusal:
        return audience, universities, indicator, form, None, refusal.reason
    return audience, universities, indicator, form, benchmark, ""


@login_required
def benchmark_detail(request, public_id):
    audience, universities, indicator, form, benchmark, reason = _benchmark_or_refusal(
        request, public_id
    )
    query = request.GET.urlencode()
    return render(
        request,
        "network/benchmarks/detail.html",
        {
            "indicator": indicator,
            "benchmark": benchmark,
            "reason": reason,
            "form": form,
            "universities": universities,
            "university": next(
                (u for u in universities if u.pk == audience.own_university_id), None
            ),
            "strip": bm.strip_positions(benchmark) if benchmark else None,
            "export_url": reverse("network:benchmark_export", args=[indicator.public_id])
            + (f"?{query}" if query else ""),
        },
        status=409 if reason else 200,
    )


@login_required
def benchmark_export(request, public_id):
    _audience, _universities, indicator, _form, benchmark, reason = _benchmark_or_refusal(
        request, public_id
    )
    if benchmark is None:
        return HttpResponse(reason, status=409, content_type="text/plain; charset=utf-8")
    response = HttpResponse(benchmark_workbook(benchmark), content_type=XLSX_TYPE)
    name = f"benchmark-{indicator.code}-{benchmark.period.key.replace('/', '-')}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("", home, name="home"),
    path("membership/<slug:action>/", membership_action, name="membership_action"),
    path("members/", member_list, name="members"),
    path("members/invite/", invite, name="invite"),
    path("members/<uuid:public_id>/<slug:action>/", member_decision, name="member_decision"),
    path("consent/", consent, name="consent"),
    path("packs/", packs, name="packs"),
    path("packs/<slug:code>/<slug:action>/", pack_action, name="pack_action"),
    path("benchmarks/", benchmark_list, name="benchmarks"),
    path("benchmarks/<uuid:public_id>/", benchmark_detail, name="benchmark"),
    path("benchmarks/<uuid:public_id>/export.xlsx", benchmark_export, name="benchmark_export"),
]
