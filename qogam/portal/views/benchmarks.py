"""The network's public benchmarks: indicators the members published to everyone, compared.

Only `public` values of active members whose university opened its public site are read
(qogam.network.benchmarks with the PORTAL audience); members that did not consent to be named
appear under a letter, as they do to the other members.
"""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from qogam.core.i18n import translated
from qogam.indicators.models import Indicator
from qogam.network import benchmarks as bm
from qogam.network.forms_members import BenchmarkForm
from qogam.portal.views.common import render_page


@require_GET
def benchmark_list(request):
    comparable, _refused = bm.comparable_indicators(bm.PORTAL)
    return render_page(
        request,
        "portal/benchmarks/list.html",
        {"comparable": comparable},
        title=_("Benchmarks of the network"),
        description=_(
            "The member universities compared on the indicators they published: each value, "
            "the network's median and quartiles, and the trend over the years."
        ),
        image=reverse("portal:network_card"),
    )


@require_GET
def benchmark_detail(request, code: str):
    indicator = Indicator.objects.filter(code=code, university__isnull=True).first()
    if indicator is None:
        raise Http404
    form = BenchmarkForm(request.GET)
    year = form.cleaned_data["year"] if form.is_valid() else None
    per = form.cleaned_data.get("per", "") if form.is_valid() else ""
    try:
        benchmark = bm.build_benchmark(indicator, bm.PORTAL, year=year, per=per)
    except bm.NotComparable as refusal:
        benchmark, reason = None, refusal.reason
    else:
        reason = ""
    # A page with fewer than two published values compares nothing: not a public page.
    if benchmark is not None and benchmark.sharing_count < 2:
        raise Http404
    name = f"{indicator.code} {translated(indicator, 'name')}"
    return render_page(
        request,
        "portal/benchmarks/detail.html",
        {
            "indicator": indicator,
            "benchmark": benchmark,
            "reason": reason,
            "form": form,
            "strip": bm.strip_positions(benchmark) if benchmark else None,
        },
        title=name,
        description=_("The member universities compared on %(indicator)s.") % {"indicator": name},
        image=reverse("portal:network_card"),
        status=409 if reason else 200,
    )


urlpatterns = [
    path("network/benchmarks/", benchmark_list, name="benchmarks"),
    path("network/benchmarks/<str:code>/", benchmark_detail, name="benchmark"),
]
