"""The councils' contribution to a partner's page: meetings its people sat on."""

from django.utils.translation import gettext_lazy as _

from qogam.core.partnership import ActivitySource, register_activity_source
from qogam.councils.queries import meeting_activities

register_activity_source(
    ActivitySource("council-meetings", _("Council meetings"), meeting_activities, 40)
)
