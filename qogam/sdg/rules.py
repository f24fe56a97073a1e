import rules

from qogam.core.enums import Role
from qogam.core.visibility import viewer_of

# Who starts bulk tagging runs and decides their suggestions for a university.
TAGGING_ROLES = (Role.UNIVERSITY_ADMIN, Role.OFFICE)


@rules.predicate
def is_staff_somewhere(user) -> bool:
    viewer = viewer_of(user)
    return viewer.is_network_admin or bool(viewer.staff_university_ids)


rules.add_perm("sdg.use_tagger", is_staff_somewhere)


# The SDG profile holds a university's private records too: its staff read it; the network's
# administrators choose any university. Without a university (the navigation), any staff.
@rules.predicate
def is_network_admin(user) -> bool:
    return viewer_of(user).is_network_admin


@rules.predicate
def is_staff_of_university(user, university) -> bool:
    return university is not None and university.pk in viewer_of(user).staff_university_ids


@rules.predicate
def no_university(user, university) -> bool:
    return university is None


rules.add_perm(
    "sdg.view_profile",
    is_network_admin | is_staff_of_university | (is_staff_somewhere & no_university),
)


@rules.predicate
def runs_tagging_of(user, record) -> bool:
    """The office or an administrator of the record's university (a University itself, a
    TaggingRun or a RecordGoal), or of any university when there is no record."""
    viewer = viewer_of(user)
    if record is None:
        return bool(viewer.university_ids_with(*TAGGING_ROLES))
    university_id = getattr(record, "university_id", None)
    if university_id is None and record._meta.label == "organisations.University":
        university_id = record.pk
    return university_id is not None and viewer.has_role(university_id, *TAGGING_ROLES)


rules.add_perm("sdg.run_tagging", runs_tagging_of)


# Who set a record's goals, and when, is for the staff of the record's own university; others
# (the portal, partners, other universities) see the goals alone.
@rules.predicate
def is_staff_of_record_university(user, record) -> bool:
    university_id = getattr(record, "university_id", None)
    return university_id is not None and university_id in viewer_of(user).staff_university_ids


rules.add_perm("sdg.view_goal_history", is_staff_of_record_university)
