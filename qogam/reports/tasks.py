"""Background work of reports: thin tasks that take ids and call a service."""

from django_tasks import task

from qogam.reports import services


@task()
def generate_report(report_id: int) -> None:
    services.generate_report(report_id=report_id)
