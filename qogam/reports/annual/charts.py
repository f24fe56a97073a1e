"""The report's charts, drawn by qogam.indicators.charts (matplotlib, DejaVu Sans, SVG with
text as paths) and embedded in the PDF as data URIs, since the PDF fetches nothing."""

import base64
from decimal import Decimal

from django.utils.translation import gettext as _

from qogam.indicators import charts
from qogam.indicators.enums import TrafficLight
from qogam.indicators.queries_dashboard import light_label

# Bars per chart: a taller one would not fit an A4 page beside its title.
MAX_BARS = 20


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def status_chart(counts: dict[str, int]) -> bytes:
    order = [TrafficLight.GREEN, TrafficLight.AMBER, TrafficLight.RED, TrafficLight.NONE]
    return charts.bar_chart(
        title=_("Indicators by how they stand against their targets"),
        labels=[light_label(status) for status in order],
        values=[Decimal(counts.get(status, 0)) for status in order],
        no_data_label=_("no data"),
    )


def target_chart(rows) -> tuple[bytes | None, int]:
    """Each value as a share of its target, for the rows with both; how many were left out."""
    shares = [
        (row.indicator.code, row.value.value / row.value.target * 100)
        for row in rows
        if row.value.value is not None and row.value.target
    ]
    if not shares:
        return None, 0
    shown = shares[:MAX_BARS]
    svg = charts.bar_chart(
        title=_("Value as a share of the target (%)"),
        labels=[code for code, _share in shown],
        values=[Decimal(share) for _code, share in shown],
        texts=[_("%(share)s %%") % {"share": round(share)} for _code, share in shown],
        no_data_label=_("no data"),
    )
    return svg, len(shares) - len(shown)


def sdg_chart(rows) -> bytes:
    """Bars of the goals with records only: the table beside it lists all seventeen."""
    rows = [row for row in rows if row[4]]
    return charts.bar_chart(
        title=_("Records per Sustainable Development Goal"),
        labels=[row[0] for row in rows],
        values=[Decimal(row[4]) for row in rows],
        no_data_label=_("no data"),
    )
