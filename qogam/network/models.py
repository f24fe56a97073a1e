"""The network of universities: who is a member and what it shares, good practices and their
adoption, joint projects, and conferences whose resolutions recommend, with each member's
response."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import Visibility
from qogam.core.models import PublicIdModel, TenantModel, TimestampedModel, VisibleTenantModel
from qogam.needs.validators import validate_sdgs
from qogam.network import rules as network_rules
from qogam.network.enums import MembershipStatus, ParticipantRole, ResponseStatus
from qogam.projects.validators import validate_components

# --- Members and consent ----------------------------------------------------------------------


class NetworkMembership(TenantModel):
    """A university's place in the network and what it consents to show the other members.

    Which indicators a member shares is its IndicatorVisibility (network or public); whether
    the others see its name beside its values, or "University C", is `named_in_benchmarks`.
    """

    network = models.ForeignKey(
        "organisations.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MembershipStatus.choices,
        default=MembershipStatus.REQUESTED,
        db_index=True,
    )
    named_in_benchmarks = models.BooleanField(
        _("show our name in benchmarks"),
        default=True,
        help_text=_("Otherwise the other members see our shared values under a letter."),
    )
    message = models.TextField(_("message"), blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["university__slug"]
        constraints = [
            models.UniqueConstraint(fields=["university"], name="network_membership_unique"),
        ]
        rules_permissions = network_rules.MEMBERSHIP_RULES

    def __str__(self) -> str:
        return f"{self.university} · {self.get_status_display()}"


class NetworkPack(TimestampedModel):
    """A shipped indicator pack the network recommends its members to switch on, so that
    they measure the same things the same way and can be compared."""

    pack = models.OneToOneField(
        "indicators.Pack",
        verbose_name=_("indicator pack"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    note = models.TextField(_("why the network recommends it"), blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chosen by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("shared pack of the network")
        verbose_name_plural = _("shared packs of the network")
        ordering = ["pack__code"]
        rules_permissions = network_rules.NETWORK_RULES

    def __str__(self) -> str:
        return str(self.pack)

    def get_additional_data(self) -> dict:
        return {"university_id": None}


# --- Good practices -------------------------------------------------------------------------


class GoodPractice(VisibleTenantModel):
    """A practice a member publishes from its projects for others to learn from and adopt."""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("what it is"))
    audience = models.TextField(_("for whom"), blank=True)
    results = models.TextField(_("results"), blank=True)
    # Who to ask; shown to the network's members, never on the public portal.
    contact = models.TextField(_("contact"), blank=True)
    theme = models.CharField(_("theme"), max_length=120, blank=True)
    sdgs = models.JSONField(
        _("Sustainable Development Goals"), default=list, blank=True, validators=[validate_sdgs]
    )
    components = models.JSONField(
        _("components of the University model 4.0"),
        default=list,
        blank=True,
        validators=[validate_components],
    )
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects it comes from"), blank=True, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-created_at", "pk"]
        rules_permissions = network_rules.MEMBER_RECORD_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:practice", kwargs={"public_id": self.public_id})


class PracticeAdoption(TenantModel):
    """A member took up another member's practice, with its own project carrying it: the
    spread of a practice across the network."""

    practice = models.ForeignKey(
        GoodPractice,
        verbose_name=_("good practice"),
        on_delete=models.CASCADE,
        related_name="adoptions",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("our project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("how we adopted it"), blank=True)
    adopted_on = models.DateField(_("adopted on"))
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("adoption of a practice")
        verbose_name_plural = _("adoptions of practices")
        ordering = ["-adopted_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "university"], name="practice_adoption_unique"
            ),
        ]
        rules_permissions = network_rules.MEMBER_RECORD_RULES

    def __str__(self) -> str:
        return f"{self.practice} · {self.university}"


# --- Joint projects -------------------------------------------------------------------------


class JointProject(TimestampedModel, PublicIdModel):
    """A project of several member universities; each contributes its part (its own project)."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    lead_university = models.ForeignKey(
        "organisations.University",
        verbose_name=_("lead university"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=16,
        # A joint project is the network's: shown to its members, or to everyone.
        choices=[
            (Visibility.NETWORK.value, Visibility.NETWORK.label),
            (Visibility.PUBLIC.value, Visibility.PUBLIC.label),
        ],
        default=Visibility.NETWORK,
    )
    sdgs = models.JSONField(
        _("Sustainable Development Goals"), default=list, blank=True, validators=[validate_sdgs]
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        ordering = ["-created_at", "pk"]
        rules_permissions = network_rules.JOINT_PROJECT_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:joint_project", kwargs={"public_id": self.public_id})

    def get_additional_data(self) -> dict:
        return {"university_id": self.lead_university_id}


class JointProjectPart(TenantModel):
    """One member's part of a joint project: what it contributes, through which of its own
    projects. Each member writes only its own part."""

    joint = models.ForeignKey(
        JointProject,
        verbose_name=_("joint project"),
        on_delete=models.CASCADE,
        related_name="parts",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("our project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contribution = models.TextField(_("our contribution"), blank=True)

    class Meta:
        verbose_name = _("part of a joint project")
        verbose_name_plural = _("parts of joint projects")
        ordering = ["joint", "university__slug"]
        constraints = [
            models.UniqueConstraint(fields=["joint", "university"], name="joint_part_unique"),
        ]
        rules_permissions = network_rules.MEMBER_RECORD_RULES

    def __str__(self) -> str:
        return f"{self.joint} · {self.university}"


# --- Conferences, resolutions and recommendations -------------------------------------------


class Conference(TimestampedModel, PublicIdModel):
    """A network event (a plenary, sections, participants from members) that may adopt a
    resolution."""

    network = models.ForeignKey(
        "organisations.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    host_university = models.ForeignKey(
        "organisations.University",
        verbose_name=_("host university"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the network's public portal.")
    )

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="conference_ends_after_start"
            ),
        ]
        rules_permissions = network_rules.NETWORK_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:conference", kwargs={"public_id": self.public_id})

    def get_additional_data(self) -> dict:
        return {"university_id": None}


class ConferenceSection(models.Model):
    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(_("title"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("conference section")
        verbose_name_plural = _("conference sections")
        ordering = ["conference", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class ConferenceParticipant(models.Model):
    """A person at a conference, from a member university or from outside the network."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    university = models.ForeignKey(
        "organisations.University",
        verbose_name=_("university"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, help_text=_("When not a member university.")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"),
        max_length=12,
        choices=ParticipantRole.choices,
        default=ParticipantRole.PARTICIPANT,
    )
    section = models.ForeignKey(
        ConferenceSection,
        verbose_name=_("section"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
    )

    class Meta:
        verbose_name = _("conference participant")
        verbose_name_plural = _("conference participants")
        ordering = ["conference", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class Resolution(TimestampedModel, PublicIdModel):
    """What a conference adopted: a preamble and a list of recommendations to members."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="resolutions",
    )
    title = models.CharField(_("title"), max_length=300)
    preamble = models.TextField(_("preamble"), blank=True)
    adopted_on = models.DateField(_("adopted on"))

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ["-adopted_on", "pk"]
        rules_permissions = network_rules.NETWORK_RULES

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:resolution", kwargs={"public_id": self.public_id})

    def get_additional_data(self) -> dict:
        return {"university_id": None}


class Recommendation(TimestampedModel, PublicIdModel):
    resolution = models.ForeignKey(
        Resolution,
        verbose_name=_("resolution"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"))

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["resolution", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["resolution", "number"], name="recommendation_number_unique"
            ),
        ]
        rules_permissions = network_rules.NETWORK_RULES

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"

    def get_additional_data(self) -> dict:
        return {"university_id": None}


class RecommendationResponse(TenantModel):
    """A member's response to a recommendation, with the strategy measures and projects that
    carry it out."""

    recommendation = models.ForeignKey(
        Recommendation,
        verbose_name=_("recommendation"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    status = models.CharField(_("status"), max_length=16, choices=ResponseStatus.choices)
    note = models.TextField(_("what we do"), blank=True)
    measures = models.ManyToManyField(
        "strategy.Measure", verbose_name=_("strategy measures"), blank=True, related_name="+"
    )
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects"), blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("response to a recommendation")
        verbose_name_plural = _("responses to recommendations")
        ordering = ["recommendation", "university__slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "university"], name="recommendation_response_unique"
            ),
        ]
        rules_permissions = network_rules.MEMBER_RECORD_RULES

    def __str__(self) -> str:
        return f"{self.recommendation} · {self.university}"
