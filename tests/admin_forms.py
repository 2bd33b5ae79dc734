"""Turns an admin page into the POST data a browser would send back unchanged.

It reads the HTML the browser would see (not the form objects), so a field the page forgets to
render is missing here too, as it would be from a real browser's submission.
"""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.depth = 0
        self.data: dict[str, object] = {}
        self.select: str | None = None
        self.select_multiple = False
        self.textarea: str | None = None
        self.text: list[str] = []

    def _add(self, name: str, value: str, multiple: bool = False) -> None:
        if multiple:
            self.data.setdefault(name, [])
            self.data[name].append(value)
        else:
            self.data[name] = value

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (self.form_id is None or attrs.get("id") == self.form_id) and not self.inside:
            self.inside, self.depth = True, 0
            return
        if not self.inside:
            return
        if tag == "form":
            self.depth += 1
        name = attrs.get("name")
        if tag == "input" and name and "__prefix__" not in name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
                return
            self._add(name, attrs.get("value", ""))
        elif tag == "textarea" and name and "__prefix__" not in name:
            self.textarea, self.text = name, []
        elif tag == "select" and name and "__prefix__" not in name:
            self.select, self.select_multiple = name, "multiple" in attrs
            if self.select_multiple:
                self.data.setdefault(name, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self._add(self.select, attrs.get("value", ""), self.select_multiple)

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "form":
            if self.depth == 0:
                self.inside = False
            else:
                self.depth -= 1
        elif tag == "textarea" and self.textarea:
            text = "".join(self.text)
            self.data[self.textarea] = text[1:] if text.startswith("\n") else text
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)


def form_data(html: str, form_id: str | None = None) -> dict:
    reader = _FormReader(form_id)
    reader.feed(html)
    return reader.data


def change_form_data(response) -> dict:
    """Every field the admin change form renders, with the values it shows."""
    opts = response.context["opts"]
    return form_data(response.content.decode(), f"{opts.model_name}_form")
