from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail each notice at once")
    DAILY = "daily", _("One e-mail a day with all notices")
    WEEKLY = "weekly", _("One e-mail a week with all notices")
    OFF = "off", _("No e-mail; notices only in Qogam")
