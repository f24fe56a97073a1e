from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from qogam.core.navigation import nav_for

# Each language is named in itself, so a reader finds their own whatever the page's language.
LANGUAGE_SELF_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def navigation(request):
    """The navigation and the language switcher's links for every page."""
    current = get_language()
    languages = [
        {
            "code": code,
            "name": LANGUAGE_SELF_NAMES[code],
            "url": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"nav_items": nav_for(request), "language_links": languages}
