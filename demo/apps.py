from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo center: `manage.py load_demo` and every demo text and picture. No models; it imports
    the product apps, and none of them imports it."""

    name = "demo"
    verbose_name = "Demo"
