from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    FACULTY = "faculty", _("Faculty")
    DEPARTMENT = "department", _("Department")
    INSTITUTE = "institute", _("Institute")
    CENTRE = "centre", _("Centre")
    OFFICE = "office", _("Office")
    OTHER = "other", _("Other unit")
