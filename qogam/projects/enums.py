from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectKind(models.TextChoices):
    COMMUNITY_SERVICE = "community_service", _("Community service")
    SERVICE_LEARNING = "service_learning", _("Service-learning course")
    VOLUNTEERING = "volunteering", _("Volunteering programme")
    OUTREACH = "outreach", _("Public lecture or school outreach")
    CONSULTING = "consulting", _("Expert and consulting work for an akimat or agency")
    OPEN_EVENT = "open_event", _("Open event")
    CULTURAL = "cultural", _("Cultural or spiritual-moral initiative")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social entrepreneurship")
    LIFELONG_LEARNING = "lifelong_learning", _("Lifelong learning course")
    REGIONAL_RESEARCH = "regional_research", _("Research for the region")
    OTHER = "other", _("Other")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    ORGANISER = "organiser", _("Organiser")
    MEMBER = "member", _("Member")
    MENTOR = "mentor", _("Mentor")
    VOLUNTEER = "volunteer", _("Volunteer")


class FundingSource(models.TextChoices):
    UNIVERSITY = "university", _("University")
    STATE_GRANT = "state_grant", _("State grant")
    AKIMAT = "akimat", _("Akimat")
    SPONSOR = "sponsor", _("Partner or sponsor")
    INTERNATIONAL = "international", _("International grant")
    OTHER = "other", _("Other")
