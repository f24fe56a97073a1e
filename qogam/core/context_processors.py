from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from qogam.core.navigation import nav_for


def navigation(request):
    """The navigation and the language switcher's links for every page."""
    current = get_language()
    languages = [
        {
            "code": code,
            # Each language is named in itself, so a reader finds their own.
            "name": get_language_info(code)["name_local"],
            "url": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"nav_items": nav_for(request), "language_links": languages}
