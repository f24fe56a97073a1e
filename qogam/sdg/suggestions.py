"""What the suggestion panel of a taggable form shows: the tagger's goals for the text being
written, with the evidence, the person's decisions so far and what they rejected before."""

import re

from django.utils.translation import gettext as _

from qogam.sdg import registry, services
from qogam.sdg.goals import GOALS, goal_colour, goal_title, target_title
from qogam.sdg.tagger import CONFIDENT, tag

MAX_QUERIES_SHOWN = 3


def note_messages(notes: list[str], result: dict) -> list[str]:
    """Sentences for the tagger's note codes, in the reader's language."""
    texts = {
        "empty": _("Write the title and the description: goals will be suggested here."),
        "too_short": _("The text is too short for a suggestion; write a sentence or two more."),
        "unknown_language": _(
            "The language of the text was not recognised (Kazakh, Russian or English are read),"
            " so there is no suggestion."
        ),
        "mixed_language": _("The text mixes languages; each of them was read."),
        "html_stripped": _("HTML tags in the text were left out."),
        "truncated": _("The text is very long; only its beginning was read."),
        "low_confidence": _("Low confidence: read the evidence before you accept."),
    }
    messages = [texts[code] for code in notes if code in texts]
    quiet = {"empty", "too_short", "unknown_language"}
    if result.get("no_sdg") and not quiet & set(notes):
        messages.append(_("No goal stands out in this text."))
    return messages


DECISION = re.compile(r"^sdg_decision_(\d{1,2})$")
ACCEPT, REJECT = "accept", "reject"


def goal_numbers(values) -> set[int]:
    return {int(v) for v in values if str(v).isdigit() and int(v) in GOALS}


def posted_decisions(data) -> dict[int, str]:
    """{goal: "accept" | "reject"} from the suggestion radios; bad values are ignored."""
    decisions = {}
    for key in data:
        match = DECISION.match(key)
        value = data.get(key)
        if match and int(match.group(1)) in GOALS and value in (ACCEPT, REJECT):
            decisions[int(match.group(1))] = value
    return decisions


def panel_from_data(kind: registry.Taggable, data, record=None) -> dict:
    """The panel for a form being filled in (`data`: what it posts)."""
    return panel(
        kind,
        text=registry.text_of_form_data(kind, data),
        record=record,
        chosen=goal_numbers(data.getlist("sdgs")),
        decisions=posted_decisions(data),
        targets=set(data.getlist("sdg_target")),
    )


def panel(
    kind: registry.Taggable,
    *,
    text: str,
    record=None,
    chosen: set[int],
    decisions: dict[int, str],
    targets: set[str],
) -> dict:
    result = tag(text)
    rejected = services.rejected_goals(record) if record is not None else set()
    suggestions, rejected_shown = [], []
    targets_by_goal: dict[int, list[dict]] = {}
    for t in result["targets"]:
        targets_by_goal.setdefault(t["goal"], []).append(t)
    for g in result["goals"]:
        goal = g["goal"]
        if goal in rejected and decisions.get(goal) != "accept":
            rejected_shown.append({"goal": goal, "title": goal_title(goal)})
            continue
        evidence = result["evidence"].get(str(goal), {})
        probability = evidence.get("model_probability")
        suggestions.append(
            {
                "goal": goal,
                "title": goal_title(goal),
                "colour": goal_colour(goal),
                "score": round(g["score"] * 100),
                "low": g["score"] < CONFIDENT,
                "terms": evidence.get("terms", [])[:12],
                "queries": [
                    {"label": q["query"], "matched": ", ".join(q["matched"][:6])}
                    for q in evidence.get("queries", [])[:MAX_QUERIES_SHOWN]
                ],
                "more_queries": max(0, len(evidence.get("queries", [])) - MAX_QUERIES_SHOWN),
                "model": round(probability * 100) if probability is not None else None,
                "chosen": goal in chosen,
                "decision": decisions.get(goal, ""),
                "targets": [
                    {
                        "code": t["target"],
                        "title": target_title(t["target"]),
                        "checked": t["target"] in targets,
                    }
                    for t in targets_by_goal.get(goal, [])
                ],
            }
        )
    kept_targets = {t["code"] for s in suggestions for t in s["targets"]}
    return {
        "kind": kind.key,
        "record_id": str(record.public_id) if record is not None else "",
        "language": result["language"],
        "suggestions": suggestions,
        "rejected": rejected_shown,
        "messages": note_messages(result["notes"], result),
        # Accepted targets not among today's suggestions are kept as hidden inputs.
        "kept_targets": sorted(targets - kept_targets),
    }


def panel_for_form(form) -> dict:
    """The panel as the form is rendered: from what was posted, or from the saved record."""
    kind, record = form.sdg_taggable, form.sdg_record
    if form.is_bound:
        return panel_from_data(kind, form.data, record)
    chosen = set(getattr(record, kind.sdgs_field) or []) if record is not None else set()
    return panel(
        kind,
        text=registry.text_of(record) if record is not None else "",
        record=record,
        chosen=chosen,
        decisions={},
        targets=set(services.accepted_targets(record)) if record is not None else set(),
    )
