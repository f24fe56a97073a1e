from django_tasks import task

from qogam.notifications import services


@task()
def send_notice_email(notice_id: int) -> None:
    services.email_notice(notice_id=notice_id)
