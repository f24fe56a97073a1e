"""Reciprocity surveys: a partner tells the university how the work together went.

A survey goes by e-mail with a one-time link; the link's token is stored only as a hash
(like invitations), so a leaked table opens no survey. Anyone holding the link answers it,
once, without an account. Answers feed the partnership view and the partner's page.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from qogam.core.mail import send_templated_mail
from qogam.core.partnership import Activity, ActivitySource, register_activity_source
from qogam.core.tenancy import university_scope
from qogam.core.tokens import hash_secret, new_secret
from qogam.core.visibility import Viewer
from qogam.partners.models import Agreement, PartnerOrganisation, PartnerSurvey

SURVEY_VALID_DAYS = 30
SCORES = ("mutual_benefit", "communication", "would_work_again")


class SurveyError(ValidationError):
    """A survey link that cannot be answered, with the reason in words."""


def send_survey(
    *,
    actor,
    organisation: PartnerOrganisation,
    email: str,
    language: str,
    agreement: Agreement | None = None,
) -> PartnerSurvey:
    """Ask a partner's person for their view of the partnership.

    Side effects: a PartnerSurvey row, and an e-mail in `language` with a one-time link, sent
    once the transaction commits.
    """
    if not actor.has_perm("partners.manage_partners_of", organisation.university):
        raise PermissionDenied(_("You may not send surveys for this university's partners."))
    if agreement is not None and not (
        agreement.organisation_id == organisation.pk
        or agreement.other_parties.filter(pk=organisation.pk).exists()
    ):
        raise ValidationError({"agreement": _("This agreement is not with this partner.")})
    raw_token, token_hash = new_secret()
    survey = PartnerSurvey(
        university_id=organisation.university_id,
        organisation=organisation,
        agreement=agreement,
        email=email.strip().lower(),
        language=language,
        token_hash=token_hash,
        sent_by=actor,
        expires_at=timezone.now() + timedelta(days=SURVEY_VALID_DAYS),
    )
    with transaction.atomic(), university_scope(organisation.university_id):
        survey.full_clean()
        survey.save()
        transaction.on_commit(lambda: _send_survey_email(survey, raw_token))
    return survey


def _send_survey_email(survey: PartnerSurvey, raw_token: str) -> None:
    with translation.override(survey.language):
        path = reverse("partners:survey", kwargs={"token": raw_token})
    send_templated_mail(
        to=survey.email,
        template="emails/partner_survey",
        context={
            "survey": survey,
            "organisation": survey.organisation,
            "university": survey.organisation.university,
            "survey_url": f"{settings.SITE_URL}{path}",
        },
        language=survey.language,
    )


def find_survey(raw_token: str) -> PartnerSurvey:
    """The survey behind a link, or SurveyError (code unknown, answered or expired)."""
    survey = (
        PartnerSurvey.objects.with_scopes_disabled()
        .select_related("organisation", "university", "agreement")
        .filter(token_hash=hash_secret(raw_token))
        .first()
    )
    if survey is None:
        raise SurveyError(
            _("This survey link is not valid. Check that it was copied whole."), code="unknown"
        )
    if survey.answered_at is not None:
        raise SurveyError(_("This survey has already been answered. Thank you!"), code="answered")
    if survey.expires_at <= timezone.now():
        raise SurveyError(
            _("This survey closed on %(date)s.") % {"date": survey.expires_at.date().isoformat()},
            code="expired",
        )
    return survey


def answer_survey(
    *, raw_token: str, mutual_benefit: int, communication: int, would_work_again: int, comment=""
) -> PartnerSurvey:
    """Record the answers; the row is locked, so a form sent twice at once counts once."""
    with transaction.atomic():
        found = find_survey(raw_token)
        survey = PartnerSurvey.objects.with_scopes_disabled().select_for_update().get(pk=found.pk)
        if survey.answered_at is not None:
            raise SurveyError(
                _("This survey has already been answered. Thank you!"), code="answered"
            )
        survey.mutual_benefit = mutual_benefit
        survey.communication = communication
        survey.would_work_again = would_work_again
        survey.comment = comment.strip()
        survey.answered_at = timezone.now()
        with university_scope(survey.university_id):
            # The sender is bookkeeping: a survey whose sender's account was since removed
            # (sent_by set to NULL) is still answered.
            survey.full_clean(exclude=["sent_by"])
            survey.save()
    return survey


def _answered(organisation: PartnerOrganisation):
    return PartnerSurvey.objects.with_scopes_disabled().filter(
        organisation=organisation, answered_at__isnull=False
    )


def survey_summary(organisation: PartnerOrganisation) -> dict:
    """How the partner rates the partnership: the count of answers and each score's average.

    Averages are None while nobody has answered. Staff-only reading: show it where
    `user.has_perm("partners.view_partnersurvey", organisation)`.
    """
    totals = _answered(organisation).aggregate(
        count=Count("pk"), **{name: Avg(name) for name in SCORES}
    )
    averages = [totals[name] for name in SCORES if totals[name] is not None]
    return {
        "count": totals["count"],
        **{name: _rounded(totals[name]) for name in SCORES},
        "overall": _rounded(sum(averages) / len(averages)) if averages else None,
    }


def _rounded(value) -> float | None:
    return None if value is None else round(float(value), 1)


def survey_activities(organisation: PartnerOrganisation, viewer: Viewer) -> list[Activity]:
    """Answered surveys, for the partnership view; staff of the university only."""
    if not (viewer.is_network_admin or organisation.university_id in viewer.staff_university_ids):
        return []
    activities = []
    for survey in _answered(organisation).order_by("-answered_at"):
        average = sum(getattr(survey, name) for name in SCORES) / len(SCORES)
        activities.append(
            Activity(
                on=timezone.localdate(survey.answered_at),
                title=_("Survey answered: average score %(score).1f of 5") % {"score": average},
                url=reverse("partners:survey_send", kwargs={"public_id": organisation.public_id}),
                kind=gettext_lazy("Reciprocity survey"),
            )
        )
    return activities


register_activity_source(
    ActivitySource("surveys", gettext_lazy("Partner surveys"), survey_activities, 50)
)
