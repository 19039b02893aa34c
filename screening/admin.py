"""What the center edits for its screen: the substances asked about, the risk questions with their
scoring rules, the level-of-care rules and the places people are referred out to."""

from django.contrib import admin

from staff.admin_base import StaffAdmin

from .models import LevelRule, ReferralOut, RiskQuestion, RiskRule, Substance


@admin.register(Substance)
class SubstanceAdmin(StaffAdmin):
    list_display = ["name", "position", "withdrawal_red_flag", "is_active"]
    list_editable = ["position", "withdrawal_red_flag", "is_active"]
    refuse_stale_edits = True


class RiskRuleInline(admin.TabularInline):
    model = RiskRule
    extra = 1
    fields = ["when", "level"]


@admin.register(RiskQuestion)
class RiskQuestionAdmin(StaffAdmin):
    list_display = ["__str__", "text", "asks_recency", "rule_list"]
    inlines = [RiskRuleInline]
    refuse_stale_edits = True

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("rules")

    @admin.display(description="scoring")
    def rule_list(self, question):
        return (
            "; ".join(f"{rule.get_when_display()} → {rule.get_level_display()}" for rule in question.rules.all()) or "—"
        )


@admin.register(LevelRule)
class LevelRuleAdmin(StaffAdmin):
    list_display = ["position", "fact", "level", "is_active"]
    list_display_links = ["fact"]
    list_editable = ["position", "is_active"]
    list_select_related = ["level"]
    refuse_stale_edits = True


@admin.register(ReferralOut)
class ReferralOutAdmin(StaffAdmin):
    list_display = ["name", "kind", "phone", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "kind"]
    refuse_stale_edits = True
