"""POST /api/v1/sdg/tag: SDG suggestions for a text, for signed-in staff."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Router, Schema

from qogam.core.api_auth import signed_in
from qogam.sdg.tagger import tag

router = Router(tags=["sdg"])

# A generous bound on the request body; the tagger itself reads at most its own limit.
MAX_TEXT = 1_000_000


class TagIn(Schema):
    text: str


class GoalOut(Schema):
    goal: int
    score: float


class TargetOut(Schema):
    target: str
    goal: int
    score: float


class TagOut(Schema):
    language: str
    goals: list[GoalOut]
    targets: list[TargetOut]
    evidence: dict
    no_sdg: bool
    notes: list[str]


@router.post("/sdg/tag", response=TagOut, auth=signed_in)
def tag_text(request, payload: TagIn):
    if not request.user.has_perm("sdg.use_tagger"):
        raise PermissionDenied(_("SDG suggestions are for staff of a university."))
    return tag(payload.text[:MAX_TEXT])
