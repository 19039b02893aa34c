from core.languages import translated_fields


def english_names(data, model, inlines=None):
    """Admin form data with each translated field under the name the admin's form gives its English:
    title → title_en for `model`, questions-0-question → questions-0-question_en for an inline's model
    (`inlines`: {prefix: model})."""
    names = {"": set(translated_fields(model))}
    names.update({prefix: set(translated_fields(inline)) for prefix, inline in (inlines or {}).items()})
    renamed = {}
    for key, value in data.items():
        prefix = key.partition("-")[0] if "-" in key else ""
        name = key.rpartition("-")[2]
        renamed[f"{key}_en" if name in names.get(prefix, ()) else key] = value
    return renamed
