"""Pages of the dialogue platform: public needs, posting, the dialogue and the university's side.

Views parse, check permission, call one service or query and render. Posting needs and
comments is rate-limited per person and per address; a limited request is answered 429 with
a page that keeps what was typed, and nothing is saved.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from qogam.core.enums import Role
from qogam.core.forms import add_service_error
from qogam.core.related import related_sections, related_timeline
from qogam.core.uploads import stream_file
from qogam.needs import queries, services
from qogam.needs.enums import EventKind, NeedState
from qogam.needs.forms import (
    AcceptForm,
    AddressForm,
    CommentForm,
    DeclineForm,
    FilterForm,
    ModerateForm,
    NeedForm,
    NoteForm,
    ReasonForm,
    ReportForm,
    StartNoteForm,
    SupportEmailForm,
)
from qogam.needs.models import Comment, Follow, NeedAttachment, Report, Support
from qogam.needs.rules import DECIDER_ROLES, MODERATOR_ROLES
from qogam.needs.services import (
    COMMENTS_PER_ADDRESS,
    COMMENTS_PER_PERSON,
    NEEDS_PER_ADDRESS,
    NEEDS_PER_PERSON,
    REPORTS_PER_PERSON,
    SUPPORTS_PER_ADDRESS,
)
from qogam.organisations.models import Unit
from qogam.organisations.queries import universities_visible_to
from qogam.partners.queries import represented_by

PER_PAGE = 20


def _too_many(request, *, text: str = "", back: str = ""):
    return render(
        request,
        "needs/rate_limited.html",
        {"text": text, "back": back or request.path},
        status=429,
    )


def _need(request, public_id):
    return get_object_or_404(queries.readable_needs(request.viewer), public_id=public_id)


def _comment(request, public_id) -> Comment:
    readable = queries.readable_needs(request.viewer).values("pk")
    return get_object_or_404(
        Comment.objects.with_scopes_disabled()
        .select_related("need", "need__university", "author")
        .filter(need__in=readable),
        public_id=public_id,
    )


# --- public pages ----------------------------------------------------------------------------


def need_list(request):
    form = FilterForm(request.GET or None)
    needs = queries.public_needs()
    if form.is_valid():
        needs = queries.filter_needs(
            needs,
            **{
                k: v
                for k, v in form.cleaned_data.items()
                if k in {"q", "category", "state", "district", "sdg"}
            },
        )
    page = Paginator(needs.order_by("-published_at", "-pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "needs/need_list.html",
        {
            "form": form,
            "page": page,
            "needs": page.object_list,
            "can_moderate": request.user.has_perm("needs.moderate_needs"),
            "can_overview": request.user.has_perm("needs.view_overview"),
            "query": request.GET.copy(),
        },
    )


def need_detail(request, public_id):
    need = _need(request, public_id)
    user = request.user
    can_moderate = user.has_perm("needs.moderate_need", need)
    manager_supports = Support.objects.with_scopes_disabled().filter(
        need=need, confirmed_at__isnull=False
    )
    context = {
        "need": need,
        "timeline": _merged_timeline(
            queries.timeline(need, include_internal=can_moderate),
            related_timeline(need, request.viewer),
        ),
        "related": related_sections(need, request.viewer, request.user),
        "threads": queries.comment_threads(need, include_hidden=can_moderate),
        "attachments": list(NeedAttachment.objects.with_scopes_disabled().filter(need=need)),
        "support_count": manager_supports.count(),
        "supported": user.is_authenticated and manager_supports.filter(user=user).exists(),
        "following": user.is_authenticated
        and Follow.objects.with_scopes_disabled().filter(need=need, user=user).exists(),
        "can_moderate": can_moderate,
        "can_decide": user.has_perm("needs.decide_need", need),
        "can_work": user.has_perm("needs.work_on_need", need),
        "comment_form": CommentForm(),
        "support_form": SupportEmailForm(),
        "States": NeedState,
        "Kinds": EventKind,
    }
    return render(request, "needs/need_detail.html", context)


def _merged_timeline(events, entries) -> list[dict]:
    """The need's own events and what other apps add (project updates), oldest first."""
    rows = [{"at": e.created_at, "event": e} for e in events]
    rows += [{"at": t.at, "entry": t} for t in entries]
    return sorted(rows, key=lambda row: row["at"])


def attachment(request, public_id):
    readable = queries.readable_needs(request.viewer).values("pk")
    item = get_object_or_404(
        NeedAttachment.objects.with_scopes_disabled().filter(need__in=readable),
        public_id=public_id,
    )
    return stream_file(item.file, item.name, inline=item.is_image)


# --- posting ---------------------------------------------------------------------------------


@ratelimit(group="needs:post", key="user_or_ip", rate=NEEDS_PER_PERSON, method="POST", block=False)
@ratelimit(group="needs:post-ip", key="ip", rate=NEEDS_PER_ADDRESS, method="POST", block=False)
@require_http_methods(["GET", "POST"])
def need_create(request):
    user = request.user
    universities = universities_visible_to(request.viewer).order_by("slug")
    organisations = represented_by(user).order_by("name") if user.is_authenticated else None
    initial = {}
    chosen = universities.filter(slug=request.GET.get("university", "")).first()
    if chosen is not None:
        initial["university"] = chosen
    form = NeedForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        user=user,
        universities=universities,
        organisations=organisations
        if organisations is not None and organisations.exists()
        else None,
    )
    status = 200
    if request.method == "POST":
        if getattr(request, "limited", False):
            # Nothing is saved; the form comes back as typed (files must be chosen again).
            form.is_valid()
            form.add_error(
                None,
                _(
                    "You have posted many needs in a short time. Please wait an hour and "
                    "send it again; your text is kept below."
                ),
            )
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    need = services.submit_need(
                        university=data["university"],
                        values=form.need_values(),
                        poster=user if user.is_authenticated else None,
                        email=data.get("email", ""),
                        attachments=data.get("attachments") or [],
                        partner_organisation=data.get("partner_organisation"),
                    )
                    form.save_sdg_choices(need, user if user.is_authenticated else None)
            except ValidationError as exc:
                add_service_error(form, exc)
            except PermissionDenied as exc:
                form.add_error(
                    "partner_organisation" if "partner_organisation" in form.fields else None,
                    str(exc),
                )
            else:
                if user.is_authenticated:
                    messages.success(
                        request, _("Thank you. Your need has been sent to moderation.")
                    )
                    return redirect(need)
                return render(request, "needs/need_submitted.html", {"need": need})
    return render(request, "needs/need_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The anonymous poster's link. GET asks, POST confirms: mail scanners only GET."""
    error = need = None
    if request.method == "POST":
        try:
            need = services.confirm_need_email(raw_token=token)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "needs/confirm.html",
        {"error": error, "need": need, "what": "need", "done": need is not None},
    )


@require_http_methods(["GET", "POST"])
def support_confirm(request, token):
    error = support = None
    if request.method == "POST":
        try:
            support = services.confirm_support(raw_token=token)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "needs/confirm.html",
        {
            "error": error,
            "need": support.need if support else None,
            "what": "support",
            "done": support is not None,
        },
    )


# --- dialogue --------------------------------------------------------------------------------


@ratelimit(
    group="needs:comment", key="user_or_ip", rate=COMMENTS_PER_PERSON, method="POST", block=False
)
@ratelimit(
    group="needs:comment-ip", key="ip", rate=COMMENTS_PER_ADDRESS, method="POST", block=False
)
@login_required
@require_POST
def comment(request, public_id):
    need = _need(request, public_id)
    form = CommentForm(request.POST)
    if getattr(request, "limited", False):
        return _too_many(request, text=request.POST.get("body", ""), back=need.get_absolute_url())
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = get_object_or_404(
                Comment.objects.with_scopes_disabled().filter(need=need),
                public_id=form.cleaned_data["parent"],
            )
        try:
            services.post_comment(
                author=request.user, need=need, body=form.cleaned_data["body"], parent=parent
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Your comment is published."))
    else:
        messages.error(request, _("Write something before sending the comment."))
    return redirect(f"{need.get_absolute_url()}#comments")


@ratelimit(group="needs:support", key="ip", rate=SUPPORTS_PER_ADDRESS, method="POST", block=False)
@require_POST
def support(request, public_id):
    need = _need(request, public_id)
    if getattr(request, "limited", False):
        return _too_many(request, back=need.get_absolute_url())
    if request.POST.get("action") == "withdraw" and request.user.is_authenticated:
        services.withdraw_support(need=need, user=request.user)
        messages.success(request, _("Your support is withdrawn."))
        return redirect(need)
    form = SupportEmailForm(request.POST) if not request.user.is_authenticated else None
    if form is not None and not form.is_valid():
        messages.error(request, _("Give a valid e-mail address to support the need."))
        return redirect(need)
    try:
        services.support_need(
            need=need,
            user=request.user if request.user.is_authenticated else None,
            email=form.cleaned_data["email"] if form else "",
            language=get_language() or settings.LANGUAGE_CODE,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if form is None:
            messages.success(request, _("Thank you: your support is counted."))
        else:
            messages.success(
                request, _("Thank you. Open the link we sent you to count your support.")
            )
    return redirect(need)


@login_required
@require_POST
def follow(request, public_id):
    need = _need(request, public_id)
    if request.POST.get("action") == "unfollow":
        services.unfollow_need(need=need, user=request.user)
        messages.success(request, _("You no longer follow this need."))
    else:
        services.follow_need(need=need, user=request.user)
        messages.success(request, _("You will be told when this need changes."))
    return redirect(need)


def _report(request, need, comment_obj=None):
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if getattr(request, "limited", False):
            return _too_many(
                request, text=request.POST.get("details", ""), back=need.get_absolute_url()
            )
        if form.is_valid():
            services.report_item(
                reporter=request.user,
                need=need,
                comment=comment_obj,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
            messages.success(request, _("Thank you. The moderators will look at it."))
            return redirect(need)
    return render(
        request,
        "needs/action.html",
        {
            "need": need,
            "form": form,
            "title": _("Report a comment") if comment_obj else _("Report this need"),
            "quote": comment_obj.body if comment_obj else "",
            "submit": _("Send the report"),
        },
    )


@ratelimit(
    group="needs:report", key="user_or_ip", rate=REPORTS_PER_PERSON, method="POST", block=False
)
@login_required
@require_http_methods(["GET", "POST"])
def report_need(request, public_id):
    return _report(request, _need(request, public_id))


@ratelimit(
    group="needs:report", key="user_or_ip", rate=REPORTS_PER_PERSON, method="POST", block=False
)
@login_required
@require_http_methods(["GET", "POST"])
def report_comment(request, public_id):
    comment_obj = _comment(request, public_id)
    return _report(request, comment_obj.need, comment_obj)


# --- the university's side --------------------------------------------------------------------


def _action(request, need, *, perm, form, title, submit, run, done, quote=""):
    """A form page for one step of the workflow: check, call the service, report back."""
    if not request.user.has_perm(perm, need):
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            run(form)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(need)
    return render(
        request,
        "needs/action.html",
        {"need": need, "form": form, "title": title, "submit": submit, "quote": quote},
    )


@login_required
@require_http_methods(["GET", "POST"])
def moderate(request, public_id):
    need = _need(request, public_id)
    form = ModerateForm(request.POST or None)
    return _action(
        request,
        need,
        perm="needs.moderate_need",
        form=form,
        title=_("Moderate the need"),
        submit=_("Save the decision"),
        run=lambda f: services.moderate_need(
            actor=request.user,
            need=need,
            publish=f.cleaned_data["decision"] == "publish",
            reason=f.cleaned_data["reason"],
        ),
        done=_("The decision is saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def accept(request, public_id):
    need = _need(request, public_id)
    units = Unit.objects.with_scopes_disabled().filter(university=need.university_id)
    if not request.user.has_perm("needs.moderate_need", need):
        # A coordinator accepts for their own unit(s) only.
        mine = request.viewer.unit_ids_with(need.university_id, Role.UNIT_COORDINATOR)
        units = units.filter(pk__in=sorted(mine))
    form = AcceptForm(request.POST or None, units=units.order_by("name"))
    return _action(
        request,
        need,
        perm="needs.decide_need",
        form=form,
        title=_("Accept the need"),
        submit=_("Accept"),
        run=lambda f: services.accept_need(
            actor=request.user, need=need, unit=f.cleaned_data["unit"], note=f.texts()
        ),
        done=_("The need is accepted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def decline(request, public_id):
    need = _need(request, public_id)
    return _action(
        request,
        need,
        perm="needs.decide_need",
        form=DeclineForm(request.POST or None),
        title=_("Decline the need"),
        submit=_("Decline in public"),
        run=lambda f: services.decline_need(actor=request.user, need=need, reason=f.texts()),
        done=_("The need is declined; the reason is public."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def start(request, public_id):
    need = _need(request, public_id)
    return _action(
        request,
        need,
        perm="needs.work_on_need",
        form=StartNoteForm(request.POST or None),
        title=_("Start the work"),
        submit=_("Mark as in progress"),
        run=lambda f: services.start_need(actor=request.user, need=need, note=f.texts()),
        done=_("The need is in progress."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def address(request, public_id):
    need = _need(request, public_id)
    return _action(
        request,
        need,
        perm="needs.work_on_need",
        form=AddressForm(request.POST or None),
        title=_("Report what was done"),
        submit=_("Publish the report"),
        run=lambda f: services.address_need(actor=request.user, need=need, report=f.texts()),
        done=_("The need is addressed; the report is public."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def note(request, public_id):
    need = _need(request, public_id)
    perm = (
        "needs.work_on_need"
        if request.user.has_perm("needs.work_on_need", need)
        else ("needs.decide_need")
    )
    return _action(
        request,
        need,
        perm=perm,
        form=NoteForm(request.POST or None),
        title=_("Add a public note"),
        submit=_("Add to the timeline"),
        run=lambda f: services.add_public_note(actor=request.user, need=need, note=f.texts()),
        done=_("The note is on the timeline."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def hide(request, public_id):
    need = _need(request, public_id)
    return _action(
        request,
        need,
        perm="needs.moderate_need",
        form=ReasonForm(request.POST or None),
        title=_("Hide the need"),
        submit=_("Hide"),
        run=lambda f: services.hide_need(
            actor=request.user, need=need, reason=f.cleaned_data["reason"]
        ),
        done=_("The need is hidden from the public."),
    )


@login_required
@require_POST
def restore(request, public_id):
    need = _need(request, public_id)
    if not request.user.has_perm("needs.moderate_need", need):
        raise PermissionDenied
    try:
        services.restore_need(actor=request.user, need=need)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The need is shown again."))
    return redirect(need)


@login_required
@require_http_methods(["GET", "POST"])
def comment_hide(request, public_id):
    comment_obj = _comment(request, public_id)
    return _action(
        request,
        comment_obj.need,
        perm="needs.moderate_need",
        form=ReasonForm(request.POST or None),
        title=_("Hide the comment"),
        submit=_("Hide"),
        quote=comment_obj.body,
        run=lambda f: services.hide_comment(
            actor=request.user, comment=comment_obj, reason=f.cleaned_data["reason"]
        ),
        done=_("The comment is hidden."),
    )


@login_required
@require_POST
def comment_restore(request, public_id):
    comment_obj = _comment(request, public_id)
    if not request.user.has_perm("needs.moderate_need", comment_obj.need):
        raise PermissionDenied
    services.restore_comment(actor=request.user, comment=comment_obj)
    messages.success(request, _("The comment is shown again."))
    if request.POST.get("next") == "queue":
        return redirect("needs:moderation")
    return redirect(comment_obj.need)


@login_required
@require_POST
def report_resolve(request, public_id):
    ids = queries.universities_where(request.viewer, *MODERATOR_ROLES)
    reports = Report.objects.with_scopes_disabled().select_related("need")
    if ids is not None:
        reports = reports.filter(university__in=ids)
    report = get_object_or_404(reports, public_id=public_id)
    services.resolve_report(actor=request.user, report=report)
    messages.success(request, _("The report is closed."))
    return redirect("needs:moderation")


@login_required
def moderation(request):
    if not request.user.has_perm("needs.moderate_needs"):
        raise PermissionDenied
    ids = queries.universities_where(request.viewer, *MODERATOR_ROLES)
    return render(request, "needs/moderation.html", queries.moderation_queue(ids))


@login_required
def overview(request):
    if not request.user.has_perm("needs.view_overview"):
        raise PermissionDenied
    ids = queries.universities_where(request.viewer, *DECIDER_ROLES)
    data = queries.overview(ids)
    points = [  # the map's data, passed with json_script (no inline script)
        {
            "lat": float(p["latitude"]),
            "lng": float(p["longitude"]),
            "title": p["title"],
            "lang": p["language"],
            "state": str(NeedState(p["state"]).label),
            "url": reverse("needs:detail", kwargs={"public_id": p["public_id"]}),
        }
        for p in data["points"]
    ]
    map_config = {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "points": points,
    }
    return render(request, "needs/overview.html", {**data, "map_config": map_config})
