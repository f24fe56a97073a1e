"""PDF documents rendered from Django templates (certificates, records, reports).

`render_pdf(template=…, context=…, language=…)` renders an HTML template inside
`translation.override(language)` (so strings, dates and numbers follow the reader, as e-mail
does) and lays it out with WeasyPrint. Rules every PDF here keeps:

* Fonts are named: the base stylesheet sets "DejaVu Sans" (Debian's fonts-dejavu-core), which
  has every Kazakh letter (ә ғ қ ң ө ұ ү һ і); WeasyPrint embeds the subset it uses. A
  template's own <style> block may add to it (WeasyPrint renders it on the server; the
  browser's Content-Security-Policy never sees it).
* Nothing is fetched from the network: the URL fetcher serves `data:` URIs (a QR code as an
  SVG data URI) and the project's own static files, and refuses everything else, so a PDF
  renders the same on a closed campus network and a template cannot be made to call out.

WeasyPrint is imported on first use: it takes more than a second to load, which every web
process, command and test run would otherwise pay at start-up.
"""

import functools
import logging
import mimetypes
import posixpath
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import translation

__all__ = ["BASE_STYLESHEET", "render_pdf", "static_only_fetcher"]

# WeasyPrint reports each step of every render at INFO, and fontTools (which subsets the fonts
# when HarfBuzz's subsetter is missing) each table it prunes; only their warnings are worth a
# log line.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

# The font is named here, once, for every PDF; the fallbacks only matter on a machine
# without fonts-dejavu-core, where Kazakh letters may then be missing.
BASE_STYLESHEET = """
@page { size: A4; margin: 18mm 16mm; }
html { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.4; color: #1d1d1d; }
h1, h2, h3 { line-height: 1.2; margin: 0 0 0.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 3pt 5pt; border-bottom: 0.5pt solid #bbb; }
th { font-weight: bold; }
td.number, th.number { text-align: right; }
"""


def _static_base() -> str:
    """The absolute URL static files are addressed by (SITE_URL + STATIC_URL)."""
    static_url = settings.STATIC_URL or "/static/"
    if static_url.startswith(("http://", "https://")):
        return static_url
    return settings.SITE_URL + "/" + static_url.lstrip("/")


def _static_file(name: str) -> Path | None:
    """The file of static `name`: from the collected files, else from the apps' folders."""
    normalised = posixpath.normpath(name)
    if normalised.startswith(("/", "..")) or normalised != name:
        return None  # "../settings.py" and the like never leave the static folders
    try:
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except NotImplementedError:  # remote storage: fall back to the finders
        pass
    found = finders.find(name)
    return Path(found) if isinstance(found, str) else None


@functools.cache
def _weasyprint() -> Any:
    """WeasyPrint, imported on first use."""
    with warnings.catch_warnings():
        # Without Debian's libharfbuzz-subset0 WeasyPrint subsets fonts with fontTools instead
        # (the fonts are still embedded) and warns once, at import, that this will change.
        warnings.filterwarnings(
            "ignore", message="HarfBuzz-Subset will be required", category=DeprecationWarning
        )
        import weasyprint  # noqa: PLC0415 -- slow import, see the module
    return weasyprint


@functools.cache
def _fetcher_class() -> type:
    _weasyprint()  # imported there first, with its import-time warning handled
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 -- see above

    class StaticOnlyFetcher(URLFetcher):
        """Serves `data:` URIs and the project's static files; refuses every other URL.

        A refused URL raises ValueError, which WeasyPrint logs and skips (the image or
        stylesheet is left out), as it would for a missing file.
        """

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            base = _static_base()
            if not url.startswith(base):
                raise ValueError(f"Only data: URIs and static files are fetched for PDFs: {url}")
            name = unquote(urlsplit(url[len(base) :]).path)
            path = _static_file(name)
            if path is None or not path.is_file():
                raise ValueError(f"No such static file: {name}")
            mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mimetype})

    return StaticOnlyFetcher


def static_only_fetcher() -> Any:
    """A WeasyPrint URL fetcher for `data:` URIs and static files only (see the module)."""
    return _fetcher_class()()


def render_pdf(
    *,
    template: str,
    context: dict[str, Any],
    language: str,
    stylesheets: Sequence[str] = (),
) -> bytes:
    """Render `template` with `context` in `language` and return the PDF's bytes.

    `{% static %}` URLs in the template resolve against SITE_URL and are read from disk;
    `stylesheets` are extra CSS texts applied after the base stylesheet.
    """
    weasyprint = _weasyprint()
    with translation.override(language):
        html = render_to_string(template, {"language": language, **context})
    fetcher = static_only_fetcher()
    document = weasyprint.HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=fetcher)
    sheets = [weasyprint.CSS(string=BASE_STYLESHEET, url_fetcher=fetcher)]
    sheets += [weasyprint.CSS(string=text, url_fetcher=fetcher) for text in stylesheets]
    return document.write_pdf(stylesheets=sheets)
