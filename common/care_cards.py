"""Care cards in editors' Markdown: advice on how soon to get help, as the NHS website shows it.

Editors type Python-Markdown's admonition syntax, a line naming the kind and a heading, then the
card's text indented by four spaces:

    !!! immediate "Call 911 or go to the emergency room if"
        - someone has a seizure
        - someone is hard to wake

The kinds are `non-urgent` ("ask for an appointment, call us"), `urgent` ("call us now, get help
today") and `immediate` ("call 911"); Spanish editors may type `no-urgente`, `urgente` or
`inmediato`. The heading may be left out. Each card becomes a region named by its kind in words
("Urgent advice:"), in the language of the text it is in, so it never relies on colour alone:

    <section class="care-card care-card-urgent" aria-label="Urgent advice: Call us now if">
    <p class="care-card-heading"><strong class="care-card-kind">Urgent advice:</strong> Call us now if</p>
    <div class="care-card-body">...</div>
    </section>

Any other `!!! kind` stays an admonition, which the link check refuses (core/links.py) and the
sanitiser would reduce to plain paragraphs.
"""

import xml.etree.ElementTree as etree

from django.utils.translation import gettext, pgettext_lazy
from markdown.extensions import Extension
from markdown.extensions.admonition import AdmonitionExtension
from markdown.treeprocessors import Treeprocessor

KINDS = {
    "non-urgent": pgettext_lazy("care card", "Non-urgent advice:"),
    "urgent": pgettext_lazy("care card", "Urgent advice:"),
    "immediate": pgettext_lazy("care card", "Immediate action required:"),
}
ALIASES = {"no-urgente": "non-urgent", "urgente": "urgent", "inmediato": "immediate"}

# For the sanitiser's allow-list (common/markdown.py): the only classes a card's elements carry.
CARD_CLASSES = {
    "section": {"care-card", *(f"care-card-{kind}" for kind in KINDS)},
    "p": {"care-card-heading"},
    "strong": {"care-card-kind"},
    "div": {"care-card-body"},
}
# Told beside every Markdown field in the admin (staff/markdown_preview.py).
SYNTAX_HELP = (
    "Care card: a line !!! non-urgent, !!! urgent or !!! immediate (call 911) with a heading in quotes, e.g. "
    '!!! urgent "Call us now if", then the card\'s text on the next lines, indented by four spaces.'
)
# What an admonition of another kind leaves in the HTML, for the link check to refuse.
OTHER_KIND_MARK = 'class="admonition'


class CareCardExtension(Extension):
    def extendMarkdown(self, md):
        AdmonitionExtension().extendMarkdown(md)
        # After the inline patterns (priority 20), so the heading's Markdown is already formatted.
        md.treeprocessors.register(CareCardTreeprocessor(md), "care_cards", 15)


class CareCardTreeprocessor(Treeprocessor):
    def run(self, root):
        for box in list(root.iter("div")):
            classes = box.get("class", "").split()
            if classes[:1] != ["admonition"] or len(classes) != 2:
                continue
            kind = ALIASES.get(classes[1], classes[1])
            if kind in KINDS:
                _make_card(box, kind)


def _make_card(box, kind):
    label = gettext(KINDS[kind])  # in the language active while the text is formatted
    title = box[0] if len(box) and box[0].get("class") == "admonition-title" else None
    # Without a quoted heading the admonition puts the kind's own name there: not a heading.
    if title is not None and "".join(title.itertext()).strip().lower() == box.get("class").split()[1]:
        box.remove(title)
        title = None
    body = [child for child in box if child is not title]
    for child in list(box):
        box.remove(child)
    box.tag = "section"
    box.attrib = {"class": f"care-card care-card-{kind}"}
    heading = etree.SubElement(box, "p", {"class": "care-card-heading"})
    strong = etree.SubElement(heading, "strong", {"class": "care-card-kind"})
    strong.text = label
    heading_text = ""
    if title is not None:
        strong.tail = " " + (title.text or "")
        heading.extend(list(title))
        heading_text = " ".join("".join(title.itertext()).split())
    box.set("aria-label", f"{label} {heading_text}" if heading_text else label.rstrip(":"))
    content = etree.SubElement(box, "div", {"class": "care-card-body"})
    content.extend(body)
