from django.utils.translation import gettext_lazy as _

from qogam.core.dashboards import Panel, register_panel
from qogam.core.navigation import NavItem, register_nav_item
from qogam.organisations import queries
from qogam.organisations.models import University


def _my_universities(request):
    viewer = request.viewer
    if viewer.is_anonymous:
        return None
    ids = viewer.university_ids
    universities = (
        University.objects.filter(pk__in=sorted(ids)) if ids else University.objects.none()
    )
    return {
        "universities": universities,
        "network": queries.current_network(),
        "is_network_admin": viewer.is_network_admin,
    }


register_panel(
    Panel("universities", "organisations/panels/universities.html", _my_universities, 10)
)

register_nav_item(
    NavItem("universities", _("Universities"), "organisations:universities", lambda r: True, 20)
)
