"""Demo articles, written in our own words from the shared fact sheet, and their loader."""

from datetime import timedelta

from django.utils import timezone

from core.models import Picture
from faq.models import Article, Question, Reviewer, Source, Topic

from . import articles_es as spanish
from .pictures import landscape, save_picture

REVIEWERS = [
    {
        "slug": "dana-whitfield",
        "name": "Dana Whitfield",
        "credentials": "LMFT",
        "specialty": "Family therapy and outpatient treatment",
        "bio": "Dana is a licensed marriage and family therapist who has worked in addiction treatment for over a "
        "decade, most of it leading outpatient and family programs.",
    },
    {
        "slug": "samuel-okafor",
        "name": "Samuel Okafor",
        "credentials": "MD, board certified in addiction medicine",
        "specialty": "Addiction medicine and medically supervised withdrawal",
        "bio": "Dr. Okafor is our medical director. He oversees detox and medication treatment, and reviews what we "
        "write about withdrawal, medication and safety.",
    },
]

# Shared by the articles below: (title, publisher, address, date).
ASAM_CRITERIA = (
    "The ASAM Criteria, fourth edition",
    "American Society of Addiction Medicine",
    "https://www.asam.org/asam-criteria",
    None,
)
TIP_47 = (
    "TIP 47: Clinical Issues in Intensive Outpatient Treatment",
    "Substance Abuse and Mental Health Services Administration (SAMHSA)",
    "",
    None,
)
SAMHSA_HELPLINE = (
    "SAMHSA's National Helpline",
    "Substance Abuse and Mental Health Services Administration (SAMHSA)",
    "https://www.samhsa.gov/find-help/helplines/national-helpline",
    None,
)
PARITY = (
    "The Mental Health Parity and Addiction Equity Act",
    "Centers for Medicare & Medicaid Services",
    "https://www.cms.gov/marketplace/private-health-insurance/mental-health-parity-addiction-equity",
    None,
)

TOPICS = [
    {
        "slug": "treatment-programs",
        "name": "Treatment programs",
        "description": "How the different kinds of treatment work.",
    },
    {
        "slug": "paying-for-treatment",
        "name": "Paying for treatment",
        "description": "Insurance, self-pay and what to ask.",
    },
]

IOP_QUESTIONS = [
    (
        "What does IOP mean?",
        "IOP stands for **intensive outpatient program**. It treats substance use disorders and mental health "
        "disorders, and the two often go together. At the end of each day of treatment you go home, or back to "
        "a sober living residence.",
    ),
    (
        "When is IOP used?",
        "In three common situations:\n\n- as a first step for someone whose condition does not call for inpatient care;\n"
        "- as a step down after residential or inpatient treatment;\n- to restore structure after a short relapse.",
    ),
    (
        "How does an IOP work?",
        "It starts with an evaluation by our clinical team, who set a plan with you. Most people come in three "
        "to five times a week, often in blocks of about three hours, for 9 to 19 hours of group and "
        "individual therapy a week [1]. Twelve-step meetings are encouraged. As you make progress, the weekly hours go down.",
    ),
    (
        "How is IOP different from day treatment (PHP)?",
        "Day treatment, or partial hospitalization, is similar but more intensive, with more hours each week and "
        "a higher level of care. Part-time work or school may still fit around PHP; IOP leaves room for full-time "
        "work, school or family duties.",
    ),
    (
        "Does IOP work?",
        "When IOP suits the person, its results compare well with inpatient care. "
        "Because it fits around daily life, people tend to stay in "
        "treatment and finish it. IOPs offer most of the same therapies, and medication-assisted treatment too.",
    ),
    (
        "How long does IOP last?",
        "Usually 8 to 12 weeks, and it can be extended. People with severe or long-standing addiction, or with "
        "co-occurring disorders, may stay longer. Intensity can be stepped down, or back up, as needed.",
    ),
    (
        "Does insurance pay for IOP?",
        "Most health plans cover mental health care, and that includes treatment for substance use. How much of "
        "an IOP they pay depends on the plan: it may pay only part of the cost, usually "
        "after the yearly deductible (what you pay each year before your plan starts to pay). We can check your benefits for you.",
    ),
    (
        "What is the difference between inpatient and outpatient care?",
        "Inpatient means living at the facility full time, and suits serious addictions. Outpatient is part time: "
        "you live at home or in sober living, with more freedom, and can often keep working or studying.",
    ),
    (
        "Who is a good fit for IOP?",
        "IOP tends to suit people who:\n\n- have a mild addiction, or have finished inpatient care or PHP;\n"
        "- are motivated and can stay away from substances;\n- have a stable, sober home;\n"
        "- have duties at home, work or school, such as children, an older or disabled relative, or even pets.",
    ),
    (
        "How do I choose an IOP?",
        "Look for a program that is licensed and accredited, with certified clinical staff and several "
        "evidence-based approaches. Check that it takes your insurance and offers tracks you may need, such as "
        "dual diagnosis care. If you can, tour the facility and talk with alumni.",
    ),
]

ARTICLES = [
    {
        "slug": "what-is-iop",
        "title": "What is IOP? 10 questions about intensive outpatient programs",
        "introduction": (
            "An intensive outpatient program lets you get serious treatment for addiction or mental health "
            "while you keep living at home. Here are plain answers to the questions people ask us most."
        ),
        "closing": (
            "Every person's situation is different. If you are wondering whether IOP is right for you or "
            "someone you love, our admissions team can talk it through with you at any hour."
        ),
        "questions": IOP_QUESTIONS,
        "topics": ["treatment-programs"],
        "levels": ["intensive-outpatient", "partial-hospitalization"],
        "sources": [ASAM_CRITERIA, TIP_47, SAMHSA_HELPLINE],
        "days_ago": 3,
    },
    {
        "slug": "inpatient-vs-outpatient",
        "title": "Inpatient or outpatient treatment: which is right for you?",
        "introduction": (
            "Choosing between living at a treatment center and getting care while you live at home is one "
            "of the first decisions in recovery. These answers explain the difference."
        ),
        "closing": "Not sure where to begin? A clinical evaluation answers that question for you, and it starts with a call.",
        "questions": [
            (
                "What does inpatient treatment mean?",
                "You live at the facility full time, with staff present around the clock. It is meant for serious addictions and for people who need a safe place away from home.",
            ),
            (
                "What does outpatient treatment mean?",
                "You come in for therapy part of the week and live at home or in sober living. You keep more freedom, and work or school can often continue.",
            ),
            (
                "Can I move from one to the other?",
                "Yes. Many people begin with detox or residential care and step down through PHP and IOP to outpatient therapy. Care can also step up if you need more support.",
            ),
            (
                "Who decides which level I need?",
                "Our clinicians, together with you, after an evaluation at admission. The plan follows you, not a fixed schedule.",
            ),
        ],
        "topics": ["treatment-programs"],
        "levels": ["residential", "outpatient", "intensive-outpatient"],
        "sources": [ASAM_CRITERIA, SAMHSA_HELPLINE],
        "reviewer": "samuel-okafor",
        "days_ago": 10,
    },
    {
        "slug": "insurance-and-treatment",
        "title": "Does insurance cover addiction treatment? 5 questions",
        "introduction": "Worry about cost keeps many people from asking for help. Here is how coverage usually works.",
        "closing": "[Ask us to verify your insurance](/insurance/verify/), or call, and we will check your benefits "
        "for free, with no obligation.",
        "questions": [
            (
                "Is addiction treatment covered by health insurance?",
                "Most plans cover mental health care, and substance use treatment is part of it. What is covered, and how much, depends on your plan.",
            ),
            (
                "Will I have to pay anything?",
                "Often yes: coverage may pay only part of the costs, and usually applies once you have met your yearly deductible. The deductible is what you pay each year before your plan starts to pay.",
            ),
            (
                "What if I do not have insurance?",
                "Self-pay is possible, and outpatient programs such as IOP cost less than residential care. Ask us about options.",
            ),
            (
                "Which kinds of coverage are there?",
                "Private insurance, Medicaid, Medicare and military coverage (TRICARE) all exist; each has its own rules for treatment.",
            ),
            (
                "How do I find out what my plan covers?",
                "Give us the name of your insurance company and your member ID (the number your plan knows you by) by phone, and our admissions team will verify your benefits and explain them.",
            ),
        ],
        "topics": ["paying-for-treatment"],
        "levels": ["intensive-outpatient"],
        "sources": [PARITY, SAMHSA_HELPLINE],
        "days_ago": 20,
    },
]


def load_articles(levels):
    """Create or update the demo reviewer, topics and articles, linked to `levels` ({slug: level})."""
    # No photo: a circle of initials would only pretend to be one (a rerun removes those it once made).
    reviewers = {
        data["slug"]: Reviewer.objects.update_or_create(
            slug=data["slug"], defaults={**data, **spanish.REVIEWERS[data["slug"]], "picture": None}
        )[0]
        for data in REVIEWERS
    }
    Picture.objects.filter(name__in=[f"Reviewer: {data['name']}" for data in REVIEWERS], is_decorative=True).delete()
    iop_picture = save_picture(
        "Article: What is IOP",
        landscape(7, ((236, 214, 232), (250, 240, 234)), [(190, 170, 196), (150, 128, 160), (110, 92, 126)]),
        "A drawing of lavender hills at dusk under a low sun.",
        alt_text_es=spanish.IOP_PICTURE_ALT,
    )
    topics = {
        data["slug"]: Topic.objects.update_or_create(
            slug=data["slug"], defaults={**data, **spanish.TOPICS[data["slug"]]}
        )[0]
        for data in TOPICS
    }
    now = timezone.now()
    for data in ARTICLES:
        published = now - timedelta(days=data["days_ago"])
        fields = {
            "title": data["title"],
            "introduction": data["introduction"],
            "closing": data["closing"],
            "status": Article.Status.PUBLISHED,
            "reviewer": reviewers[data.get("reviewer", "dana-whitfield")],
            "picture": iop_picture if data["slug"] == "what-is-iop" else None,
            "last_reviewed": published.date(),
        }
        translated = spanish.ARTICLES.get(data["slug"], {})
        fields.update({name: value for name, value in translated.items() if name != "questions"})
        spanish_questions = translated.get("questions", [])
        # A rerun keeps the original publish date.
        article, _ = Article.objects.update_or_create(
            slug=data["slug"], defaults=fields, create_defaults={**fields, "publish_at": published}
        )
        article.topics.set([topics[slug] for slug in data["topics"]])
        article.related_levels.set([levels[slug] for slug in data["levels"]])
        for position, (question, answer) in enumerate(data["questions"], start=1):
            question_es, answer_es = spanish_questions[position - 1] if spanish_questions else (None, None)
            Question.objects.update_or_create(
                article=article,
                position=position,
                defaults={"question": question, "answer": answer, "question_es": question_es, "answer_es": answer_es},
            )
        article.questions.filter(position__gt=len(data["questions"])).delete()
        article.sources.all().delete()
        Source.objects.bulk_create(
            Source(article=article, position=position, title=title, publisher=publisher, url=url, published_on=day)
            for position, (title, publisher, url, day) in enumerate(data["sources"], start=1)
        )
