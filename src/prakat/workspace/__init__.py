"""Services behind the budget group's workspace that belong to no single record: the dashboard and
each record's history."""
