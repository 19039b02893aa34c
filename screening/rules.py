"""The facts a level rule may ask of the answers, and the rule that proposes a level."""

from .models import Fact, MedicalSection, RiskLevel, SubstanceUse, YesNo


def withdrawal_red_flag(withdrawal, uses):
    """Seizures or DTs in withdrawal before, or heavy daily use of a substance marked as a red flag
    (alcohol, benzodiazepines): "Medical detox evaluation needed"."""
    if withdrawal.seizures == YesNo.YES or withdrawal.delirium_tremens == YesNo.YES:
        return True
    return any(
        use.substance.withdrawal_red_flag and use.heavy and use.frequency == SubstanceUse.Frequency.DAILY
        for use in uses
    )


def facts(sections, uses):
    """The Facts that hold for a screen's sections ({key: section}) and substance uses."""
    risk = sections["risk"].risk_level
    held = {
        Fact.WITHDRAWAL_RED_FLAG: withdrawal_red_flag(sections["withdrawal"], uses),
        Fact.HIGH_RISK: risk == RiskLevel.HIGH or sections["risk"].recent_behaviour,
        Fact.MODERATE_RISK: risk in (RiskLevel.MODERATE, RiskLevel.HIGH) or sections["risk"].recent_behaviour,
        Fact.NO_SAFE_PLACE: sections["living"].safe_at_home == YesNo.NO
        or sections["living"].situation == sections["living"].Situation.UNHOUSED,
        Fact.DAILY_USE: any(use.frequency == SubstanceUse.Frequency.DAILY for use in uses),
        Fact.INJECTION: any(use.route == SubstanceUse.Route.INJECTED for use in uses),
        Fact.PREGNANT: sections["medical"].pregnancy == MedicalSection.Pregnancy.YES,
        Fact.COURT_ORDERED: sections["legal"].court_ordered == YesNo.YES,
        Fact.ANY_USE: bool(uses),
    }
    return {fact for fact, holds in held.items() if holds}


def proposal(held, rules):
    """The first rule in use, by position, whose fact holds; None if none does."""
    return next((rule for rule in rules if rule.is_active and rule.fact in held), None)
