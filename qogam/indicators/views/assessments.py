"""Self-assessments: the list, starting one, scoring a rubric with its anchors, the panel's
agreement, and each framework's history year by year."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from qogam.accounts.models import Membership, User
from qogam.core.enums import STAFF_ROLES
from qogam.core.forms import add_service_error
from qogam.core.periods import academic_year_label, academic_year_of
from qogam.indicators.models import SelfAssessment
from qogam.indicators.rubrics import RUBRICS, rubric
from qogam.indicators.services import assessments as services
from qogam.indicators.views.entries import working_university
from qogam.organisations.models import Unit

SCORE_CHOICES = [("", gettext_lazy("not scored")), *((str(n), str(n)) for n in range(1, 6))]


def _staff_of(university_id: int):
    members = Membership.objects.filter(
        university_id=university_id, role__in=sorted(STAFF_ROLES)
    ).values("user")
    return User.objects.filter(pk__in=members).order_by("full_name", "email")


def _probe(university_id: int) -> SelfAssessment:
    """An unsaved assessment of the university, to ask the rules about its assessments."""
    return SelfAssessment(university_id=university_id)


class PanelFields(forms.Form):
    panel = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Panel"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Staff of the university on the panel."),
    )
    external_panellists = forms.CharField(
        label=gettext_lazy("Panellists from outside"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Partners or community members on the panel, one per line."),
    )

    def __init__(self, *args, university_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].queryset = _staff_of(university_id)
        self.fields["panel"].label_from_instance = lambda user: user.full_name or user.email


class StartForm(PanelFields):
    rubric = forms.ChoiceField(label=gettext_lazy("Framework"), choices=())
    period = forms.CharField(
        label=gettext_lazy("Academic year"),
        max_length=12,
        help_text=gettext_lazy("Written as 2026/27."),
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=gettext_lazy("The whole university"),
    )
    field_order = ["rubric", "period", "unit", "panel", "external_panellists"]

    def __init__(self, *args, university_id: int, **kwargs):
        super().__init__(*args, university_id=university_id, **kwargs)
        self.fields["rubric"].choices = [(key, found.name) for key, found in RUBRICS.items()]
        self.fields["unit"].queryset = Unit.objects.filter(university_id=university_id).order_by(
            "name"
        )


class ScoreForm(PanelFields):
    """One score, narrative and evidence per item of the rubric, and the overall narrative."""

    narrative = forms.CharField(
        label=gettext_lazy("Overall narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, assessment: SelfAssessment, **kwargs):
        super().__init__(*args, university_id=assessment.university_id, **kwargs)
        self.rubric = rubric(assessment.rubric)
        compact = bool(self.rubric.rows)
        for index, item in enumerate(self.rubric.items):
            self.fields[f"score_{index}"] = forms.ChoiceField(
                label=gettext_lazy("Score"),
                choices=SCORE_CHOICES,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"narrative_{index}"] = forms.CharField(
                label=gettext_lazy("Narrative"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2 if compact else 4}),
            )
            self.fields[f"evidence_{index}"] = forms.CharField(
                label=gettext_lazy("Evidence"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 1 if compact else 2}),
                help_text=item.suggested_evidence or None,
            )

    def items(self):
        """(rubric item, score field, narrative field, evidence field) for the template."""
        return [
            (item, self[f"score_{i}"], self[f"narrative_{i}"], self[f"evidence_{i}"])
            for i, item in enumerate(self.rubric.items)
        ]

    def scores(self) -> dict[str, services.ScoreInput]:
        data = self.cleaned_data
        return {
            item.key: services.ScoreInput(
                score=int(data[f"score_{i}"]) if data.get(f"score_{i}") else None,
                narrative=data.get(f"narrative_{i}") or "",
                evidence=data.get(f"evidence_{i}") or "",
            )
            for i, item in enumerate(self.rubric.items)
        }

    @staticmethod
    def initial_of(assessment: SelfAssessment) -> dict:
        found = rubric(assessment.rubric)
        scores = {s.item: s for s in assessment.scores.all()}
        initial = {
            "narrative": assessment.narrative,
            "external_panellists": assessment.external_panellists,
            "panel": list(assessment.panel.values_list("pk", flat=True)),
        }
        for i, item in enumerate(found.items):
            score = scores.get(item.key)
            if score is not None:
                initial[f"score_{i}"] = str(score.score)
                initial[f"narrative_{i}"] = score.narrative
                initial[f"evidence_{i}"] = score.evidence
        return initial


def _assessment(request, public_id, perm: str = "") -> SelfAssessment:
    assessment = get_object_or_404(
        SelfAssessment.objects.select_related("unit", "agreed_by").prefetch_related(
            "scores", "panel"
        ),
        public_id=public_id,
    )
    if not request.user.has_perm("indicators.view_selfassessment", assessment):
        raise Http404
    if perm and not request.user.has_perm(perm, assessment):
        raise PermissionDenied
    if rubric(assessment.rubric) is None:
        raise Http404
    return assessment


@login_required
def assessment_list(request):
    if not request.user.has_perm("indicators.view_dashboard"):
        raise PermissionDenied
    university = working_university(request)
    if not request.user.has_perm("indicators.view_selfassessment", _probe(university.pk)):
        raise PermissionDenied
    assessments = list(
        SelfAssessment.objects.filter(university=university)
        .select_related("unit")
        .prefetch_related("scores")
        .order_by("rubric", "-period", "pk")
    )
    groups = [
        {
            "rubric": found,
            "assessments": [
                (a, services.mean_score(a)) for a in assessments if a.rubric == found.key
            ],
        }
        for found in RUBRICS.values()
    ]
    return render(
        request,
        "indicators/assessments/assessment_list.html",
        {
            "university": university,
            "groups": groups,
            "can_start": request.user.has_perm(
                "indicators.change_selfassessment", _probe(university.pk)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_create(request):
    university = working_university(request)
    if not request.user.has_perm("indicators.change_selfassessment", _probe(university.pk)):
        raise PermissionDenied
    initial = {
        "period": academic_year_label(academic_year_of()),
        "rubric": request.GET.get("rubric") if request.GET.get("rubric") in RUBRICS else None,
    }
    form = StartForm(request.POST or None, university_id=university.pk, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.start_assessment(
                actor=request.user,
                university=university,
                rubric_key=data["rubric"],
                period=data["period"],
                unit=data.get("unit"),
                panel=data.get("panel") or [],
                external_panellists=data.get("external_panellists") or "",
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The self-assessment is started. Score its aspects."))
            return redirect("indicators:assessment_edit", public_id=assessment.public_id)
    return render(
        request,
        "indicators/assessments/assessment_start.html",
        {"form": form, "university": university},
    )


@login_required
def assessment_detail(request, public_id):
    assessment = _assessment(request, public_id)
    found = rubric(assessment.rubric)
    scores = {s.item: s for s in assessment.scores.all()}
    rows = []
    for item in found.items:
        score = scores.get(item.key)
        rows.append((item, score, services.level_class(score.score if score else None)))
    narratives = [assessment.narrative, *(s.narrative for s in scores.values())]
    return render(
        request,
        "indicators/assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "rubric": found,
            "rows": rows,
            "heat_map": services.heat_map(assessment, found) if found.rows else None,
            "mean": services.mean_score(assessment),
            "words": services.word_count(*narratives),
            "can_change": request.user.has_perm("indicators.change_selfassessment", assessment),
            "levels": range(1, 6),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request, public_id):
    assessment = _assessment(request, public_id, "indicators.change_selfassessment")
    form = ScoreForm(
        request.POST or None,
        assessment=assessment,
        initial=ScoreForm.initial_of(assessment),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.save_assessment(
                actor=request.user,
                assessment=assessment,
                scores=form.scores(),
                narrative=form.cleaned_data.get("narrative") or "",
                panel=form.cleaned_data.get("panel") or [],
                external_panellists=form.cleaned_data.get("external_panellists") or "",
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The self-assessment is saved."))
            return redirect(assessment)
    return render(
        request,
        "indicators/assessments/assessment_form.html",
        {"form": form, "assessment": assessment, "rubric": form.rubric},
    )


@login_required
@require_POST
def assessment_agree(request, public_id):
    assessment = _assessment(request, public_id, "indicators.change_selfassessment")
    try:
        services.agree_assessment(actor=request.user, assessment=assessment)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The self-assessment is agreed; its scores now count."))
    return redirect(assessment)


@login_required
def assessment_history(request):
    """A framework's assessments of the university side by side, oldest first."""
    if not request.user.has_perm("indicators.view_dashboard"):
        raise PermissionDenied
    university = working_university(request)
    if not request.user.has_perm("indicators.view_selfassessment", _probe(university.pk)):
        raise PermissionDenied
    found = rubric(request.GET.get("rubric", ""))
    if found is None:
        raise Http404
    unit = None
    if request.GET.get("unit"):
        unit = Unit.objects.filter(university=university, public_id=request.GET["unit"]).first()
    assessments = list(
        SelfAssessment.objects.filter(university=university, rubric=found.key, unit=unit)
        .prefetch_related("scores")
        .order_by("period")
    )
    return render(
        request,
        "indicators/assessments/assessment_history.html",
        {
            "university": university,
            "rubric": found,
            "unit": unit,
            "assessments": assessments,
            "rows": services.history(assessments, found),
            "heat_maps": [(a, services.heat_map(a, found)) for a in assessments]
            if found.rows
            else [],
            "means": [services.mean_score(a) for a in assessments],
            "levels": range(1, 6),
        },
    )


urlpatterns = [
    path("assessments/", assessment_list, name="assessments"),
    path("assessments/new/", assessment_create, name="assessment_create"),
    path("assessments/history/", assessment_history, name="assessment_history"),
    path("assessments/<uuid:public_id>/", assessment_detail, name="assessment"),
    path("assessments/<uuid:public_id>/edit/", assessment_edit, name="assessment_edit"),
    path("assessments/<uuid:public_id>/agree/", assessment_agree, name="assessment_agree"),
]
