from django.apps import AppConfig


class CensusConfig(AppConfig):
    name = "census"
    verbose_name = "Census"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from intake.services.duplicates import keeps_its_record

        from .models import Hold, Stay, WaitlistEntry

        @keeps_its_record
        def census(inquiry):
            kept = {
                "a stay": Stay.objects.filter(inquiry=inquiry),
                "a bed or place held": Hold.objects.live().filter(inquiry=inquiry),
                "a place on the waitlist": WaitlistEntry.objects.waiting().filter(inquiry=inquiry),
            }
            return [what for what, rows in kept.items() if rows.exists()]
