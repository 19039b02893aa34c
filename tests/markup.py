"""Read a page as a person does: find an element by where it is (tag, id, class, attribute) and compare
its whole text, so a label or a value is checked in the element it belongs to, not anywhere on the page.

    one(response, "#error-summary h2").text == "Please fix 2 things below. ..."
    texts(response, "ul.messagelist li") == ["Contact logged."]

Selectors are a small part of CSS: compounds such as `tag#id.class[attr=value]` joined by spaces (any
descendant) or `>` (a child)."""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
COMPOUND = re.compile(r"([\w-]+)|#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:=\"?([^\]\"]*)\"?)?\]")


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def text(self):
        """The text inside, spaces run together as a browser shows them."""
        return " ".join("".join(self._strings()).split())

    def _strings(self):
        for child in self.children:
            yield from child._strings() if isinstance(child, Element) else [child]

    def descendants(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.descendants()

    def select(self, selector):
        """Every element the selector finds below this one, in page order."""
        found = [self]
        for combinator, compound in _steps(selector):
            if combinator == ">":
                candidates = [child for element in found for child in element.children if isinstance(child, Element)]
            else:
                candidates = [d for element in found for d in element.descendants()]
            seen, found = set(), []
            for candidate in candidates:
                if id(candidate) not in seen and _matches(candidate, compound):
                    seen.add(id(candidate))
                    found.append(candidate)
        return found

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>{self.text[:80]}"


def _steps(selector):
    combinator = " "
    for token in re.findall(r">|(?:[^\s>\[]|\[[^\]]*\])+", selector):
        if token == ">":
            combinator = ">"
            continue
        yield combinator, token
        combinator = " "


def _matches(element, compound):
    classes = element.attrs.get("class", "").split()
    for tag, id_, class_, attr, value in COMPOUND.findall(compound):
        if tag and element.tag != tag.lower():
            return False
        if id_ and element.attrs.get("id") != id_:
            return False
        if class_ and class_ not in classes:
            return False
        if attr and (attr not in element.attrs or (value and element.attrs[attr] != value)):
            return False
    return True


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {})

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {name: value or "" for name, value in attrs}, self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {name: value or "" for name, value in attrs}, self.current))

    def handle_endtag(self, tag):
        # An end tag closes its open element and any left open inside it; a stray one is ignored.
        element = self.current
        while element is not self.root and element.tag != tag:
            element = element.parent
        if element is not self.root:
            self.current = element.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(page):
    """`page`: a response or its HTML."""
    builder = _Builder()
    builder.feed(page if isinstance(page, str) else page.content.decode())
    builder.close()
    return builder.root


def select(page, selector):
    return (page if isinstance(page, Element) else parse(page)).select(selector)


def one(page, selector):
    """The one element the selector finds; fails if there are none or several."""
    found = select(page, selector)
    assert len(found) == 1, f"{selector!r} found {len(found)} elements: {found}"
    return found[0]


def texts(page, selector):
    return [element.text for element in select(page, selector)]


def links(page, start):
    """(address, text) of the links in the page's main part whose address starts with `start`."""
    return [(a.attrs["href"], a.text) for a in select(page, "main a[href]") if a.attrs["href"].startswith(start)]


def captioned(page, caption):
    """The table whose caption reads `caption`."""
    found = [table for table in select(page, "table") if [c.text for c in table.select("caption")] == [caption]]
    assert len(found) == 1, f"{len(found)} tables are captioned {caption!r}"
    return found[0]


def cells(table):
    """The body rows of `table`, each a list of its cells' texts (headings and data)."""
    return [
        [cell.text for cell in row.children if isinstance(cell, Element) and cell.tag in ("th", "td")]
        for row in table.select("tbody tr")
    ]


def definition(page, term):
    """The text of the <dd> a <dt> reading `term` names."""
    found = [dt for dt in select(page, "dt") if dt.text == term]
    assert len(found) == 1, f"{len(found)} <dt> read {term!r}"
    following = found[0].parent.children[found[0].parent.children.index(found[0]) + 1 :]
    return next(element for element in following if isinstance(element, Element) and element.tag == "dd").text


# The admin's pages.


def listed(response, column="name"):
    """The `column` cells of the rows an admin list shows, in order, after checking that the rows
    drawn are the rows the list chose (each row's first link opens its object)."""
    page = parse(response)
    chosen = [obj.pk for obj in response.context["cl"].result_list]
    links = [row.select("a[href]")[0].attrs["href"] for row in page.select("#result_list tbody tr")]
    assert [int(re.search(r"/(\d+)/change/", link)[1]) for link in links] == chosen, (links, chosen)
    return texts(page, f"#result_list tbody .field-{column}")


def admin_field(page, name):
    """(label, value) of the admin form's row for field `name`: the value of a read-only one as shown."""
    row = one(page, f".form-row.field-{name}")
    value = row.select(".readonly")
    return one(row, "label").text, value[0].text if value else None


def admin_messages(response):
    return texts(response, "ul.messagelist li")
