"""The center's own pages, written by the team for the demo site, and their loader.

They are demo text: a real center has its lawyer and compliance officer read the notices first."""

from datetime import date, timedelta

from django.utils import timezone

from faq.models import Reviewer
from pages.models import Page

from .pages_es import SPANISH
from .pages_shared import HELPLINE

ABOUT = """\
[[center_name]] treats addiction and mental health conditions in Los Angeles, including people who live with
both at once. We offer every level of care, from medical detox to outpatient, so that a person can move from
one to the next without starting over with a new team.

## How we work

- **It starts with an evaluation.** Our clinicians meet you, learn what you are facing and build a plan with you.
- **The plan follows you.** As you get better, you step down to fewer hours a week; if you need more support,
  you step back up. The people who know you stay with you.
- **The whole person.** Therapy, medical care, medication when it helps, and attention to sleep, food, movement
  and meaning. Families are part of it when the person in treatment wants them to be.

## Who we are

Our team includes physicians, nurses, licensed therapists and counselors, and people in long-term recovery.
Our articles are reviewed by the clinicians listed on [our medical reviewers page](/faq/reviewers/).
"""

ADMISSIONS = f"""\
Asking for help is the hardest step. Here is what happens after you take it.

## 1. The first call

Call {HELPLINE} at any hour, or [send us a message](/contact/). An admissions coordinator asks a few questions
about what is going on, what you have tried before, and how you would pay. The call is confidential and there
is no obligation.

## 2. Checking your insurance

With the name of your insurance company and your member ID (the number your plan knows you by), we check your benefits and tell you plainly what your plan is likely to pay
and what you would owe. If you have no insurance, we talk through self-pay and other options.

## 3. The assessment

A clinician meets you, in person or by video, to recommend the level of care that fits. If we are not the
right place for you, we help you find one that is.

## 4. Your first day

For a program where you stay with us, we agree on an arrival time. Someone meets you at the door, our medical
team sees you the same day, and you meet your therapist within the first days.

## What to bring

- A photo ID and your insurance card.
- A list of your medications, in their original bottles, and the names of your doctors.
- Comfortable clothes for about a week, and shoes for walking.
- Toiletries without alcohol in them.
- Phone numbers of the people you may want to call.

## What to leave at home

Alcohol and drugs, weapons, and anything that contains alcohol, such as some mouthwashes. Ask us before you
bring valuables, supplements or vapes.
"""

PRIVACY_PRACTICES = f"""\
**This notice describes how medical information about you may be used and disclosed and how you can get access
to this information. Please review it carefully.**

We are required by law to protect the privacy of your health information, to give you this notice of our legal
duties and privacy practices, and to follow the notice that is in effect. Because we treat substance use
disorders, your records are also protected by the federal rule on the confidentiality of substance use disorder
patient records (42 CFR Part 2), which is stricter than HIPAA in several ways.

## How we may use and share your information

- **For your treatment:** among the clinicians who care for you here.
- **For payment:** with your insurance plan, to be paid for the care you receive.
- **For our operations:** to run the center and improve care, for example in quality reviews.
- **With your written consent** for anything else, including most sharing of substance use disorder records.
- **When the law requires it**, for example to prevent a serious threat to someone's health or safety, or to
  report abuse or neglect. Records of substance use disorder treatment are not used in criminal proceedings
  against you without your consent or a court order that meets the rule's conditions.

## Your rights

- See and get a copy of your records, including an electronic copy.
- Ask us to correct information you believe is wrong.
- Ask us to limit what we use or share, and to contact you in a particular way or place.
- Get a list of the times we have shared your information.
- Get a copy of this notice on paper at any time.
- Choose someone to act for you.
- Be told if there is a breach of your information.
- Complain if you believe your rights were violated, to us or to the U.S. Department of Health and Human
  Services Office for Civil Rights. We will never retaliate against you for a complaint.

## Contact

Our privacy officer answers questions about this notice at {HELPLINE}. We may change this notice; the new one
will apply to all information we hold, and we will post it here and at the center.
"""

WEBSITE_PRIVACY = """\
This policy covers this website. How we protect the health information of people in our care is in our
[notice of privacy practices](/notice-of-privacy-practices/).

## No one else watches you here

This site has no advertising or analytics trackers, no social media buttons and no third-party scripts. Every
page, font and image comes from our own server, so no other company learns which pages you read.

## Cookies

- **Where you came from** (`mg_first_touch` and `mg_last_touch`): when you arrive from another site or from one of
  our ads, we remember the page you landed on, the site that sent you and the campaign tags of the link, for
  your first visit and your latest one. Nothing else, and nothing about you. The cookies are signed so they
  cannot be changed, cannot be read by scripts, and expire after **90 days**. If you send us a message, they are
  saved with it so that we learn which of our pages help people reach us.
- **Form protection** (`csrftoken`): set when you open the contact form, to stop other sites from sending forms in
  your name.
- Staff who sign in to our back office get a session cookie; visitors never do.

## What you send us

What you type in the contact form goes only to our admissions team, over an encrypted connection. E-mails
that tell our staff a message has arrived contain no personal details. We keep inquiries for a limited time
and then delete them, unless they become part of a treatment record.

## Questions

Call our helpline at any hour and ask for the privacy officer.
"""

NONDISCRIMINATION = f"""\
[[center_name]] follows federal civil rights laws. We do not discriminate because of race, color, national
origin, age, disability or sex (including sexual orientation and gender identity). We do not turn anyone away or
treat anyone differently for any of these reasons.

## Help we give for free

- **For people with disabilities:** qualified sign language interpreters, and written information in other
  formats, such as large print, audio and accessible electronic formats.
- **For people whose first language is not English:** qualified interpreters, and information written in other
  languages.
- **Reasonable modifications:** changes to the way we do things, so that a person with a disability can get
  our care.

We give this help free of charge and in a timely manner. To ask for it, call {HELPLINE}.

## If you believe we failed you

Maybe we did not give you this help. Or maybe we treated you unfairly in another way. If so, you can file a
grievance with our civil rights coordinator. You can do it in person, by mail, by phone or by e-mail. The
coordinator can help you file it. How to reach the coordinator is below.

You can also file a civil rights complaint with the U.S. Department of Health and Human Services, Office for
Civil Rights. You can do it online, by mail or by phone. How to reach them is below too.
"""

ACCESSIBILITY = f"""\
We want everyone to be able to use this site, including people who use a screen reader, magnification, voice
control or only a keyboard.

## What we aim for

This site aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every page has
landmarks and headings in order, labelled form fields, visible focus, enough color contrast, and text that
reflows on a small phone without scrolling sideways. We test pages with automated checks and with a keyboard
before they go live.

## If something does not work for you

Tell us what page and what went wrong, and we will fix it and, in the meantime, give you the information
another way. Call {HELPLINE} at any hour, or [send us a message](/contact/).
"""

EDITORIAL_POLICY = """\
People often read our articles at a hard moment. We hold them to these rules.

## Written plainly

We write for the person looking for help and for the people who love them: short sentences, common words,
and answers before details. We explain a term the first time we use it.

## Reviewed by clinicians

Every article is checked for medical accuracy by a licensed clinician on our staff before it is published.
The reviewer's name, credentials and the date of the review appear at the top of the article, and each
reviewer has [a page that lists what they reviewed](/faq/reviewers/). An article cannot be published without a
review. Each one is reviewed again at least every twelve months, sooner when the science or the law changes.

## Sourced

We rely on government health agencies, professional societies, peer-reviewed journals and clinical
guidelines, and we list the sources under each article, numbered. We do not cite other treatment centers'
marketing.

## Honest about us

Our articles are written by [[center_name]], a treatment provider. They invite you to call us, and they also
point to free public resources, such as the 988 Suicide & Crisis Lifeline and SAMHSA's National Helpline.
We do not promise outcomes.

## Corrections

If you see a mistake, tell us through [our contact form](/contact/). We correct errors promptly and note the
date of the change.
"""

PAGES = [
    {"slug": "about", "title": "About us", "body": ABOUT, "shows_center_profile": True,
     "summary": "Who we are, how we treat addiction and mental health in Los Angeles, and our licence."},
    {"slug": "admissions", "title": "Admissions: what to expect and what to bring", "body": ADMISSIONS,
     "summary": "From the first call to your first day: the steps of admission, and what to pack."},
    {"slug": "notice-of-privacy-practices", "title": "Notice of privacy practices", "body": PRIVACY_PRACTICES,
     "summary": "How we use and protect your health information, and your rights."},
    {"slug": "privacy", "title": "Website privacy policy", "body": WEBSITE_PRIVACY,
     "summary": "No third-party trackers: what this website keeps, and for how long."},
    {"slug": "nondiscrimination", "title": "Nondiscrimination and language assistance", "body": NONDISCRIMINATION,
     "shows_civil_rights_contact": True,
     "summary": "We do not discriminate, and free language help and aids are available."},
    {"slug": "accessibility", "title": "Accessibility statement", "body": ACCESSIBILITY,
     "summary": "How we make this site work for everyone, and how to tell us when it does not."},
    {"slug": "editorial-policy", "title": "Editorial policy", "body": EDITORIAL_POLICY,
     "summary": "How our articles are written, reviewed by clinicians and sourced."},
]  # fmt: skip


# The pages about care a clinician reviews, by whom and how many days ago (the notices and policies
# are the privacy officer's and the web team's, not a medical review).
REVIEWS = {"about": ("samuel-okafor", 60), "admissions": ("dana-whitfield", 45)}
# When the notices took effect, shown at their top.
EFFECTIVE_ON = {"notice-of-privacy-practices": date(2026, 2, 16)}


def load_pages():
    """Create or update the demo pages, published and linked in the footer in this order (after the
    articles, whose loader makes the reviewers)."""
    today = timezone.localdate()
    for position, data in enumerate(PAGES, start=1):
        slug, days_ago = REVIEWS.get(data["slug"], (None, None))
        reviewer = slug and Reviewer.objects.filter(slug=slug).first()  # none when loaded on their own
        Page.objects.update_or_create(
            slug=data["slug"],
            defaults={
                **data,
                **SPANISH[data["slug"]],
                "is_published": True,
                "in_footer": True,
                "footer_position": position,
                "reviewer": reviewer or None,
                "last_reviewed": today - timedelta(days=days_ago) if reviewer else None,
                "effective_on": EFFECTIVE_ON.get(data["slug"]),
            },
        )
    return len(PAGES)
