"""The REST API, version 1: each domain app contributes its router.

Endpoints apply the same queries, rules and services as the pages, so the API can neither
see nor do more than the same person could in the browser.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from qogam.accounts.api import router as accounts_router
from qogam.councils.api import router as councils_router
from qogam.coverage.api import router as coverage_router
from qogam.indicators.api import router as indicators_router
from qogam.needs.api import router as needs_router
from qogam.network.api import router as network_members_router
from qogam.organisations.api import router as organisations_router
from qogam.partners.api import router as partners_router
from qogam.projects.api import router as projects_router
from qogam.research.api import router as research_router
from qogam.sdg.api import router as sdg_router
from qogam.staff.api import router as staff_router
from qogam.strategy.api import router as strategy_router
from qogam.volunteering.api import router as volunteering_router
from qogam.volunteering.api_hours import router as volunteering_hours_router

api = NinjaAPI(
    title="Qogam API",
    version="1",
    urls_namespace="api-v1",
    description="Organisations, people and the third mission of a network of universities.",
)


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return api.create_response(
        request, {"detail": _("The data is not valid."), "errors": errors}, status=422
    )


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or _("Not allowed.")}, status=403)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Not found.")}, status=404)


api.add_router("/", organisations_router)
api.add_router("/", accounts_router)
api.add_router("/", partners_router)
api.add_router("/", needs_router)
api.add_router("/", projects_router)
api.add_router("/", volunteering_router)
api.add_router("/", volunteering_hours_router)
api.add_router("/", councils_router)
api.add_router("/", research_router)
api.add_router("/", coverage_router)
api.add_router("/", staff_router)
api.add_router("/", strategy_router)
api.add_router("/", indicators_router)
api.add_router("/", network_members_router)
api.add_router("/", sdg_router)
