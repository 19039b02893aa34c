"""What a browser would send for a form on a page: each field's name and value as drawn."""

from html.parser import HTMLParser


def submitted(html, form_id):
    """{name: [values]} of the form with `form_id` in `html`, as pressing its default button sends it:
    checked boxes only, selected options, no buttons but `_save`."""
    parser = _FormParser(form_id)
    parser.feed(html)
    return parser.data


class _FormParser(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.data = form_id, False, {}
        self.textarea = self.select = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or attrs.get("disabled") is not None:
            return
        kind = (attrs.get("type") or "text").lower()
        if tag == "input" and attrs.get("name") and "__prefix__" not in attrs["name"]:
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "image", "file") and attrs["name"] != "_save":
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self._add(attrs["name"], attrs.get("value", default))
        elif tag == "textarea" and "__prefix__" not in attrs.get("name", "__prefix__"):
            self.textarea = [attrs["name"], ""]
        elif tag == "select" and "__prefix__" not in attrs.get("name", "__prefix__"):
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self._add(self.select, attrs.get("value", ""))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self._add(name, text[1:] if text.startswith("\n") else text)
            self.textarea = None
        elif tag == "select":
            self.select = None
