from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may read a record, beyond the roles of its own university."""

    PRIVATE = "private", _("Private: staff of its university")
    NETWORK = "network", _("Network: members of the network")
    PUBLIC = "public", _("Public: everyone")


class Role(models.TextChoices):
    """The roles a Membership grants. The public holds no membership at all."""

    NETWORK_ADMIN = "network_admin", _("Network administrator")
    UNIVERSITY_ADMIN = "university_admin", _("University administrator")
    OFFICE = "office", _("Third-mission office")
    UNIT_COORDINATOR = "unit_coordinator", _("Unit coordinator")
    STAFF = "staff", _("Staff member")
    STUDENT = "student", _("Student")
    PARTNER = "partner", _("Partner representative")


# Roles that make a person "staff of the university": they read its private records.
STAFF_ROLES = frozenset({Role.UNIVERSITY_ADMIN, Role.OFFICE, Role.UNIT_COORDINATOR, Role.STAFF})
# Roles that make a person a member of the network: they read `network` records.
NETWORK_MEMBER_ROLES = STAFF_ROLES | {Role.STUDENT}


class Component(models.TextChoices):
    """The four components of the University model 4.0 that classify the third mission.

    Projects, strategy measures and indicators are each tied to one or more of them.
    """

    EDUCATIONAL = "educational", _("Educational")
    RESEARCH = "research", _("Research")
    INNOVATION = "innovation", _("Innovation and entrepreneurship")
    SPIRITUAL_MORAL = "spiritual_moral", _("Spiritual and moral")
