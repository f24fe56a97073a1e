"""Home panel: the person's own overdue council decisions."""

from qogam.core.dashboards import Panel, register_panel
from qogam.councils import queries

# The panel lists this many decisions at most, most overdue first.
PANEL_ITEMS = 8


def _overdue(request):
    user = request.user
    if not user.is_authenticated:
        return None
    decisions = list(queries.overdue_decisions_of(user)[:PANEL_ITEMS])
    if not decisions:
        return None
    return {"decisions": decisions}


register_panel(Panel("councils-overdue", "councils/panels/overdue.html", _overdue, 15))
