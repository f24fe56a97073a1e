"""Sending e-mail in the recipient's language.

Every message is rendered from two templates, `<name>_subject.txt` and `<name>_body.txt`
(and `<name>_body.html` when present), inside `translation.override(language)` so dates,
numbers and strings follow the recipient, not whoever triggered the message.
"""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def render_message(template: str, context: dict, language: str) -> tuple[str, str, str | None]:
    with translation.override(language):
        full = {"site_url": settings.SITE_URL, "language": language, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", full).split())
        body = render_to_string(f"{template}_body.txt", full)
        try:
            html = render_to_string(f"{template}_body.html", full)
        except TemplateDoesNotExist:
            html = None
    return subject, body, html


def send_templated_mail(
    *,
    to: str,
    template: str,
    context: dict,
    language: str,
    attachments: Sequence[tuple[str, str | bytes, str]] = (),
) -> None:
    """Render and send; `attachments` are (file name, content, MIME type), e.g. a calendar."""
    subject, body, html = render_message(template, context, language)
    message = EmailMultiAlternatives(subject=subject, body=body, to=[to])
    if html:
        message.attach_alternative(html, "text/html")
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()
