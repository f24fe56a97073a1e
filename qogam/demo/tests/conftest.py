from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The default demo, built once for a module and rolled back after its last test.

    Building it takes seconds; tests that only read it share one build instead of one each.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", force=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
