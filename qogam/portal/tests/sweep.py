"""The portal's URLs for the cross-tenant sweep (core/tests/test_tenant_sweep.py).

The portal shows only public records, to everyone: its URLs name a university by its slug
or a public record, so none is listed as one of A's private records (None); that nothing
private reaches the portal is proven by the portal's own tests (test_pages*.py, whose
"private record gets 404" tests cover these pages, and the leak test).
"""

RECORD_URLS: dict = {
    # The pages of a university's public site (views/university.py, search.py, records.py).
    "portal:university": None,
    "portal:university_card": None,
    "portal:university_search": None,
    "portal:sdg": None,
    "portal:projects": None,
    "portal:project": None,
    "portal:project_card": None,
    "portal:needs": None,
    "portal:need": None,
    "portal:need_card": None,
    "portal:opportunities": None,
    "portal:opportunity": None,
    "portal:partners": None,
    "portal:studies": None,
    "portal:study": None,
    "portal:indicators": None,
    "portal:indicator_chart": None,
    "portal:map": None,
    "portal:photo": None,
    # What the portal gives to other sites (views/sharing.py): public records only, too.
    "portal:feed_atom": None,
    "portal:feed_rss": None,
    "portal:answered_feed_atom": None,
    "portal:answered_feed_rss": None,
    "portal:widget": None,
    "portal:widget_code": None,
}


def admin_records(world) -> dict:
    """The portal registers no model in the admin: it only reads other apps' records."""
    return {}
