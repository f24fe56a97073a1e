from django.db import models
from django.utils.translation import gettext_lazy as _


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for sign-ups")
    CLOSED = "closed", _("Closed")


class SignUpStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


# A sign-up holding a place or a place in the queue; one such per student and shift.
ACTIVE_STATUSES = (SignUpStatus.CONFIRMED, SignUpStatus.WAITLISTED)


class Attendance(models.TextChoices):
    """What the coordinator recorded for a confirmed volunteer after the shift."""

    UNKNOWN = "", _("Not recorded")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Did not come")


class HoursStatus(models.TextChoices):
    LOGGED = "logged", _("Awaiting verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


class HoursSource(models.TextChoices):
    STUDENT = "student", _("Logged by the student")
    ATTENDANCE = "attendance", _("Recorded with attendance")
    IMPORT = "import", _("Imported from a spreadsheet")


class ProgrammeLevel(models.TextChoices):
    BACHELOR = "bachelor", _("Bachelor's")
    MASTER = "master", _("Master's")
    DOCTORATE = "doctorate", _("Doctoral")


class CertificateScope(models.TextChoices):
    OPPORTUNITY = "opportunity", _("One opportunity")
    YEAR = "year", _("An academic year")
