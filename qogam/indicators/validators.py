"""Checks on indicator definitions that need the registered measures and rubrics."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from qogam.core.measures import measure as registered_measure
from qogam.indicators.enums import Method
from qogam.indicators.rubrics import rubric as registered_rubric


def _filter_problems(key: str, filters) -> list[str]:
    found = registered_measure(key)
    if found is None:
        return []
    if not isinstance(filters, dict) or not all(
        isinstance(values, list) for values in filters.values()
    ):
        return [_('Filters are written as {"kind": ["outreach"]}: a name and a list of values.')]
    return found.filter_errors(filters)


def indicator_errors(indicator) -> dict[str, list[ValidationError]]:
    """Problems with a definition, by field: a measure that does not exist, a filter the
    measure does not know, a rubric that does not exist, a code that clashes."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if indicator.method == Method.COMPUTED:
        if not indicator.measure:
            add("measure", _("A computed indicator needs a measure."), "measure_required")
        elif registered_measure(indicator.measure) is None:
            add(
                "measure",
                _("There is no measure “%(key)s”.") % {"key": indicator.measure},
                "unknown_measure",
            )
        for problem in _filter_problems(indicator.measure, indicator.measure_filters):
            add("measure_filters", problem, "bad_filter")
        if indicator.denominator and registered_measure(indicator.denominator) is None:
            add(
                "denominator",
                _("There is no measure “%(key)s”.") % {"key": indicator.denominator},
                "unknown_measure",
            )
        for problem in _filter_problems(indicator.denominator, indicator.denominator_filters):
            add("denominator_filters", problem, "bad_filter")
    elif indicator.method == Method.ASSESSMENT:
        found = registered_rubric(indicator.rubric)
        if found is None:
            add(
                "rubric",
                _("There is no self-assessment framework “%(key)s”.") % {"key": indicator.rubric},
                "unknown_rubric",
            )
        elif indicator.rubric_item and found.item(indicator.rubric_item) is None:
            add(
                "rubric_item",
                _("The framework has no aspect “%(key)s”.") % {"key": indicator.rubric_item},
                "unknown_rubric_item",
            )
    elif indicator.method == Method.EVIDENCE and indicator.answer_kind not in (
        "yes_no",
        "options",
        "level",
    ):
        add(
            "answer_kind",
            _("An evidence item is answered yes/no, by options or by a level."),
            "bad_answer_kind",
        )
    if indicator.measure and indicator.method != Method.COMPUTED:
        add("measure", _("Only a computed indicator has a measure."), "measure_not_computed")
    if indicator.scale is not None and indicator.scale <= 0:
        add("scale", _("The multiplier must be more than 0."), "bad_scale")
    if indicator.university_id is not None and indicator.code:
        # A university's own code must not hide a shipped one: benchmarks compare by code.
        from qogam.indicators.models import Indicator  # noqa: PLC0415 -- models import this

        clash = Indicator.objects.filter(Q(university__isnull=True), code=indicator.code)
        if clash.exists():
            add(
                "code",
                _("“%(code)s” is the code of a shipped indicator; choose another.")
                % {"code": indicator.code},
                "shipped_code",
            )
    return errors
