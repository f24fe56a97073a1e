from django.db import migrations


def load(apps, schema_editor):
    from qogam.sdg.services import sync_taxonomy  # noqa: PLC0415 -- migrations import late

    sync_taxonomy(goal_model=apps.get_model("sdg", "Goal"), target_model=apps.get_model("sdg", "Target"))


class Migration(migrations.Migration):
    dependencies = [("sdg", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
