"""The annual report as an A4 PDF: cover, contents, summary, indicators with charts and one
chapter per section; laid out by WeasyPrint through qogam.core.pdf (DejaVu Sans is named in
the stylesheet, so Kazakh letters render)."""

from functools import cache
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _

from qogam.core.pdf import render_pdf
from qogam.reports.annual import charts
from qogam.reports.annual.data import AnnualData, display

STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "reports" / "annual.css"


@cache
def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def _table(table) -> dict:
    return {
        "title": table.title,
        "columns": [
            {"label": label, "numeric": index in table.numeric}
            for index, label in enumerate(table.columns)
        ],
        "rows": [
            [
                {"value": display(cell), "numeric": index in table.numeric}
                for index, cell in enumerate(row)
            ]
            for row in table.rows
        ],
        "more_text": table.more_text,
    }


def context(data: AnnualData) -> dict:
    """What the template shows; called inside the report's language."""
    packs = []
    for group in data.packs:
        svg, left_out = charts.target_chart(group.rows)
        packs.append(
            {
                "title": group.title,
                "rows": group.rows,
                "chart": charts.data_uri(svg) if svg else "",
                "chart_more": _("%(count)s more indicators with a target are in the table.")
                % {"count": left_out}
                if left_out
                else "",
            }
        )
    sections = []
    for section in data.sections:
        chart = ""
        if section.key == "sdgs" and section.has_data:
            chart = charts.data_uri(charts.sdg_chart(section.tables[0].rows))
        sections.append(
            {
                "key": section.key,
                "title": section.title,
                "figures": section.figures,
                "has_data": section.has_data,
                "empty": section.empty,
                "notes": section.notes,
                "tables": [_table(t) for t in section.tables],
                "chart": chart,
            }
        )
    return {
        "data": data,
        "status_chart": charts.data_uri(charts.status_chart(data.status_counts))
        if data.indicator_rows
        else "",
        "packs": packs,
        "sections": sections,
    }


def render(data: AnnualData) -> bytes:
    # The charts' titles are gettext too: build the context in the report's language.
    with translation.override(data.language):
        ctx = context(data)
    return render_pdf(
        template="reports/annual/report.html",
        context=ctx,
        language=data.language,
        stylesheets=[stylesheet()],
    )
