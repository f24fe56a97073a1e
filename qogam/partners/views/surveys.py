"""Pages for reciprocity surveys: staff send one; the partner answers by link, no account."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_ratelimit.decorators import ratelimit

from qogam.partners import queries, surveys
from qogam.partners.forms import add_service_error
from qogam.partners.models import Agreement, PartnerSurvey

SCALE = [
    (1, gettext_lazy("1 — very poor")),
    (2, gettext_lazy("2 — poor")),
    (3, gettext_lazy("3 — fair")),
    (4, gettext_lazy("4 — good")),
    (5, gettext_lazy("5 — excellent")),
]
AGAIN_SCALE = [
    (1, gettext_lazy("1 — certainly not")),
    (2, gettext_lazy("2 — probably not")),
    (3, gettext_lazy("3 — not sure")),
    (4, gettext_lazy("4 — probably")),
    (5, gettext_lazy("5 — certainly")),
]


class SurveySendForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Send to (e-mail address)"))
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the survey"), choices=settings.LANGUAGES, initial="kk"
    )
    agreement = forms.ModelChoiceField(
        label=gettext_lazy("About the agreement"),
        queryset=Agreement.objects.none(),
        required=False,
        to_field_name="public_id",
    )

    def __init__(self, *args, agreements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreements
        self.fields["agreement"].empty_label = _("None in particular")


class SurveyAnswerForm(forms.Form):
    mutual_benefit = forms.TypedChoiceField(
        label=gettext_lazy("How much did both sides gain from working together?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    communication = forms.TypedChoiceField(
        label=gettext_lazy("How was communication with the university?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    would_work_again = forms.TypedChoiceField(
        label=gettext_lazy("Would you work with the university again?"),
        choices=AGAIN_SCALE,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Anything else you want to tell us?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_send(request, public_id):
    organisation = get_object_or_404(
        queries.organisations_visible_to(request.viewer).select_related("university"),
        public_id=public_id,
    )
    if not request.user.has_perm("partners.manage_partners_of", organisation.university):
        raise PermissionDenied
    agreements = (
        Agreement.objects.with_scopes_disabled()
        .filter(Q(organisation=organisation) | Q(other_parties=organisation))
        .distinct()
        .order_by("-starts_on")
    )
    form = SurveySendForm(request.POST or None, agreements=agreements)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = surveys.send_survey(
                actor=request.user,
                organisation=organisation,
                email=data["email"],
                language=data["language"],
                agreement=data["agreement"],
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The survey has been sent to %(email)s.") % {"email": survey.email}
            )
            return redirect("partners:survey_send", public_id=organisation.public_id)
    sent = (
        PartnerSurvey.objects.with_scopes_disabled()
        .filter(organisation=organisation)
        .select_related("sent_by", "agreement")
    )
    return render(
        request,
        "partners/survey_send.html",
        {
            "partner": organisation,
            "form": form,
            "surveys": sent,
            "summary": surveys.survey_summary(organisation),
        },
    )


def _survey_problem(request, exc: surveys.SurveyError):
    return render(
        request,
        "partners/survey_invalid.html",
        {"reason": exc.messages[0]},
        status=404 if exc.code == "unknown" else 410,
    )


# Answers come without an account, so each address gets ten tries an hour.
@ratelimit(key="ip", rate="10/h", method="POST", block=True)
@require_http_methods(["GET", "POST"])
def survey_answer(request, token):
    try:
        survey = surveys.find_survey(token)
    except surveys.SurveyError as exc:
        return _survey_problem(request, exc)
    form = SurveyAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            surveys.answer_survey(raw_token=token, **form.cleaned_data)
        except surveys.SurveyError as exc:
            return _survey_problem(request, exc)
        return render(request, "partners/survey_done.html", {"survey": survey})
    return render(request, "partners/survey_answer.html", {"survey": survey, "form": form})
