"""The portal's tests run with its page cache on (the test settings turn it off for the rest
of the suite), from an empty cache: a page kept by an earlier test, whose rows were rolled
back without a signal, must not answer a later one."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def portal_cache_on(settings):
    settings.PORTAL_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()
