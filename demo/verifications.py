"""Demo insurance verifications, one or more in each state, with made-up plan numbers."""

from datetime import date, timedelta

from django.utils import timezone

from intake.models import Inquiry, InsuranceVerification, LevelBenefit

Status = InsuranceVerification.Status
# (name of the person inquiring, carrier, status, result, hours ago requested, hours to done)
VERIFICATIONS = [
    ("Demo Person A", "blue_shield", Status.REQUESTED, "", 1, None),
    ("Demo Person B", "aetna", Status.IN_PROGRESS, "", 5, None),
    ("Demo Person C", "cigna", Status.VERIFIED, "in_network", 30, 2),
    ("Demo Person D", "anthem", Status.VERIFIED, "out_of_network", 24 * 40, 3),
    ("Demo Person E", "medi_cal", Status.NOT_VERIFIED, "", 60, 6),
]


def load_verifications(levels):
    """One verification for each demo inquiry named above that has none yet; how many were made."""
    now, made = timezone.now(), 0
    for number, (name, carrier, status, result, hours_ago, hours_to_done) in enumerate(VERIFICATIONS, start=1):
        inquiry = Inquiry.objects.filter(name=name).first()
        if inquiry is None or inquiry.verifications.exists():
            continue
        requested = now - timedelta(hours=hours_ago)
        done = requested + timedelta(hours=hours_to_done) if hours_to_done else None
        verification = InsuranceVerification.objects.create(
            inquiry=inquiry, source=InsuranceVerification.Source.WEBSITE, carrier=carrier,
            member_id=f"DEMO{number:04d}{hours_ago:05d}", group_number=f"G-{number:03d}",
            patient_birth_date=date(1970 + 5 * number, number, 10 + number),
            status=status, result=result, requested_at=requested,
            started_at=requested + timedelta(minutes=30) if status != Status.REQUESTED else None,
            completed_at=done,
            plan_type="ppo" if result else "", deductible=1500 if result else None,
            deductible_met=400 if result else None, out_of_pocket_max=6500 if result else None,
            out_of_pocket_met=400 if result else None,
            notes="Demo: benefits as the carrier read them on the call." if result else "",
        )  # fmt: skip
        if result == "in_network":
            for slug, share, amount, authorization in (
                ("residential", "coinsurance", 20, True),
                ("intensive-outpatient", "copay", 40, False),
            ):
                if slug in levels:
                    LevelBenefit.objects.create(
                        verification=verification, level=levels[slug], cost_share=share, amount=amount,
                        prior_authorization=authorization,
                    )  # fmt: skip
        made += 1
    return made
