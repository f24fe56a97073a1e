from django.db import migrations


def load(apps, schema_editor):
    from qogam.sdg.services import sync_taxonomy  # noqa: PLC0415 -- migrations import late

    # taxonomy.json now spells goal 8 (ru) and goal 16 (kk) correctly; rows are updated.
    sync_taxonomy(
        goal_model=apps.get_model("sdg", "Goal"), target_model=apps.get_model("sdg", "Target")
    )


class Migration(migrations.Migration):
    dependencies = [("sdg", "0003_record_goals_and_tagging_runs")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
