"""The partners app's own contribution to the partnership view: its agreements."""

from django.utils.translation import gettext_lazy as _

from qogam.core.partnership import ActivitySource, register_activity_source
from qogam.partners.queries import agreement_activities

register_activity_source(ActivitySource("agreements", _("Agreements"), agreement_activities, 10))
