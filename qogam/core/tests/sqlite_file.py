"""Threaded tests on SQLite.

Threads cannot share an in-memory SQLite database (its shared cache answers "table is locked"
instead of waiting), so a test that needs several connections at once runs itself again, in a
fresh process, on a database file.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings as django_settings


def rerun_on_a_sqlite_file(test_file: str, test_name: str, folder: Path) -> None:
    """Run `test_file::test_name` in a new pytest process whose test database is a file."""
    with_file = {
        **os.environ,
        "QOGAM_TEST_SQLITE_FILE": str(folder / "threads.sqlite3"),
        # SQLite writers queue one behind another; on a loaded machine the last of many can
        # wait longer than the site's 20 seconds, which would fail the test, not the code.
        "QOGAM_SQLITE_TIMEOUT": "600",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            f"{test_file}::{test_name}",
        ],
        cwd=Path(django_settings.BASE_DIR),
        env=with_file,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout
