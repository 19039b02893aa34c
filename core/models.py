from django.core.cache import cache
from django.db import models, transaction

# Where the error page finds the last settings read, without asking the database.
LAST_SITE_SETTINGS_KEY = "site-settings:last"


class ContentVersion(models.Model):
    """A number that moves on with every change to what visitors read (see core/content_version.py).

    It lives in the database and moves inside the transaction that saves the change, so a worker
    sees the new number exactly when it can see the new rows, whatever the cache went through.
    """

    number = models.BigIntegerField()
    changed_at = models.DateTimeField()
    # When what visitors see next changes by itself (a scheduled article goes live): the first request
    # after it moves the number on.
    next_change_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="content_version_single_row")]

    def __str__(self):
        return f"Content version {self.number}"


class SiteSettings(models.Model):
    """The center's identity and the words every page carries. There is one row."""

    name = models.CharField(max_length=100, default="Magnolia Recovery")
    tagline = models.CharField(
        max_length=200,
        default="Addiction and mental health treatment in Los Angeles",
        help_text="One line under the name on the home page.",
    )
    helpline_display = models.CharField(
        "helpline (as shown)",
        max_length=30,
        default="(818) 431-2224",
        help_text="The 24-hour admissions line as visitors read it.",
    )
    helpline_e164 = models.CharField(
        "helpline (for dialing)",
        max_length=20,
        default="+18184312224",
        help_text="The same number in international form, used for tap-to-call links.",
    )
    email = models.EmailField(blank=True, default="")
    address = models.TextField(default="Los Angeles, California")
    hours = models.CharField(
        max_length=200,
        default="Admissions answers 24 hours a day, 7 days a week.",
    )
    disclaimer = models.TextField(
        default=(
            "This site is for education only and is not medical advice. Decisions about "
            "your health belong with a doctor who knows you; people in our care receive "
            "advice specific to them."
        ),
        help_text="The medical disclaimer shown in every page's footer.",
    )
    crisis_text = models.TextField(
        default=(
            "In crisis? Call or text 988 for the Suicide & Crisis Lifeline. If you are in immediate danger, call 911."
        ),
        help_text="The crisis notice shown at the top of every page.",
    )
    home_intro = models.TextField(
        default=(
            "We treat substance use and mental health disorders, including both at once, "
            "at every level of care from medical detox to outpatient."
        ),
        help_text="The opening paragraph of the home page.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="site_settings_single_row"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        # For the error page, which must not ask the database (it may be what failed).
        transaction.on_commit(lambda: cache.set(LAST_SITE_SETTINGS_KEY, self, None))

    @classmethod
    def current(cls, version):
        """The saved row (or unsaved defaults on a fresh database) as of content `version`.

        Cached under the version, which every save moves on: a save shows on the next request.
        """
        key = f"site-settings:{version}"
        settings = cache.get(key)
        if settings is None:
            settings = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(key, settings, 60 * 60)
            cache.set(LAST_SITE_SETTINGS_KEY, settings, None)
        return settings


class Redirect(models.Model):
    """An address that moved: a published page's old address, sent on to where it is now."""

    old_path = models.CharField(max_length=300, unique=True)
    new_path = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"
