from django.db import models
from django.utils.translation import gettext_lazy as _


class StudyStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class OutputKind(models.TextChoices):
    REPORT = "report", _("Report")
    ARTICLE = "article", _("Article")
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    THESIS = "thesis", _("Thesis")
    DATASET = "dataset", _("Dataset")
    OTHER = "other", _("Other output")


class Uptake(models.TextChoices):
    """Whether the study's recommendations were taken up by those they were made to."""

    UNKNOWN = "unknown", _("Not yet known")
    TAKEN_UP = "taken_up", _("Taken up")
    PARTLY = "partly", _("Partly taken up")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


class QuestionKind(models.TextChoices):
    RESEARCH_QUESTION = "research_question", _("Research question")
    BACHELOR_THESIS = "bachelor_thesis", _("Bachelor's thesis")
    MASTER_THESIS = "master_thesis", _("Master's thesis")
    COURSE_PROJECT = "course_project", _("Course project")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    TAKEN = "taken", _("Taken")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Statuses shown beside the need they came from (a withdrawn topic is not).
SHOWN_WITH_NEED = (QuestionStatus.OPEN, QuestionStatus.TAKEN, QuestionStatus.COMPLETED)
# A student may join a topic while it is still being worked on.
JOINABLE = (QuestionStatus.OPEN, QuestionStatus.TAKEN)
