from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorUnit(models.TextChoices):
    """What an indicator's number is measured in."""

    COUNT = "count", _("Count")
    PERCENT = "percent", _("Per cent")
    HOURS = "hours", _("Hours")
    TENGE = "tenge", _("Tenge")
    RATIO = "ratio", _("Ratio")
    SCORE = "score", _("Score")
    LEVEL = "level", _("Level")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    NONE = "none", _("No direction")


class PeriodType(models.TextChoices):
    ACADEMIC_YEAR = "academic_year", _("Academic year")
    CALENDAR_YEAR = "calendar_year", _("Calendar year")
    QUARTER = "quarter", _("Quarter")


class Method(models.TextChoices):
    """How an indicator gets its value."""

    # From the records, through a measure a domain app registers (and an optional
    # denominator measure, for a share or a ratio).
    COMPUTED = "computed", _("Computed from the records")
    # A number a unit enters for a period with evidence, approved by the office.
    MANUAL = "manual", _("Entered with evidence")
    # A ranking's evidence item: an answer, options ticked and evidence links, scored
    # existence + evidence + public evidence (0–3), as THE Impact Rankings score them.
    EVIDENCE = "evidence", _("Evidence item")
    # A score from a self-assessment rubric (an aspect, or the mean of all).
    ASSESSMENT = "assessment", _("Self-assessment score")


class ValueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed by the panel")


class TrafficLight(models.TextChoices):
    """How a value stands against its target."""

    GREEN = "green", _("On target")
    AMBER = "amber", _("Close to target")
    RED = "red", _("Behind target")
    NONE = "none", _("No target or no data")
