from django.utils.translation import gettext_lazy as _

from qogam.core.dashboards import Panel, register_panel
from qogam.core.navigation import NavItem, register_nav_item
from qogam.organisations import queries
from qogam.organisations.models import University


def _my_universities(request):
    viewer = request.viewer
    if viewer.is_anonymous:
        return None
    universities = University.objects.filter(pk__in=sorted(viewer.university_ids))
    return {
        "universities": universities,
        "network": queries.current_network(),
        "is_network_admin": viewer.is_network_admin,
    }


def _my_units(request):
    unit_ids = sorted({g.unit_id for g in request.viewer.grants if g.unit_id})
    if not unit_ids:
        return None
    return {"units": queries.units_with_children(unit_ids)}


register_panel(
    Panel("universities", "organisations/panels/universities.html", _my_universities, 10)
)
register_panel(Panel("my-units", "organisations/panels/my_units.html", _my_units, 15))

register_nav_item(
    NavItem(
        "universities",
        _("Universities"),
        "organisations:universities",
        lambda r: True,
        20,
        section="organisations",
    )
)
