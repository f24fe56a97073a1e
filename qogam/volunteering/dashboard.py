"""Home panels: what a coordinator has to do about volunteering, and the hours a partner's
representative has to verify. Each is shown only when there is something to do."""

from django.utils import timezone

from qogam.core.dashboards import Panel, register_panel
from qogam.volunteering import overview
from qogam.volunteering.views.overview import link_to


def _coordinator(request):
    user, viewer = request.user, request.viewer
    # Only staff run opportunities; students and partners cost no query here.
    if not user.is_authenticated or not (viewer.staff_university_ids or viewer.is_network_admin):
        return None
    counts = overview.coordinator_counts(
        overview.opportunities_managed_by(user), now=timezone.now()
    )
    if not counts["attendance"] and not counts["hours"]:
        return None
    return {
        **counts,
        "overview_url": link_to("volunteering:overview"),
        "hours_url": link_to("volunteering:hours_queue"),
    }


def _partner(request):
    organisations = overview.organisations_represented_by(request.user)
    if not organisations:
        return None
    rows = list(overview.hours_awaiting(overview.partner_opportunities(organisations))[:8])
    if not rows:
        return None
    return {
        "rows": [
            {
                "opportunity": opportunity,
                "queue_url": link_to(
                    "volunteering:hours_queue", query={"opportunity": opportunity.public_id}
                ),
            }
            for opportunity in rows
        ],
    }


register_panel(
    Panel(
        "volunteering-coordinator", "volunteering/overview/panel_coordinator.html", _coordinator, 26
    )
)
register_panel(
    Panel("volunteering-partner", "volunteering/overview/panel_partner.html", _partner, 13)
)
