"""The instants around local midnight at the two ends of the world's time zones, for tests with a fixed clock."""

from datetime import UTC, date, datetime, timedelta

import pytest

NOV_30, DEC_1 = date(2026, 11, 30), date(2026, 12, 1)
MINUTE = timedelta(minutes=1)
# Local midnight between Nov 30 and Dec 1, as a UTC instant: at UTC+14 it comes 14 hours before
# London's, at UTC-12 twelve hours after.
MIDNIGHTS = {
    "Pacific/Kiritimati": datetime(2026, 11, 30, 10, 0, tzinfo=UTC),
    "Etc/GMT+12": datetime(2026, 12, 1, 12, 0, tzinfo=UTC),
}
AROUND_MIDNIGHT = [
    pytest.param(zone, midnight + offset, day, id=f"{zone}-{label}")
    for zone, midnight in MIDNIGHTS.items()
    for offset, day, label in [(-MINUTE, NOV_30, "before"), (MINUTE, DEC_1, "after")]
]
