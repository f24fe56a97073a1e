from django.core.files.uploadedfile import SimpleUploadedFile

from qogam.core.tenancy import all_universities
from qogam.needs.models import Need, NeedAttachment

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _form(**extra):
    return {
        "university": "",
        "title": "Детская площадка",
        "description": "Нужна площадка во дворе.",
        "category": "social_support",
        "affected_group": "families",
        "urgency": "medium",
        "district": "Бостандыкский район",
        **extra,
    }


def test_upload_text_named_png_is_refused_naming_the_field(world, client_for):
    client = client_for(world["bob"])
    fake = SimpleUploadedFile("photo.png", b"just some text, not an image", "image/png")
    response = client.post(
        "/en/needs/new/", {**_form(university=world["a"].pk), "attachments": fake}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["attachments"] == [
        "“photo.png”: This file is not one of the accepted types (jpeg, jpg, pdf, png, webp)."
    ]
    with all_universities():
        assert Need.objects.count() == 0
        assert NeedAttachment.objects.count() == 0


def test_upload_over_the_limit_is_refused(world, client_for, settings):
    settings.UPLOAD_MAX_MB = 1
    client = client_for(world["bob"])
    big = SimpleUploadedFile("big.png", PNG + b"\0" * (1024 * 1024 + 10), "image/png")
    response = client.post(
        "/en/needs/new/", {**_form(university=world["a"].pk), "attachments": big}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["attachments"]
    assert errors == ["“big.png”: The file is 1.0 MB; the limit is 1 MB."]
    with all_universities():
        assert Need.objects.count() == 0


def test_upload_real_png_is_kept_and_served_with_the_need(world, client_for):
    client = client_for(world["bob"])
    good = SimpleUploadedFile("yard.png", PNG, "image/png")
    response = client.post(
        "/en/needs/new/", {**_form(university=world["a"].pk), "attachments": [good]}
    )
    assert response.status_code == 302
    with all_universities():
        attachment = NeedAttachment.objects.get()
    served = client.get(f"/en/needs/attachments/{attachment.public_id}/")
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == PNG
    # The need is not public yet: nobody else fetches its file.
    assert (
        client_for(world["charlie"])
        .get(f"/en/needs/attachments/{attachment.public_id}/")
        .status_code
        == 404
    )
