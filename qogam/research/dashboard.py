"""Home panel: the science-shop topics a student has taken or a supervisor supervises."""

from qogam.core.dashboards import Panel, register_panel
from qogam.research.enums import QuestionStatus
from qogam.research.models import QuestionTaker
from qogam.research.queries import topics_of

PANEL_ITEMS = 8


def _my_topics(request):
    user = request.user
    if not user.is_authenticated:
        return None
    topics = list(topics_of(user).exclude(status=QuestionStatus.WITHDRAWN)[:PANEL_ITEMS])
    if not topics:
        return None
    waiting = list(
        QuestionTaker.objects.with_scopes_disabled()
        .filter(question__supervisor=user, confirmed_at__isnull=True)
        .exclude(question__status__in=[QuestionStatus.COMPLETED, QuestionStatus.WITHDRAWN])
        .select_related("question", "student")
        .order_by("created_at")[:PANEL_ITEMS]
    )
    return {"topics": topics, "waiting": waiting}


register_panel(Panel("research-topics", "research/panels/my_topics.html", _my_topics, 35))
