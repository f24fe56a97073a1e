"""Background work of the SDG app: thin tasks that take ids and call the bulk module."""

from django_tasks import task

from qogam.sdg import bulk


@task()
def tag_records(run_id: int) -> None:
    bulk.run_tagging(run_id=run_id)
