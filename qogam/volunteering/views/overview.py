"""Pages: the coordinator's overview and the partner representative's view."""

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import render
from django.urls import NoReverseMatch, URLPattern, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.visibility import viewer_of
from qogam.organisations.models import Unit
from qogam.volunteering import overview as queries
from qogam.volunteering.forms import DateInput
from qogam.volunteering.models import Opportunity


def link_to(name: str, *, kwargs: dict | None = None, query: dict | None = None) -> str:
    """The URL of a page of another part of the app, or '' while that page does not exist."""
    try:
        url = reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(query)}" if query else url


class OverviewFilterForm(forms.Form):
    opportunity: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Opportunity"),
        queryset=Opportunity.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=_("Every opportunity"),
    )
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=_("Every unit"),
    )
    starts_on = forms.DateField(label=_("Shifts from (date)"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Shifts until (date)"), required=False, widget=DateInput())

    def __init__(self, *args, opportunities: QuerySet, units: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opportunity"].queryset = opportunities  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end of the date range comes before its start."))
        return data

    def filters(self) -> queries.OverviewFilters:
        if not self.is_valid():
            return queries.OverviewFilters()
        data = self.cleaned_data
        return queries.OverviewFilters(
            opportunity=data["opportunity"],
            unit=data["unit"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )


def _hours_rows(opportunities) -> list[dict]:
    return [
        {
            "opportunity": opportunity,
            "queue_url": link_to(
                "volunteering:hours_queue", query={"opportunity": opportunity.public_id}
            ),
        }
        for opportunity in opportunities
    ]


@login_required
def coordinator_overview(request):
    user = request.user
    if not queries.may_open_overview(user):
        raise PermissionDenied
    now = timezone.now()
    managed = queries.opportunities_managed_by(user)
    form = OverviewFilterForm(
        request.GET or None,
        opportunities=managed.order_by("title", "pk"),
        units=queries.overview_units(user).order_by("name", "pk"),
    )
    filters = form.filters()
    chosen = filters.narrow(managed)
    no_shows = queries.no_shows(chosen, filters, now=now)
    unrecorded = queries.attendance_to_record(chosen, filters, now=now)
    limit = queries.LIST_LIMIT
    context = {
        "form": form,
        "upcoming": list(queries.upcoming_shifts(chosen, filters, now=now)[:limit]),
        "no_shows": list(no_shows[:limit]),
        "no_show_count": no_shows.count(),
        "unrecorded": [
            {
                "shift": shift,
                "attendance_url": link_to(
                    "volunteering:attendance", kwargs={"public_id": shift.public_id}
                ),
            }
            for shift in unrecorded[:limit]
        ],
        "unrecorded_count": unrecorded.count(),
        "hours": _hours_rows(queries.hours_awaiting(chosen, filters)[:limit]),
        "students": queries.students_by_hours(chosen, filters),
        "verified": queries.verified_hours_total(chosen, filters),
        "fill_rates": list(queries.fill_rates(chosen, filters)[:limit]),
        "all_hours_url": link_to("volunteering:hours_queue"),
        "limit": limit,
        "several_universities": len(viewer_of(user).university_ids) > 1
        or viewer_of(user).is_network_admin,
    }
    return render(request, "volunteering/overview/coordinator.html", context)


@login_required
def partner_view(request):
    """A partner's representative: their organisations' opportunities, rosters and hours to
    verify, and nothing else. Someone who represents no organisation is refused."""
    organisations = queries.organisations_represented_by(request.user)
    if not organisations:
        raise PermissionDenied
    now = timezone.now()
    opportunities = queries.partner_opportunities(organisations)
    context = {
        "organisations": organisations,
        "opportunities": list(opportunities),
        "shifts": queries.partner_shifts(opportunities, now=now),
        "hours": _hours_rows(queries.hours_awaiting(opportunities)),
        "all_hours_url": link_to("volunteering:hours_queue"),
        "days_back": queries.PARTNER_DAYS_BACK,
        "now": now,
    }
    return render(request, "volunteering/overview/partner.html", context)


urlpatterns: list[URLPattern] = [
    path("overview/", coordinator_overview, name="overview"),
    path("partner/", partner_view, name="partner"),
]
