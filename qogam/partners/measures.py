"""Measures of partnership: agreements in force, partners, partners' survey answers
(qogam.core.measures)."""

from datetime import datetime, time, timedelta

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from qogam.core.measures import (
    ROWS,
    SUM,
    Measure,
    MeasureScope,
    ProvenanceRow,
    register_measure,
)
from qogam.organisations.queries import counted_units
from qogam.partners.enums import AgreementKind, AgreementState, OrganisationKind
from qogam.partners.models import Agreement, PartnerOrganisation, PartnerSurvey


def agreement_kinds():
    return AgreementKind.choices


def partner_kinds():
    return OrganisationKind.choices


def valid_in_period(scope: MeasureScope) -> Q:
    """Signed, and in force on at least one day of the period.

    A terminated agreement leaves `signed`; the model keeps no date of termination, so it
    no longer counts for any period, past ones included.
    """
    return Q(state=AgreementState.SIGNED, starts_on__lte=scope.ends_on) & (
        Q(ends_on__isnull=True) | Q(ends_on__gte=scope.starts_on)
    )


def active_agreements(scope: MeasureScope) -> QuerySet[Agreement]:
    qs = Agreement.objects.filter(valid_in_period(scope), university_id=scope.university_id)
    if kinds := scope.values("kind"):
        qs = qs.filter(kind__in=kinds)
    if kinds := scope.values("partner_kind"):
        qs = qs.filter(organisation__kind__in=kinds)
    units = counted_units(scope)
    if units is not None:
        involved = Agreement.units.through.objects.filter(unit_id__in=sorted(units))
        qs = qs.filter(pk__in=involved.values("agreement_id"))
    return qs.order_by("starts_on", "pk")


def agreement_row(agreement: Agreement) -> ProvenanceRow:
    ends = agreement.ends_on.isoformat() if agreement.ends_on else _("open-ended")
    return ProvenanceRow(
        title=f"{agreement.title} · {agreement.organisation}",
        url=agreement.get_absolute_url(),
        on=agreement.starts_on,
        detail=str(
            _("%(kind)s · until %(ends)s") % {"kind": agreement.get_kind_display(), "ends": ends}
        ),
    )


def partners(scope: MeasureScope) -> QuerySet[PartnerOrganisation]:
    qs = PartnerOrganisation.objects.filter(university_id=scope.university_id)
    if kinds := scope.values("partner_kind"):
        qs = qs.filter(kind__in=kinds)
    units = counted_units(scope)
    if units is not None:
        working = PartnerOrganisation.units.through.objects.filter(unit_id__in=sorted(units))
        qs = qs.filter(pk__in=working.values("partnerorganisation_id"))
    return qs.order_by("name", "pk")


def partner_row(partner: PartnerOrganisation) -> ProvenanceRow:
    return ProvenanceRow(
        title=str(partner),
        url=partner.get_absolute_url(),
        detail=str(partner.get_kind_display()),
    )


def answered_surveys(scope: MeasureScope) -> QuerySet[PartnerSurvey]:
    # The period's days in the local time zone: [first day 00:00, day after the last 00:00).
    start = timezone.make_aware(datetime.combine(scope.starts_on, time.min))
    end = timezone.make_aware(datetime.combine(scope.ends_on + timedelta(days=1), time.min))
    qs = PartnerSurvey.objects.filter(
        university_id=scope.university_id, answered_at__gte=start, answered_at__lt=end
    )
    if kinds := scope.values("partner_kind"):
        qs = qs.filter(organisation__kind__in=kinds)
    # Each answer holds three scores of 1 to 5; their sum is what survey_rating_sum adds up.
    return qs.annotate(
        rating_points=F("mutual_benefit") + F("communication") + F("would_work_again")
    )


def _survey_detail(survey: PartnerSurvey) -> str:
    return str(
        _("benefit %(benefit)s · communication %(communication)s · again %(again)s")
        % {
            "benefit": survey.mutual_benefit,
            "communication": survey.communication,
            "again": survey.would_work_again,
        }
    )


def survey_row(survey: PartnerSurvey) -> ProvenanceRow:
    # The survey has no page of its own; the partner's page shows the answers' summary.
    return ProvenanceRow(
        title=str(survey.organisation),
        url=survey.organisation.get_absolute_url(),
        on=timezone.localdate(survey.answered_at),
        detail=_survey_detail(survey),
    )


def survey_points_row(survey: PartnerSurvey) -> ProvenanceRow:
    row = survey_row(survey)
    return ProvenanceRow(row.title, row.url, row.on, row.detail, survey.rating_points)


AGREEMENT_FILTERS = {"kind": agreement_kinds, "partner_kind": partner_kinds, "unit": None}

register_measure(
    Measure(
        key="partners.active_agreements",
        label=_("Agreements in force"),
        description=_(
            "Signed agreements in force on at least one day of the period: they start on or "
            "before its last day and end on or after its first day, or are open-ended. "
            "Terminated agreements do not count, since the date of termination is not recorded. "
            "With a unit, agreements that involve that unit or one below it."
        ),
        records=active_agreements,
        row=agreement_row,
        how=ROWS,
        filters=AGREEMENT_FILTERS,
        counts="records",
        related=("organisation",),
        order=40,
    )
)

register_measure(
    Measure(
        key="partners.partners",
        label=_("Partner organisations"),
        description=_(
            "Partner organisations the university records today; the period does not narrow "
            "this count. With a unit, partners that unit or one below it works with."
        ),
        records=partners,
        row=partner_row,
        how=ROWS,
        filters={"partner_kind": partner_kinds, "unit": None},
        counts="organisations",
        order=41,
    )
)

register_measure(
    Measure(
        key="partners.survey_responses",
        label=_("Partner survey answers"),
        description=_(
            "Reciprocity surveys that partners answered within the period (by the date of the "
            "answer)."
        ),
        records=answered_surveys,
        row=survey_row,
        how=ROWS,
        filters={"partner_kind": partner_kinds},
        counts="records",
        related=("organisation",),
        order=42,
    )
)

register_measure(
    Measure(
        key="partners.survey_rating_sum",
        label=_("Partner survey points"),
        description=_(
            "The sum of the three scores (mutual benefit, communication, would work together "
            "again; each 1 to 5) of the surveys partners answered within the period. Divided "
            "by three times the answers, it is the average score."
        ),
        records=answered_surveys,
        row=survey_points_row,
        how=SUM,
        counted_field="rating_points",
        filters={"partner_kind": partner_kinds},
        counts="points",
        related=("organisation",),
        order=43,
    )
)
