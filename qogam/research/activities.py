"""The research app's part of a partner's page: the studies it commissioned."""

from django.utils.translation import gettext_lazy as _

from qogam.core.partnership import ActivitySource, register_activity_source
from qogam.research.queries import study_activities

register_activity_source(
    ActivitySource("research", _("Commissioned studies"), study_activities, 50)
)
