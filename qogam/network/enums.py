from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipStatus(models.TextChoices):
    # The network's administrators invited the university; its administrator accepts.
    INVITED = "invited", _("Invited")
    # The university asked to join; the network's administrators approve.
    REQUESTED = "requested", _("Asked to join")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Declined")
    # A member that left: its shared data stops being shown; nothing of its own is lost.
    LEFT = "left", _("Left the network")


class ResponseStatus(models.TextChoices):
    """A member's answer to a recommendation of the network."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ParticipantRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    PARTICIPANT = "participant", _("Participant")
