"""What people read: the dashboard's tables (``views``) and the CSV files (``export``)."""
