"""The last places: 200 students sign up at once for a 25-place shift.

Each thread has its own database connection (Django's connections are per thread) and calls
the service for a different student; the lock taken by `_lock_shift` must give out exactly 25
places and queue the other 175, losing and doubling none. Runs on SQLite and PostgreSQL.
"""

import threading

import pytest
from django.db import connection, connections

from qogam.accounts.models import Membership, User
from qogam.core.enums import Role
from qogam.core.tenancy import all_universities
from qogam.core.tests.sqlite_file import rerun_on_a_sqlite_file
from qogam.volunteering import services
from qogam.volunteering.models import SignUp
from qogam.volunteering.tests.records import make_opportunity, make_shift

STUDENTS = 200
PLACES = 25


def _connections_allowed() -> int:
    if connection.vendor != "postgresql":
        return STUDENTS
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        return max(min(STUDENTS, int(cursor.fetchone()[0]) // 2), 2)


def _students(world) -> list[User]:
    users = User.objects.bulk_create(
        [
            User(email=f"student{n}@example.kz", full_name=f"Student {n}", language="en")
            for n in range(STUDENTS)
        ]
    )
    if not all(u.pk for u in users):  # backends that do not return ids on bulk insert
        users = list(User.objects.filter(email__startswith="student").order_by("pk"))
    with all_universities():
        Membership.objects.bulk_create(
            [Membership(user=u, university=world["a"], role=Role.STUDENT) for u in users]
        )
    return users


@pytest.mark.django_db(transaction=True)
def test_concurrent_sign_ups_never_overbook(world, tmp_path):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        rerun_on_a_sqlite_file(__file__, "test_concurrent_sign_ups_never_overbook", tmp_path)
        return
    shift = make_shift(world, make_opportunity(world), capacity=PLACES, in_hours=48)
    students = _students(world)
    barrier = threading.Barrier(STUDENTS)
    # PostgreSQL refuses connections past max_connections (100 by default): all 200 threads
    # start together, but at most half that many hold a connection at any moment.
    at_once = threading.BoundedSemaphore(_connections_allowed())
    errors: list[BaseException] = []
    results: list[str] = []
    lock = threading.Lock()

    def sign_up(student):
        try:
            barrier.wait(timeout=60)
            with at_once:
                try:
                    record = services.sign_up(student=student, shift=shift)
                finally:
                    connections.close_all()
            with lock:
                results.append(record.status)
        except BaseException as exc:
            with lock:
                errors.append(exc)

    threads = [threading.Thread(target=sign_up, args=(s,)) for s in students]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert errors == []
    assert sorted(results).count("confirmed") == PLACES
    assert sorted(results).count("waitlisted") == STUDENTS - PLACES
    with all_universities():
        rows = list(SignUp.objects.filter(shift=shift).values_list("student_id", "status"))
    assert len(rows) == STUDENTS
    assert len({student for student, _status in rows}) == STUDENTS
    assert [status for _s, status in rows].count("confirmed") == PLACES
    assert [status for _s, status in rows].count("waitlisted") == STUDENTS - PLACES
