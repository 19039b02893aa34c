import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.core.cache import cache, caches
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFit
from phonenumber_field.modelfields import PhoneNumberField

from . import site_copy
from .images import WIDTHS, reencoded, validate_picture

# Where the error page finds the last settings read, without asking the database, when this
# machine's copy (core/site_copy.py) cannot be read.
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


# (version, settings) of the latest content version this process has read, unpickled once: every
# request asks for them, and a new version (any save, anywhere) replaces them. One tuple, replaced
# whole, so that a thread never sees one version's number with another's settings.
_latest_site_settings = [(None, None)]


class SiteSettings(models.Model):
    """The center's identity and the words every page carries. There is one row."""

    name = models.CharField(max_length=100, default="Magnolia Recovery")
    tagline = models.CharField(
        max_length=200,
        default=_("Addiction and mental health treatment in Los Angeles"),
        help_text="Follows the name in the home page's title; the site's description in search results.",
    )
    helpline = PhoneNumberField(
        "24-hour helpline",
        default="+18184312224",
        help_text="Digits only, e.g. (818) 431-2224. Pages show it formatted and dial exactly this number.",
    )
    text_line = PhoneNumberField(
        "text line",
        blank=True,
        default="",
        help_text="A number people can text, if there is one. Leave empty for none.",
    )
    email = models.EmailField(blank=True, default="")
    street_address = models.CharField(max_length=200, blank=True, default="")
    city = models.CharField(max_length=100, default="Los Angeles")
    region = models.CharField("state", max_length=2, default="CA", help_text="Two letters, e.g. CA.")
    postal_code = models.CharField("ZIP code", max_length=10, blank=True, default="")
    hours = models.CharField(
        max_length=200,
        default=_("Admissions answers 24 hours a day, 7 days a week."),
    )
    opening_hours = models.CharField(
        "hours for search engines",
        max_length=100,
        default="Mo-Su 00:00-23:59",
        validators=[
            RegexValidator(
                r"^(Mo|Tu|We|Th|Fr|Sa|Su)(-(Mo|Tu|We|Th|Fr|Sa|Su))? \d\d:\d\d-\d\d:\d\d"
                r"(, (Mo|Tu|We|Th|Fr|Sa|Su)(-(Mo|Tu|We|Th|Fr|Sa|Su))? \d\d:\d\d-\d\d:\d\d)*$",
                "Write days and hours as “Mo-Fr 08:00-18:00”, several separated by “, ”.",
            )
        ],
        help_text="The same hours in the form search engines read: “Mo-Su 00:00-23:59” is all day, every day.",
    )
    languages = models.CharField(
        "languages spoken",
        max_length=200,
        default=_("English, Spanish"),
        help_text="Separated by commas.",
    )
    payment = models.CharField(
        "payment accepted",
        max_length=300,
        default=_("Private insurance, TRICARE, self-pay"),
        help_text="Separated by commas.",
    )
    services = models.TextField(
        default=_(
            "Medical detox\nResidential treatment\nPartial hospitalization\nIntensive outpatient\nOutpatient\n"
            "Dual diagnosis treatment\nMedication for addiction treatment\nFamily program"
        ),
        help_text="One service per line.",
    )
    licence_agency = models.CharField(
        "licensed by",
        max_length=200,
        default=_("California Department of Health Care Services (DHCS)"),
    )
    licence_state = models.CharField("licence state", max_length=2, default="CA")
    licence_number = models.CharField("licence number", max_length=50, blank=True, default="")
    licence_lookup_url = models.URLField(
        "licence look-up address",
        blank=True,
        default="",
        help_text="The state's page where anyone can check the licence, e.g. DHCS's facility look-up.",
    )
    # Where the center is (item 5 of issue 25): shown on About, Contact and in the footer.
    directions_url = models.URLField(
        "directions address",
        blank=True,
        default="",
        help_text="Leave empty to link to a maps search for the street address above.",
    )
    getting_here = models.TextField(
        "parking and transit",
        blank=True,
        default="",
        help_text="Where to park and which bus or train stops near. One note per line. Leave empty for none.",
    )
    # Who we treat: shown on the home page and About when filled in.
    ages_treated = models.CharField(
        "ages treated", max_length=200, blank=True, default="", help_text="E.g. “Adults 18 and older”."
    )
    conditions_treated = models.TextField(
        "conditions treated", blank=True, default="", help_text="One condition per line."
    )
    # Costs and coverage (its own page): the payers, Medi-Cal and Medicare, self-pay.
    in_network = models.TextField(
        "in network with",
        blank=True,
        default="",
        help_text="The insurance plans the center is in network with, one per line.",
    )
    accepts_medi_cal = models.BooleanField("accepts Medi-Cal", default=False)
    medi_cal_elsewhere = models.TextField(
        "with Medi-Cal, where to go",
        blank=True,
        default="",
        help_text="Shown when the center does not accept Medi-Cal: where people with it can get care.",
    )
    medi_cal_elsewhere_url = models.URLField("with Medi-Cal, address to go to", blank=True, default="")
    accepts_medicare = models.BooleanField("accepts Medicare", default=False)
    medicare_elsewhere = models.TextField(
        "with Medicare, where to go",
        blank=True,
        default="",
        help_text="Shown when the center does not accept Medicare: where people with it can get care.",
    )
    medicare_elsewhere_url = models.URLField("with Medicare, address to go to", blank=True, default="")
    self_pay = models.TextField(
        "self-pay prices",
        blank=True,
        default="",
        help_text="One price range per line, e.g. “Intensive outpatient: $X to $Y a week”.",
    )
    payment_plans = models.TextField(
        "payment plans", blank=True, default="", help_text="What plans the center offers to spread the cost."
    )
    good_faith_estimate = models.TextField(
        "Good Faith Estimate notice",
        default=_(
            "If you have no insurance, or choose not to use it, you have the right to a Good Faith Estimate: "
            "a written estimate of what your care will cost, given to you before it starts. Ask us for one "
            "when you schedule, or at any time. If the bill comes to at least $400 more than the estimate, "
            "you may dispute it. To learn more or to file a complaint, call the Centers for Medicare & "
            "Medicaid Services at 1-800-985-3059."
        ),
        help_text="The No Surprises Act notice for uninsured and self-pay patients, on the costs page.",
    )
    disclaimer = models.TextField(
        default=_(
            "This site is for education only and is not medical advice. Make decisions about "
            "your health together with a doctor who knows you. People in our care get "
            "advice made for them."
        ),
        help_text="The medical disclaimer shown in every page's footer.",
    )
    crisis_text = models.TextField(
        default=_(
            "In crisis? Call or text 988 for the Suicide & Crisis Lifeline. If you are in immediate danger, call 911."
        ),
        help_text="The crisis notice shown at the top of every page.",
    )
    home_intro = models.TextField(
        default=_(
            "We treat substance use and mental health disorders, including both at once, "
            "at every level of care from medical detox to outpatient."
        ),
        help_text="The opening paragraph of the home page.",
    )
    home_heading = models.CharField(
        "home page heading",
        max_length=120,
        default=_("Treatment for addiction and mental health, from detox to outpatient care"),
        help_text="What the center does, in a few words: the home page's main heading, above the call button.",
    )
    # The call back promised on the thank-you pages (issue 25).
    callback_number = PhoneNumberField(
        "callback number",
        blank=True,
        default="",
        help_text="The number admissions calls people back from, shown on the thank-you pages so they "
        "save it and pick up. Leave empty if it is the helpline.",
    )
    callback_minutes = models.PositiveSmallIntegerField(
        "callback within (minutes)",
        default=15,
        validators=[MinValueValidator(1)],
        help_text="How soon admissions calls back after a message, within the callback hours.",
    )
    callback_from = models.TimeField(
        "callback hours from",
        null=True,
        blank=True,
        help_text="Leave both hours empty when admissions calls back at any hour. Pacific time.",
    )
    callback_until = models.TimeField("callback hours until", null=True, blank=True)
    # Who takes civil rights grievances (Section 1557): shown on pages that ask for it (the nondiscrimination
    # notice), with the center's address unless another is given.
    civil_rights_coordinator = models.CharField(
        "civil rights coordinator",
        max_length=200,
        blank=True,
        default="",
        help_text="The coordinator's name, title or both, e.g. “Compliance officer”.",
    )
    civil_rights_phone = PhoneNumberField(
        "civil rights coordinator's phone",
        blank=True,
        default="",
        help_text="Digits only. Leave empty to show the helpline.",
    )
    civil_rights_email = models.EmailField("civil rights coordinator's e-mail", blank=True, default="")
    civil_rights_address = models.TextField(
        "civil rights coordinator's mailing address",
        blank=True,
        default="",
        help_text="One line per line of the address. Leave empty to show the center's address.",
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
        transaction.on_commit(self._keep_for_error_pages)

    def clean(self):
        if bool(self.callback_from) != bool(self.callback_until):
            raise ValidationError({"callback_until": "Give both callback hours, or neither (any hour)."})

    def _keep_for_error_pages(self):
        site_copy.write(self)
        cache.set(LAST_SITE_SETTINGS_KEY, self, None)

    @classmethod
    def current(cls, version):
        """The saved row (or unsaved defaults on a fresh database) as of content `version`.

        Cached under the version, which every save moves on: a save shows on the next request.
        """
        latest_version, latest = _latest_site_settings[0]
        if latest_version == version:
            return latest  # read-only: no page changes the settings it shows
        key = f"site-settings:{version}"
        # This process's copy first (see magnolia/caches.py), then the shared one, then the database.
        kept = caches["template_fragments"]
        settings = kept.get(key)
        if settings is None:
            settings = cache.get(key)
            if settings is None:
                settings = cls._read()
                cache.set(key, settings, 60 * 60)
                cache.set(LAST_SITE_SETTINGS_KEY, settings, None)
            kept.set(key, settings)
        # Also when the cache had them: a save on another machine reaches this machine's copy.
        site_copy.keep_up(settings)
        _latest_site_settings[0] = (version, settings)
        return settings

    @staticmethod
    def forget():
        """Drops this process's latest copy (tests, whose rolled-back versions come round again)."""
        _latest_site_settings[0] = (None, None)

    @classmethod
    def _read(cls):
        # With its accreditations, which the cached copy carries along.
        settings = cls.objects.prefetch_related("accreditations").filter(pk=1).first()
        if settings is None:
            settings = cls(pk=1)
            settings._prefetched_objects_cache = {"accreditations": Accreditation.objects.none()}
        settings.helpline_e164, settings.helpline_display  # noqa: B018 (computed before it is cached)
        return settings

    # Kept with the cached copy (see `_read`): formatting a number costs a tenth of a millisecond.
    @cached_property
    def helpline_e164(self):
        return self.helpline.as_e164

    @cached_property
    def helpline_display(self):
        return self.helpline.as_national

    @property
    def callback_e164(self):
        return (self.callback_number or self.helpline).as_e164

    @property
    def callback_display(self):
        return (self.callback_number or self.helpline).as_national

    @property
    def calls_back_any_hour(self):
        return not (self.callback_from and self.callback_until)

    @property
    def text_line_display(self):
        return self.text_line.as_national if self.text_line else ""

    @property
    def current_accreditations(self):
        """Those not yet expired, from the prefetched list the cached copy carries."""
        today = timezone.localdate()
        return [accreditation for accreditation in self.accreditations.all() if accreditation.expires_on >= today]

    @property
    def address_lines(self):
        locality = f"{self.city}, {self.region} {self.postal_code}".strip()
        return [line for line in (self.street_address, locality) if line]

    @property
    def civil_rights_address_lines(self):
        """Where grievances are mailed: the coordinator's own address, or the center's."""
        if self.civil_rights_address.strip():
            return _split(self.civil_rights_address, "\n")
        return [self.name, *self.address_lines]

    @property
    def language_list(self):
        return _split(self.languages, ",")

    @property
    def payment_list(self):
        return _split(self.payment, ",")

    @property
    def service_list(self):
        return _split(self.services, "\n")

    @property
    def directions_link(self):
        """The editors' directions address, or a maps search for the street address (a plain link:
        nothing from another site loads with the page)."""
        if self.directions_url:
            return self.directions_url
        if not self.street_address:
            return ""
        return "https://www.google.com/maps/search/?" + urlencode({"api": 1, "query": ", ".join(self.address_lines)})

    @property
    def getting_here_list(self):
        return _split(self.getting_here, "\n")

    @property
    def condition_list(self):
        return _split(self.conditions_treated, "\n")

    @property
    def in_network_list(self):
        return _split(self.in_network, "\n")

    @property
    def self_pay_list(self):
        return _split(self.self_pay, "\n")

    @property
    def public_payers(self):
        """Medi-Cal and Medicare, which many ask about: whether the center takes each, and where to go
        when not. Keyed like the insurance form's choices (intake's Carrier)."""
        return [
            PublicPayer("medi_cal", "Medi-Cal", self.accepts_medi_cal, "medi_cal_elsewhere", self.medi_cal_elsewhere,
                        self.medi_cal_elsewhere_url),
            PublicPayer("medicare", "Medicare", self.accepts_medicare, "medicare_elsewhere", self.medicare_elsewhere,
                        self.medicare_elsewhere_url),
        ]  # fmt: skip

    @property
    def shows_trust_line(self):
        """A licence number or a current accreditation to check: the payers (a required field) ride along
        with them, never alone."""
        return bool(self.licence_number or self.current_accreditations)

    @property
    def shows_who_we_treat(self):
        return bool(self.ages_treated or self.condition_list)


@dataclass(frozen=True)
class PublicPayer:
    key: str
    name: str
    accepted: bool
    elsewhere_field: str  # the translated field's name, for the template's fallback_lang
    elsewhere: str
    elsewhere_url: str


def _split(text, separator):
    return [item.strip() for item in text.split(separator) if item.strip()]


# The admin warns this many days before an accreditation expires.
ACCREDITATION_WARNING_DAYS = 60


class AccreditationQuerySet(models.QuerySet):
    def next_expiry(self, now):
        """When the next accreditation stops being current (the start of the day after it expires):
        pages that list them change then by themselves."""
        today = timezone.localtime(now).date()
        expires_on = self.filter(expires_on__gte=today).order_by("expires_on").values_list("expires_on", flat=True)
        day = expires_on.first()
        if day is None:
            return None
        return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))

    def expiring(self, today, within_days=ACCREDITATION_WARNING_DAYS):
        """Expired, or expiring within `within_days`: the admin warns of these."""
        return self.filter(expires_on__lte=today + timedelta(days=within_days))


class Accreditation(models.Model):
    """An accreditation the center holds; the admin warns before it expires."""

    site = models.ForeignKey(SiteSettings, on_delete=models.CASCADE, related_name="accreditations")
    body = models.CharField("accrediting body", max_length=200, help_text="E.g. “The Joint Commission”.")
    program = models.CharField(
        max_length=200, blank=True, help_text="What is accredited, e.g. “Behavioral Health Care and Human Services”."
    )
    number = models.CharField(max_length=50, blank=True)
    expires_on = models.DateField("expires")
    lookup_url = models.URLField(
        "look-up address",
        blank=True,
        default="",
        help_text="The accreditor's page where anyone can check it, e.g. The Joint Commission's Quality Check.",
    )

    objects = AccreditationQuerySet.as_manager()

    class Meta:
        ordering = ["expires_on", "pk"]

    def __str__(self):
        return self.body


class Redirect(models.Model):
    """An address that moved: a published page's old address, sent on to where it is now."""

    old_path = models.CharField(max_length=300, unique=True)
    new_path = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["old_path"]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"


def picture_field(verbose_name="picture", help_text="Shown under the title."):
    """The optional picture of a level, article, page or reviewer; one in use cannot be deleted."""
    return models.ForeignKey(
        "core.Picture",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )


def _picture_path(picture, filename):
    return f"pictures/{uuid.uuid4().hex}.webp"  # a new name for every upload: its address never changes


def _width(pixels):
    return ImageSpecField(
        source="original",
        processors=[ResizeToFit(pixels, 10 * pixels, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )


class Picture(models.Model):
    """A picture for levels of care, articles, pages and reviewers, served at a few widths."""

    name = models.CharField(max_length=120, help_text="For finding it here; visitors do not see it.")
    original = models.ImageField(
        "picture",
        upload_to=_picture_path,
        validators=[validate_picture],
        help_text="A JPEG, PNG or WebP file of at most 10 MB. It is re-encoded: camera details and location "
        "are removed.",
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        "alt text",
        max_length=250,
        blank=True,
        help_text="What the picture shows, for people who cannot see it, in a sentence.",
    )
    is_decorative = models.BooleanField(
        "decorative only",
        default=False,
        help_text="Tick only if the picture adds nothing to the text: screen readers then skip it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    w480 = _width(WIDTHS[0])
    w960 = _width(WIDTHS[1])
    w1600 = _width(WIDTHS[2])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(alt_text="") | models.Q(is_decorative=True),
                name="picture_alt_text_or_decorative",
                violation_error_message="Describe the picture in the alt text, or mark it as decorative only.",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.original and not self.original._committed:
            upload = self.original.file
            content, self.width, self.height = getattr(upload, "reencoded", None) or reencoded(upload)
            self.original.save("upload.webp", content, save=False)
        super().save(*args, **kwargs)  # django-imagekit makes the widths now (the Optimistic strategy)

    def clean(self):
        # The English alt text is the one required (the Spanish falls back to it); a decorative picture
        # has none in any language.
        english, spanish = (self.alt_text_en or "").strip(), (self.alt_text_es or "").strip()
        if not english and not self.is_decorative:
            raise ValidationError(
                {"alt_text_en": "Describe the picture for people who cannot see it, or mark it as decorative only."}
            )
        if self.is_decorative and (english or spanish):
            raise ValidationError({"is_decorative": "A decorative picture has no alt text: clear one of the two."})

    @property
    def alt(self):
        return "" if self.is_decorative else self.alt_text

    def delete_files(self):
        """The original and its widths (called once a deletion is committed)."""
        names = [spec.name for _, spec in self._specs()] + [self.original.name]
        storage = self.original.storage
        for name in names:
            storage.delete(name)

    def _specs(self):
        return zip(WIDTHS, (self.w480, self.w960, self.w1600), strict=True)

    def variants(self):
        """(file, width) for the widths a page may ask for, never wider than the picture itself."""
        chosen = []
        for pixels, spec in self._specs():
            chosen.append((spec, min(pixels, self.width)))
            if pixels >= self.width:
                break
        return chosen

    def urls(self):
        """Its addresses: `src` (the middle width, or the only one), `srcset` and `largest` (for og:image)."""
        files = _picture_files(self)
        widths = [(storage.url(name), pixels) for storage, name, pixels in files["widths"]]
        storage, name = files["largest"]
        return {
            "src": widths[min(1, len(widths) - 1)][0],
            "srcset": ", ".join(f"{url} {pixels}w" for url, pixels in widths),
            "largest": storage.url(name),
        }

    @property
    def srcset(self):
        return self.urls()["srcset"]

    @property
    def src(self):
        return self.urls()["src"]


# A picture's files by (original's name, width): naming a width hashes django-imagekit's settings for
# it, which cost more than the rest of a page. Kept in each process, and safe to: both parts of the key
# are set only by an upload, which always gets a new name (_picture_path), so no change saved by
# another process can make an entry wrong; bounded all the same.
_PICTURE_FILES = {}
PICTURE_FILES_KEPT = 1000


def _picture_files(picture):
    key = (picture.original.name, picture.width)
    files = _PICTURE_FILES.get(key)
    if files is None:
        if len(_PICTURE_FILES) >= PICTURE_FILES_KEPT:
            _PICTURE_FILES.clear()
        files = {
            "widths": [(spec.storage, spec.name, pixels) for spec, pixels in picture.variants()],
            "largest": (picture.w1600.storage, picture.w1600.name),
        }
        _PICTURE_FILES[key] = files
    return files
