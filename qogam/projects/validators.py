"""Checks of the list-valued fields of a project (components, groups, funding)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import Component
from qogam.needs.enums import AffectedGroup
from qogam.needs.validators import validate_sdgs
from qogam.projects.enums import FundingSource

__all__ = ["validate_components", "validate_funding", "validate_groups", "validate_sdgs"]


def _codes(value, allowed, *, label) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Give a list of codes."), code="not_a_list")
    bad = [str(v) for v in value if v not in allowed]
    if bad:
        raise ValidationError(
            _("Unknown %(what)s: %(values)s.") % {"what": label, "values": ", ".join(bad)},
            code="unknown_code",
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each code may be chosen once."), code="repeated_code")


def validate_components(value) -> None:
    """One or more components of the University model 4.0, each once."""
    _codes(value, set(Component.values), label=_("component"))
    if not value:
        raise ValidationError(_("Choose at least one component."), code="no_component")


def validate_groups(value) -> None:
    _codes(value, set(AffectedGroup.values), label=_("group"))


def validate_funding(value) -> None:
    """Rows {"source": <FundingSource>, "amount": "<tenge>"}; amounts positive, sources once."""
    if not isinstance(value, list):
        raise ValidationError(_("Give the funding as a list of rows."), code="not_a_list")
    seen = set()
    for number, row in enumerate(value, start=1):
        if not isinstance(row, dict) or set(row) != {"source", "amount"}:
            raise ValidationError(
                _("Funding row %(row)d needs a source and an amount.") % {"row": number},
                code="bad_row",
            )
        if row["source"] not in FundingSource.values:
            raise ValidationError(
                _("Funding row %(row)d: “%(source)s” is not a source of funding.")
                % {"row": number, "source": row["source"]},
                code="unknown_source",
            )
        try:
            amount = Decimal(str(row["amount"]))
        except InvalidOperation:
            amount = Decimal(-1)
        if not amount.is_finite() or amount <= 0:
            raise ValidationError(
                _("Funding row %(row)d: the amount must be a positive number of tenge.")
                % {"row": number},
                code="bad_amount",
            )
        if row["source"] in seen:
            raise ValidationError(
                _("Funding row %(row)d repeats a source; give each source once.") % {"row": number},
                code="repeated_source",
            )
        seen.add(row["source"])
