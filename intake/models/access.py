"""The access log: who looked at or changed which inquiry."""

from django.conf import settings
from django.db import connection, models
from django.utils import timezone


class AccessRecord(models.Model):
    """Who looked at or changed which inquiry, and when. Kept after an inquiry is purged.

    Lists and searches name no inquiry; a search records what kind of text was looked for (a phone
    number, an e-mail address, a name), never the text itself.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CHANGE = "change", "Changed"
        EXPORT = "export", "Exported"
        DELETE = "delete", "Deleted"
        LIST = "list", "Listed"
        SEARCH = "search", "Searched"
        PURGE = "purge", "Purged"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    inquiry_ref = models.PositiveBigIntegerField("inquiry", null=True, blank=True, db_index=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    detail = models.CharField(max_length=100, blank=True, help_text="What was listed or searched for, in kind.")
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        what = f"inquiry #{self.inquiry_ref}" if self.inquiry_ref else "inquiries"
        return f"{self.user or 'a command'} {self.get_action_display().lower()} {what}"

    @classmethod
    def record(cls, user, inquiries, action, detail=""):
        """One record per inquiry id. Written as plain multi-row INSERTs: an export of 200,000
        inquiries writes 200,000 records, and model objects made that the export's slowest part."""
        ids, user_id, at = list(inquiries), getattr(user, "pk", None), timezone.now()
        columns = "user_id, inquiry_ref, action, detail, at"
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                rows = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
                params = [value for pk in chunk for value in (user_id, pk, action, detail, at)]
                cursor.execute(f"INSERT INTO {cls._meta.db_table} ({columns}) VALUES {rows}", params)

    @classmethod
    def record_list(cls, user, action, detail=""):
        cls.objects.create(user=user, action=action, detail=detail[:100])


def search_kind(text):
    """What kind of text a search was for, to log without the text itself."""
    if "@" in text:
        return "an e-mail address"
    if sum(ch.isdigit() for ch in text) >= 3:
        return "a phone number or inquiry number"
    return "a name" if text.strip() else "nothing"
