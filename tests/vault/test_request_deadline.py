"""A request's deadline is one calendar month after receipt (GDPR art. 12(3)), defined once, in the vault
that records it — on both backends."""

from datetime import UTC, datetime

from vault.privacy_requests import one_calendar_month_after


def test_deadline_is_one_calendar_month():
    assert one_calendar_month_after(datetime(2026, 1, 31, 9, tzinfo=UTC)) == datetime(
        2026, 2, 28, 9, tzinfo=UTC
    )
    assert one_calendar_month_after(datetime(2028, 1, 30, tzinfo=UTC)) == datetime(2028, 2, 29, tzinfo=UTC)
    assert one_calendar_month_after(datetime(2026, 12, 15, tzinfo=UTC)) == datetime(2027, 1, 15, tzinfo=UTC)


def test_a_recorded_request_is_due_one_calendar_month_after_receipt(vault):
    received = datetime(2026, 1, 31, 9, 30, tzinfo=UTC)
    request_id = vault.create_request("erase", "email", "ann@example.com", received_at=received)
    deadline = vault.get_request(request_id)["deadline"]
    assert deadline.replace(tzinfo=deadline.tzinfo or UTC) == datetime(2026, 2, 28, 9, 30, tzinfo=UTC)
