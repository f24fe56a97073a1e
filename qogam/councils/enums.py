from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilKind(models.TextChoices):
    METHODOLOGICAL = "methodological", _("Educational-methodological council")
    EMPLOYERS = "employers", _("Employers' advisory board of a programme")
    ACADEMIC_COMMISSION = "academic_commission", _("Academic council commission")
    SUPERVISORY = "supervisory", _("Public or supervisory board")
    OTHER = "other", _("Other council")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    DEPUTY = "deputy", _("Deputy chair")
    SECRETARY = "secretary", _("Secretary")
    MEMBER = "member", _("Member")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    CONFIRMED = "confirmed", _("Will attend")
    DECLINED = "declined", _("Cannot attend")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


# A decision in one of these states can still become overdue.
PENDING_DECISION_STATES = (DecisionStatus.OPEN, DecisionStatus.IN_PROGRESS)
