import rules

from qogam.core.visibility import viewer_of


@rules.predicate
def is_staff_somewhere(user) -> bool:
    viewer = viewer_of(user)
    return viewer.is_network_admin or bool(viewer.staff_university_ids)


rules.add_perm("sdg.use_tagger", is_staff_somewhere)
