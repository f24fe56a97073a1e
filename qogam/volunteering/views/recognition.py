"""Pages: certificates of verified hours, their public verification page, the Open Badges
credential and the issuer's public keys, and the student's co-curricular record."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import formats, timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from qogam.core.i18n import translated
from qogam.organisations.models import University
from qogam.volunteering import certificates, credentials
from qogam.volunteering.models import Opportunity


class IssueForm(forms.Form):
    """What to certify: one opportunity, or an academic year (at a university)."""

    opportunity = forms.UUIDField(required=False)
    academic_year = forms.IntegerField(
        required=False,
        min_value=2000,
        max_value=2100,
        label=gettext_lazy("Academic year of the certificate"),
    )
    university = forms.SlugField(required=False)
    language = forms.ChoiceField(
        required=False,
        choices=settings.LANGUAGES,
        label=gettext_lazy("Language of the certificate"),
    )


def _download(content: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def certificates_page(request):
    user = request.user
    return render(
        request,
        "volunteering/recognition/certificates.html",
        {
            "certifiable": certificates.certifiable_for(user),
            "issued": [
                {"certificate": c, "hours": certificates.format_hours(c.hours)}
                for c in certificates.certificates_of(user)
            ],
            "languages": settings.LANGUAGES,
            "default_language": certificates.language_or_default(user.language or get_language()),
        },
    )


def _opportunity_of_student(user, public_id) -> Opportunity:
    """An opportunity the student signed up for (the only ones they can have hours in)."""
    opportunity = (
        Opportunity.objects.with_scopes_disabled()  # narrowed to the student's own sign-ups
        .filter(public_id=public_id, shifts__sign_ups__student=user)
        .select_related("university")
        .distinct()
        .first()
    )
    if opportunity is None:
        raise Http404
    return opportunity


@login_required
@require_POST
def certificate_issue(request):
    form = IssueForm(request.POST)
    back = reverse("volunteering:certificates")
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, str(error))
        return redirect(back)
    data = form.cleaned_data
    opportunity = None
    university = None
    if data["opportunity"]:
        opportunity = _opportunity_of_student(request.user, data["opportunity"])
    if data["university"]:
        university = get_object_or_404(University, slug=data["university"])
    try:
        certificate = certificates.issue_certificate(
            student=request.user,
            opportunity=opportunity,
            academic_year=data["academic_year"],
            university=university,
            language=data["language"] or None,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(back)
    messages.success(
        request,
        _("The certificate “%(title)s” is ready to download.") % {"title": certificate.title},
    )
    return redirect(f"{back}#certificate-{certificate.public_id}")


@login_required
@require_GET
def certificate_pdf(request, public_id):
    certificate = certificates.readable_certificate(request.user, public_id)
    if certificate is None:
        raise Http404
    return _download(
        certificates.certificate_pdf(certificate),
        content_type="application/pdf",
        filename=f"certificate-{str(certificate.public_id)[:8]}.pdf",
    )


@require_GET
def verify_certificate(request, public_id):
    """Public, no sign-in: the QR code on the certificate leads here. Shows only what the
    certificate states and whether it stands."""
    certificate = certificates.public_certificate(public_id)
    if certificate is None:
        raise Http404
    response = render(
        request,
        "volunteering/recognition/verify.html",
        {
            "certificate": certificate,
            "university_name": translated(certificate.university, "name").text,
            "hours": certificates.format_hours(certificate.hours),
            "issued_on": formats.date_format(timezone.localtime(certificate.created_at)),
            "revoked_on": (
                formats.date_format(timezone.localtime(certificate.revoked_at))
                if certificate.revoked_at
                else ""
            ),
            "issuer_url": reverse(
                "volunteering:issuer", kwargs={"slug": certificate.university.slug}
            ),
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@require_GET
def credential(request, public_id):
    """The Open Badges 3.0 credential of one's own certificate, as a VC-JWT file."""
    certificate = certificates.readable_certificate(request.user, public_id)
    if certificate is None or certificate.student_id != request.user.pk:
        raise Http404
    try:
        token = credentials.issue_credential(certificate=certificate)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("volunteering:certificates")
    return _download(
        token,
        content_type=credentials.MEDIA_TYPE,
        filename=f"credential-{str(certificate.public_id)[:8]}.jwt",
    )


@require_GET
def issuer(request, slug):
    """Public: the university as an Open Badges issuer Profile, with the JWK set of its current
    and retired public keys, so anyone can check its credentials offline."""
    university = get_object_or_404(University, slug=slug, is_active=True)
    response = JsonResponse(
        credentials.issuer_profile(university, language=get_language()),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    # Verifiers run in other sites' pages too; the document holds only public keys.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_required
@require_GET
def record(request):
    """The student's co-curricular record: PDF by default, ?format=csv or ?format=json."""
    user = request.user
    language = certificates.language_or_default(user.language or get_language())
    kind = request.GET.get("format", "pdf")
    if kind == "pdf":
        return _download(
            certificates.record_pdf(user, language=language),
            content_type="application/pdf",
            filename="co-curricular-record.pdf",
        )
    data = certificates.co_curricular_record(user, language=language)
    if kind == "csv":
        return _download(
            certificates.record_csv(data),
            content_type="text/csv; charset=utf-8",
            filename="co-curricular-record.csv",
        )
    if kind == "json":
        return _download(
            json.dumps(certificates.record_json(data), ensure_ascii=False, indent=2),
            content_type="application/json",
            filename="co-curricular-record.json",
        )
    raise Http404


urlpatterns: list[URLPattern] = [
    path("certificates/", certificates_page, name="certificates"),
    path("certificates/issue/", certificate_issue, name="certificate_issue"),
    path("certificates/<uuid:public_id>/certificate.pdf", certificate_pdf, name="certificate_pdf"),
    path("certificates/<uuid:public_id>/credential.jwt", credential, name="credential"),
    path("verify/<uuid:public_id>/", verify_certificate, name="verify_certificate"),
    path("issuers/<slug:slug>/", issuer, name="issuer"),
    path("record/", record, name="record_pdf"),
]
