"""Hostile text from ../shared/SECURITY.md §B: every one must be stored exactly and shown inert."""

from html.parser import HTMLParser

XSS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.invalid/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<details open ontoggle=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" &#14;  javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<a onmouseover=alert(document.cookie)>x</a>",
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="//evil.invalid/">',
    '<style>@import "//evil.invalid/x.css";</style>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div style="position:fixed;inset:0">fake overlay</div>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    '"><script>alert(1)</script>',
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "';alert(1);//",
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"`/+/onmouseover=1/+/[*/[]/+alert(42);//'>",
    '<a id="cite-1" name="cite-1">x</a>',
    "{{ 7*7 }}{% debug %}",
    "\u202eevil\u202c\u200b",
]

URL_PAYLOADS = [
    "javascript:alert(1)",
    "data:text/html,x",
    " javascript:alert(1)",
    "https://ok.example/\nSet-Cookie: x",
]

DANGEROUS_TAGS = {
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "base",
    "style",
    "noscript",
    "details",
    "frame",
    "applet",
}
SAFE_SCHEMES = ("http:", "https:", "mailto:", "/", "#", "?")


class _Checker(HTMLParser):
    """Walks the page as a browser would and records anything that could execute or restyle it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in DANGEROUS_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "script" and not (
            attributes.get("type") == "application/ld+json"
            or (attributes.get("src") or "").startswith("/static/")
        ):
            self.problems.append(f"<script {attributes}>")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append("<meta http-equiv>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name == "style":
                self.problems.append(f"<{tag} style=…>")
            if name in ("href", "src", "action", "formaction", "srcdoc", "data") and value is not None:
                cleaned = "".join(ch for ch in value if ch > " ").lower()
                scheme_like = ":" in cleaned.split("/", 1)[0] or name in ("srcdoc", "data")
                if not cleaned.startswith(SAFE_SCHEMES) and scheme_like:
                    self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("id", "name") and value == "cite-1":
                self.problems.append(f"<{tag} {name}={value!r}> clobbers a citation anchor")


def inert(html: str) -> list[str]:
    """Everything in `html` a browser would execute or that would restyle or clobber the page."""
    checker = _Checker()
    checker.feed(html)
    return checker.problems
