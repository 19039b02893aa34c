"""The speed-to-lead dashboard: figures from the database, charts drawn from them, the view."""
