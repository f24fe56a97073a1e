"""Indicator definitions, packs, targets, entered values, snapshots and self-assessments.

Definitions and packs shipped with Qogam belong to no university (`university` empty) and are
shared by the whole network, so members compare like with like; a university may add its own
definitions and packs. Everything a university records about its indicators (which packs it
uses, targets, entered values, snapshots, self-assessments) is a tenant record.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from qogam.core.enums import Visibility
from qogam.core.i18n import fallback_order
from qogam.core.models import PublicIdModel, TenantModel, TimestampedModel, foreign_link_errors
from qogam.indicators import rules as indicator_rules
from qogam.indicators.enums import (
    AssessmentStatus,
    Direction,
    IndicatorUnit,
    Method,
    PeriodType,
    ValueStatus,
)

UNIT_LINK = ("organisations.Unit", _("The unit belongs to another university."))


class SharedOrOwnQuerySet(models.QuerySet):
    def available_to(self, university_ids) -> "SharedOrOwnQuerySet":
        """Shipped records and those of these universities."""
        return self.filter(Q(university__isnull=True) | Q(university_id__in=list(university_ids)))


class Indicator(TimestampedModel, PublicIdModel):
    """What is measured and how: a code, names, a unit, a direction and a method."""

    university = models.ForeignKey(
        "organisations.University",
        verbose_name=_("university"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for the definitions shipped with Qogam and shared by the network."),
    )
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit of measure"), max_length=16, choices=IndicatorUnit.choices)
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    components = models.JSONField(_("Model 4.0 components"), default=list, blank=True)
    sdgs = models.JSONField(_("Sustainable Development Goals"), default=list, blank=True)
    # Items of frameworks this indicator answers, e.g. ["THE 17.2.5", "ENU-4", "E3M SE4"].
    frameworks = models.JSONField(_("frameworks"), default=list, blank=True)
    period_type = models.CharField(
        _("period"), max_length=16, choices=PeriodType.choices, default=PeriodType.ACADEMIC_YEAR
    )
    method = models.CharField(_("method"), max_length=12, choices=Method.choices)
    # Computed: a measure key from qogam.core.measures, its filters ({"kind": ["outreach"]}),
    # and for a share or ratio a second measure; value = measure / denominator × scale.
    measure = models.CharField(_("measure"), max_length=100, blank=True)
    measure_filters = models.JSONField(_("measure filters"), default=dict, blank=True)
    denominator = models.CharField(_("denominator measure"), max_length=100, blank=True)
    denominator_filters = models.JSONField(_("denominator filters"), default=dict, blank=True)
    scale = models.DecimalField(
        _("multiplier"),
        max_digits=8,
        decimal_places=2,
        default=1,
        help_text=_("100 for a percentage; 1 for a plain count or ratio."),
    )
    # Evidence items: the options a university may tick ([{"key": …, "label": {"en": …}}])
    # and whether the answer is a plain yes/no ("yes_no") or one level ("level").
    options = models.JSONField(_("options"), default=list, blank=True)
    answer_kind = models.CharField(_("answer"), max_length=12, blank=True)
    # Codes of computed indicators whose records are offered as evidence for this item.
    suggested_from = models.JSONField(_("evidence suggested from"), default=list, blank=True)
    # Self-assessments: the rubric key ("kef-pce", "tefce") and, for one aspect, its key.
    rubric = models.CharField(_("rubric"), max_length=32, blank=True)
    rubric_item = models.CharField(_("rubric aspect"), max_length=64, blank=True)

    objects = SharedOrOwnQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(university__isnull=True),
                name="indicator_shipped_code_unique",
                violation_error_message=_("An indicator with this code is already shipped."),
            ),
            models.UniqueConstraint(
                fields=["university", "code"],
                condition=Q(university__isnull=False),
                name="indicator_own_code_unique",
                violation_error_message=_(
                    "The university already has an indicator with this code."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(method=Method.COMPUTED) | ~Q(measure=""),
                name="indicator_computed_has_measure",
                violation_error_message=_("A computed indicator needs a measure."),
            ),
        ]
        rules_permissions = indicator_rules.INDICATOR_RULES

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:indicator", kwargs={"public_id": self.public_id})

    @property
    def is_shipped(self) -> bool:
        return self.university_id is None

    @property
    def is_ratio(self) -> bool:
        return bool(self.denominator)

    def clean(self) -> None:
        # The measures exist only once the apps are loaded, so the check sits here and in
        # the services, not in a field validator.
        from qogam.indicators.validators import indicator_errors  # noqa: PLC0415

        super().clean()
        errors = indicator_errors(self)
        if errors:
            raise ValidationError(errors)


class Pack(TimestampedModel, PublicIdModel):
    """A ready set of indicators, from a framework (THE Impact, KEF) or a university's own."""

    university = models.ForeignKey(
        "organisations.University",
        verbose_name=_("university"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty for the packs shipped with Qogam."),
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Where the pack's framework comes from and under which licence its text is used.
    source_note = models.TextField(_("source and licence"), blank=True)
    is_default = models.BooleanField(
        _("default"), default=False, help_text=_("Switched on for every new university.")
    )
    # The names of the pack's sections, by the code its entries carry:
    # {"ENU-1": {"kk": "...", "ru": "...", "en": "..."}}.
    sections = models.JSONField(_("section names"), default=dict, blank=True)
    indicators = models.ManyToManyField(
        Indicator, through="PackEntry", related_name="packs", verbose_name=_("indicators")
    )

    objects = SharedOrOwnQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator pack")
        verbose_name_plural = _("indicator packs")
        ordering = ["-is_default", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(university__isnull=True),
                name="pack_shipped_code_unique",
            ),
            models.UniqueConstraint(
                fields=["university", "code"],
                condition=Q(university__isnull=False),
                name="pack_own_code_unique",
            ),
        ]
        rules_permissions = indicator_rules.PACK_RULES

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:pack", kwargs={"code": self.code})

    def section_title(self, code: str, language: str | None = None) -> str:
        """A section's heading: its code and its name in the reader's language (or the
        first filled fallback); the bare code when the pack names none."""
        names = (self.sections or {}).get(code) or {}
        name = next((names[lang] for lang in fallback_order(language) if names.get(lang)), "")
        return f"{code} · {name}" if code and name else code or name


class PackEntry(models.Model):
    """An indicator in a pack, with where the pack takes it from (a framework's item)."""

    pack = models.ForeignKey(Pack, on_delete=models.CASCADE, related_name="entries")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="entries")
    section = models.CharField(_("section"), max_length=120, blank=True)
    source_note = models.TextField(_("source"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("pack entry")
        verbose_name_plural = _("pack entries")
        ordering = ["pack", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pack", "indicator"], name="pack_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.pack} · {self.indicator}"


class PackActivation(TenantModel):
    """A pack a university has switched on: its indicators show on the dashboard."""

    pack = models.ForeignKey(
        Pack, verbose_name=_("pack"), on_delete=models.CASCADE, related_name="activations"
    )
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("switched on by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pack in use")
        verbose_name_plural = _("packs in use")
        ordering = ["university", "pack"]
        constraints = [
            models.UniqueConstraint(fields=["university", "pack"], name="pack_activation_unique"),
        ]
        rules_permissions = indicator_rules.TENANT_RULES

    def __str__(self) -> str:
        return f"{self.university} · {self.pack}"


class IndicatorVisibility(TenantModel):
    """Who may read a university's values of an indicator: its staff (the default), the
    network's members (benchmarks) or everyone (open data on the portal)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PRIVATE
    )

    class Meta:
        verbose_name = _("published indicator")
        verbose_name_plural = _("published indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["university", "indicator"], name="indicator_visibility_unique"
            ),
        ]
        rules_permissions = indicator_rules.TENANT_RULES

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.get_visibility_display()}"


class Target(TenantModel):
    """The value a university, or one of its units, aims for in a period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for the whole university."),
    )
    period = models.CharField(_("period"), max_length=12)
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["university", "indicator", "period"],
                condition=Q(unit__isnull=True),
                name="target_unique_university",
                violation_error_message=_("This indicator already has a target for the period."),
            ),
            models.UniqueConstraint(
                fields=["university", "indicator", "unit", "period"],
                condition=Q(unit__isnull=False),
                name="target_unique_unit",
                violation_error_message=_(
                    "This indicator already has a target for the unit and period."
                ),
            ),
        ]
        rules_permissions = indicator_rules.TARGET_RULES

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.period} · {self.value}"

    def clean(self) -> None:
        super().clean()
        errors = foreign_link_errors(self, {"unit": UNIT_LINK})
        if errors:
            raise ValidationError(errors)


class ManualValue(TenantModel):
    """A value a unit enters for a period, with evidence, approved by the third-mission
    office; for an evidence item, the answer and the options ticked."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for the whole university."),
    )
    period = models.CharField(_("period"), max_length=12)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=40, blank=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ValueStatus.choices, default=ValueStatus.DRAFT
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)

    class Meta:
        verbose_name = _("entered value")
        verbose_name_plural = _("entered values")
        ordering = ["indicator", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["university", "indicator", "period"],
                condition=Q(unit__isnull=True),
                name="manual_value_unique_university",
                violation_error_message=_("A value for this indicator and period exists already."),
            ),
            models.UniqueConstraint(
                fields=["university", "indicator", "unit", "period"],
                condition=Q(unit__isnull=False),
                name="manual_value_unique_unit",
                violation_error_message=_(
                    "A value for this indicator, unit and period exists already."
                ),
            ),
        ]
        rules_permissions = indicator_rules.MANUAL_VALUE_RULES

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:manual_value", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        errors = foreign_link_errors(self, {"unit": UNIT_LINK})
        if errors:
            raise ValidationError(errors)


class ValueEvidence(TenantModel):
    """A document or link that backs an entered value or an evidence item. Rankings give
    credit for evidence anyone can open, so whether the link is public is recorded."""

    value = models.ForeignKey(
        ManualValue, verbose_name=_("value"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)
    is_public = models.BooleanField(
        _("public link"), default=False, help_text=_("Anyone can open the link.")
    )
    file = models.FileField(_("file"), upload_to="indicators/evidence/%Y/", blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    on = models.DateField(_("date of the activity or policy"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["value", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file=""),
                name="value_evidence_has_link_or_file",
                violation_error_message=_("Evidence needs a link or a file."),
            ),
        ]
        rules_permissions = indicator_rules.EVIDENCE_RULES

    def __str__(self) -> str:
        return self.title


class Snapshot(TenantModel):
    """The values of a period frozen when they were reported, so later edits of the records
    do not silently change a reported figure."""

    title = models.CharField(_("title"), max_length=200)
    period_type = models.CharField(_("period"), max_length=16, choices=PeriodType.choices)
    period = models.CharField(_("period"), max_length=12)
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-created_at", "pk"]
        rules_permissions = indicator_rules.SNAPSHOT_RULES

    def __str__(self) -> str:
        return f"{self.title} · {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:snapshot", kwargs={"public_id": self.public_id})


class SnapshotValue(TenantModel):
    snapshot = models.ForeignKey(
        Snapshot, verbose_name=_("snapshot"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+"
    )
    # The period of this indicator's own type that the snapshot froze.
    period = models.CharField(_("period"), max_length=12)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True)
    numerator = models.DecimalField(_("numerator"), max_digits=18, decimal_places=4, null=True)
    denominator = models.DecimalField(_("denominator"), max_digits=18, decimal_places=4, null=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True)

    class Meta:
        verbose_name = _("snapshot value")
        verbose_name_plural = _("snapshot values")
        ordering = ["snapshot", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "indicator"], name="snapshot_value_unique"),
        ]
        rules_permissions = indicator_rules.SNAPSHOT_RULES

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.value}"


class SelfAssessment(TenantModel):
    """A rubric (KEF public and community engagement, the TEFCE heat-map) scored for a
    period by a panel, with a narrative; each year's assessment is kept, so the history
    shows."""

    rubric = models.CharField(_("framework"), max_length=32)
    period = models.CharField(_("academic year"), max_length=12)
    unit = models.ForeignKey(
        "organisations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    narrative = models.TextField(_("narrative"), blank=True)
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("panel"), blank=True, related_name="+"
    )
    external_panellists = models.TextField(
        _("panellists from outside"),
        blank=True,
        help_text=_("Partners or community members on the panel, one per line."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agreed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    agreed_at = models.DateTimeField(_("agreed"), null=True, blank=True)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["rubric", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["university", "rubric", "period"],
                condition=Q(unit__isnull=True),
                name="assessment_unique_university",
                violation_error_message=_("This framework is already assessed for the year."),
            ),
            models.UniqueConstraint(
                fields=["university", "rubric", "unit", "period"],
                condition=Q(unit__isnull=False),
                name="assessment_unique_unit",
                violation_error_message=_(
                    "This framework is already assessed for the unit and year."
                ),
            ),
        ]
        rules_permissions = indicator_rules.ASSESSMENT_RULES

    def __str__(self) -> str:
        return f"{self.rubric} · {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("indicators:assessment", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        super().clean()
        errors = foreign_link_errors(self, {"unit": UNIT_LINK})
        if errors:
            raise ValidationError(errors)


class AssessmentScore(TenantModel):
    """One cell of a rubric: an aspect (KEF) or a dimension × criterion (TEFCE), scored 1–5."""

    assessment = models.ForeignKey(
        SelfAssessment,
        verbose_name=_("self-assessment"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    item = models.CharField(_("aspect"), max_length=64)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    narrative = models.TextField(_("narrative"), blank=True)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("Links or records that back the score, one a line.")
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assessment", "item"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="assessment_score_unique"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5),
                name="assessment_score_in_range",
                violation_error_message=_("A score is from 1 to 5."),
            ),
        ]
        rules_permissions = indicator_rules.ASSESSMENT_RULES

    def __str__(self) -> str:
        return f"{self.item}: {self.score}"


__all__ = [
    "AssessmentScore",
    "Indicator",
    "IndicatorVisibility",
    "ManualValue",
    "Pack",
    "PackActivation",
    "PackEntry",
    "SelfAssessment",
    "Snapshot",
    "SnapshotValue",
    "Target",
    "ValueEvidence",
]
