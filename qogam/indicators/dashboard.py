"""Home panel for a university's administrators and third-mission office: the indicators
behind target in the current reporting year (at most five), with a link to the dashboard.
Hidden when there are none, and for everyone else (who costs no query here)."""

from qogam.core.dashboards import Panel, register_panel
from qogam.core.periods import academic_year_of
from qogam.indicators.rules import OFFICE_ROLES


def _red_indicators(request):
    user, viewer = request.user, request.viewer
    if not user.is_authenticated:
        return None
    universities = sorted(viewer.university_ids_with(*OFFICE_ROLES))
    if not universities:
        return None
    # Imported here: the queries read models, which are not loaded when apps register.
    from qogam.indicators.queries_dashboard import red_rows  # noqa: PLC0415

    rows = red_rows(universities[0], academic_year_of())
    return {"rows": rows} if rows else None


register_panel(Panel("indicators-red", "indicators/dashboard/panels/red.html", _red_indicators, 30))
