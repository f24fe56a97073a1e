"""A university's short address: its form, and the words the portal keeps for itself."""

import pytest
from django.core.exceptions import ValidationError

from qogam.organisations.validators import validate_slug


def test_slug_of_latin_letters_digits_and_hyphens_accepted():
    validate_slug("kaznu-2")


@pytest.mark.parametrize("slug", ["KazNU", "ab", "-kaznu", "қазұу"])
def test_slug_badly_formed_refused(slug):
    with pytest.raises(ValidationError) as error:
        validate_slug(slug)
    assert error.value.code == "invalid_slug"


@pytest.mark.parametrize("slug", ["network", "search"])
def test_slug_the_portal_uses_refused_naming_it(slug):
    with pytest.raises(ValidationError) as error:
        validate_slug(slug)
    assert (error.value.code, error.value.messages) == (
        "reserved_slug",
        [f"“{slug}” is reserved for the public portal; choose another short address."],
    )
