"""Writes about the network's conferences: the conference, its sections and participants, the
resolution it adopts with its numbered recommendations, and each member's response.

The network's administrators write conferences and resolutions; a member university's office
(or administrator) records its own responses. Every function checks permission, validates the
whole record and writes inside one transaction, so a refused write saves nothing; the audit
trail records each saved row (qogam.core.audit, registered in apps.py).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from qogam.core.i18n import require_translations, translated_field_names
from qogam.core.tenancy import university_scope
from qogam.network.enums import MembershipStatus
from qogam.network.models import (
    Conference,
    ConferenceParticipant,
    ConferenceSection,
    Recommendation,
    RecommendationResponse,
    Resolution,
)
from qogam.network.queries import memberships
from qogam.organisations.models import Network

CONFERENCE_FIELDS = (
    *translated_field_names("title"),
    *translated_field_names("description"),
    "place",
    "starts_on",
    "ends_on",
    "host_university",
    "is_public",
)
SECTION_FIELDS = (*translated_field_names("title"), "order")
PARTICIPANT_FIELDS = ("name", "university", "organisation", "role", "section")
RESOLUTION_FIELDS = (
    *translated_field_names("title"),
    *translated_field_names("preamble"),
    "adopted_on",
)
RECOMMENDATION_FIELDS = ("number", *translated_field_names("text"))


def _apply(record, fields: tuple[str, ...], values: dict) -> None:
    for name in fields:
        if name in values:
            value = values[name]
            setattr(record, name, value.strip() if isinstance(value, str) else value)


def _validate(record, *translated: str, extra: dict | None = None) -> None:
    """full_clean() and the required translations, reported together with `extra` errors."""
    errors: dict = {}
    try:
        record.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    if translated:
        try:
            require_translations(record, *translated)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    for name, message in (extra or {}).items():
        errors.setdefault(name, []).append(message)
    if errors:
        raise ValidationError(errors)


def _check_network_admin(actor, perm: str, record=None) -> None:
    if actor is None or not actor.has_perm(perm, record):
        raise PermissionDenied(_("Only the network's administrators write conferences."))


# --- Conferences -----------------------------------------------------------------------------


def _conference_errors(conference: Conference) -> dict:
    host = conference.host_university
    if host is not None and host.network_id != conference.network_id:
        return {"host_university": _("The host university is not in this network.")}
    return {}


def create_conference(*, actor, values: dict) -> Conference:
    """A new conference of the installation's network."""
    _check_network_admin(actor, "network.add_conference")
    with transaction.atomic():
        conference = Conference(network=Network.objects.get())
        _apply(conference, CONFERENCE_FIELDS, values)
        _validate(conference, "title", extra=_conference_errors(conference))
        conference.save()
    return conference


def update_conference(*, actor, conference: Conference, values: dict) -> Conference:
    _check_network_admin(actor, "network.change_conference", conference)
    with transaction.atomic():
        conference = Conference.objects.select_for_update().get(pk=conference.pk)
        _apply(conference, CONFERENCE_FIELDS, values)
        _validate(conference, "title", extra=_conference_errors(conference))
        conference.save()
    return conference


def add_section(*, actor, conference: Conference, values: dict) -> ConferenceSection:
    """A section of the conference (the plenary is a section too), numbered after the last."""
    _check_network_admin(actor, "network.change_conference", conference)
    with transaction.atomic():
        section = ConferenceSection(conference=conference)
        _apply(section, SECTION_FIELDS, values)
        if not values.get("order"):
            top = conference.sections.aggregate(top=Max("order"))["top"]
            section.order = 0 if top is None else top + 1
        _validate(section, "title")
        section.save()
    return section


def _participant_errors(participant: ConferenceParticipant) -> dict:
    errors = {}
    if participant.university is None and not participant.organisation:
        errors["organisation"] = _(
            "Choose the participant's member university or name the organisation they came from."
        )
    if participant.university is not None and participant.organisation:
        errors["organisation"] = _(
            "A participant comes from a member university or from an outside organisation, "
            "not both."
        )
    network_id = participant.conference.network_id
    if participant.university is not None and participant.university.network_id != network_id:
        errors["university"] = _("The university is not in this network.")
    if participant.section is not None and participant.section.conference_id != (
        participant.conference_id
    ):
        errors["section"] = _("The section belongs to another conference.")
    return errors


def add_participant(*, actor, conference: Conference, values: dict) -> ConferenceParticipant:
    _check_network_admin(actor, "network.change_conference", conference)
    with transaction.atomic():
        participant = ConferenceParticipant(conference=conference)
        _apply(participant, PARTICIPANT_FIELDS, values)
        _validate(participant, extra=_participant_errors(participant))
        participant.save()
    return participant


def remove_participant(*, actor, participant: ConferenceParticipant) -> None:
    _check_network_admin(actor, "network.change_conference", participant.conference)
    with transaction.atomic():
        participant.delete()


# --- Resolutions and recommendations ---------------------------------------------------------


def adopt_resolution(
    *, actor, conference: Conference, values: dict, recommendations: list[dict] | None = None
) -> Resolution:
    """The resolution the conference adopted, with its recommendations numbered from 1 in the
    order given (each a dict of `text_<lang>`). All or nothing: one bad recommendation saves
    none of them."""
    _check_network_admin(actor, "network.add_resolution")
    with transaction.atomic():
        resolution = Resolution(conference=conference)
        _apply(resolution, RESOLUTION_FIELDS, values)
        extra = {}
        if resolution.adopted_on and resolution.adopted_on < conference.starts_on:
            extra["adopted_on"] = _("A resolution is adopted on or after the conference's start.")
        _validate(resolution, "title", extra=extra)
        resolution.save()
        for number, texts in enumerate(recommendations or [], start=1):
            _save_recommendation(Recommendation(resolution=resolution, number=number), texts)
    return resolution


def update_resolution(*, actor, resolution: Resolution, values: dict) -> Resolution:
    _check_network_admin(actor, "network.change_resolution", resolution)
    with transaction.atomic():
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
        _apply(resolution, RESOLUTION_FIELDS, values)
        _validate(resolution, "title")
        resolution.save()
    return resolution


def _save_recommendation(recommendation: Recommendation, values: dict) -> Recommendation:
    _apply(recommendation, RECOMMENDATION_FIELDS, values)
    _validate(recommendation, "text")
    recommendation.save()
    return recommendation


def add_recommendation(*, actor, resolution: Resolution, values: dict) -> Recommendation:
    """A recommendation numbered after the last one unless `values["number"]` says otherwise."""
    _check_network_admin(actor, "network.add_recommendation")
    with transaction.atomic():
        recommendation = Recommendation(resolution=resolution)
        if not values.get("number"):
            top = resolution.recommendations.aggregate(top=Max("number"))["top"] or 0
            values = {**values, "number": top + 1}
        return _save_recommendation(recommendation, values)


def update_recommendation(*, actor, recommendation: Recommendation, values: dict) -> Recommendation:
    _check_network_admin(actor, "network.change_recommendation", recommendation)
    with transaction.atomic():
        recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        return _save_recommendation(recommendation, values)


# --- Members' responses ----------------------------------------------------------------------


def membership_refusal(university) -> str | None:
    """Why `university` may not answer the network's recommendations, or None when it may."""
    status = memberships().filter(university=university).values_list("status", flat=True).first()
    if status == MembershipStatus.ACTIVE:
        return None
    if status == MembershipStatus.LEFT:
        return _(
            "%(university)s has left the network: a recommendation of the network is no longer "
            "its to answer."
        ) % {"university": university}
    return _(
        "%(university)s is not an active member of the network, so the recommendation is "
        "another network's: only active members answer it."
    ) % {"university": university}


def _evidence_errors(university, measures, projects) -> dict:
    errors = {}
    if any(m.university_id != university.pk for m in measures):
        errors["measures"] = _("A strategy measure belongs to another university.")
    if any(p.university_id != university.pk for p in projects):
        errors["projects"] = _("A project belongs to another university.")
    return errors


def record_response(
    *,
    actor,
    recommendation: Recommendation,
    university,
    status: str,
    note: str = "",
    measures=(),
    projects=(),
) -> RecommendationResponse:
    """The university's response to the recommendation, created or updated in place (one per
    member and recommendation), with evidence among its own strategy measures and projects.

    Refused with a ValidationError when the university is not an active member of the
    recommendation's network, or when evidence belongs to another university.
    """
    probe = RecommendationResponse(university=university, recommendation=recommendation)
    if actor is None or not actor.has_perm("network.change_recommendationresponse", probe):
        raise PermissionDenied(_("You may not answer for this university."))
    network_id = recommendation.resolution.conference.network_id
    refusal = membership_refusal(university)
    if refusal is None and university.network_id != network_id:
        refusal = _("The recommendation is another network's.")
    if refusal:
        raise ValidationError({"recommendation": refusal}, code="not_a_member")
    measures, projects = list(measures), list(projects)
    with transaction.atomic(), university_scope(university):
        # The row lock makes two offices saving at once update one response, not race to two.
        response = (
            RecommendationResponse.objects.select_for_update()
            .filter(recommendation=recommendation, university=university)
            .first()
        ) or RecommendationResponse(recommendation=recommendation, university=university)
        response.status = status
        response.note = (note or "").strip()
        response.updated_by = actor
        extra = _evidence_errors(university, measures, projects)
        _validate(response, extra=extra)
        response.save()
        response.measures.set(measures)
        response.projects.set(projects)
    return response
