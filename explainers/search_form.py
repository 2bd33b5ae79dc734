"""The search page's form: the query, and filters by kind of record and by published date.

Every value comes from the URL: a value the form cannot read is reported beside the form and left
out of the search, never an error page.
"""

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.utils import timezone

from explainers.search import MAX_QUERY, Filters

KINDS = {
    "explainers": ("explainer",),
    "claims": ("claim",),
    "sources": ("source",),
    "people": ("person",),
    "agreements": ("agreement",),
}
KIND_CHOICES = [
    ("", "Everything"),
    ("explainers", "Explainers"),
    ("claims", "Claims"),
    ("sources", "Sources"),
    ("people", "People"),
    ("agreements", "Agreements"),
]
WHEN = {"week": dt.timedelta(days=7), "month": dt.timedelta(days=31), "year": dt.timedelta(days=366)}
WHEN_CHOICES = [("", "Any time"), ("week", "Past week"), ("month", "Past month"), ("year", "Past year")]
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2200, 12, 31)
PARAMETERS = ("q", "kind", "when", "since", "until")


class DateInput(forms.DateInput):
    input_type = "date"


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True, label="Search explainers, claims, sources and people")
    kind = forms.ChoiceField(choices=KIND_CHOICES, required=False, label="Show")
    when = forms.ChoiceField(choices=WHEN_CHOICES, required=False, label="Published")
    since = forms.DateField(
        required=False, label="From", widget=DateInput(format="%Y-%m-%d"), input_formats=["%Y-%m-%d"]
    )
    until = forms.DateField(
        required=False, label="To", widget=DateInput(format="%Y-%m-%d"), input_formats=["%Y-%m-%d"]
    )

    def __init__(self, data, **kwargs):
        # One value of each parameter the form reads (the rest of the URL is ignored).
        data = {name: data.get(name, "")[:MAX_QUERY] for name in PARAMETERS if name in data}
        super().__init__(data, **kwargs)

    def clean_q(self) -> str:
        return self.cleaned_data["q"][:MAX_QUERY].strip()

    def _date(self, name: str):
        value = self.cleaned_data.get(name)
        if value and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                "Enter a date between %(first)s and %(last)s.",
                params={"first": EARLIEST.year, "last": LATEST.year},
            )
        return value

    def clean_since(self):
        return self._date("since")

    def clean_until(self):
        return self._date("until")

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date comes before the start date.")
        if data.get("when") and (data.get("since") or data.get("until")):
            # Never silently: the dates apply, and the period is shown as not chosen.
            self.add_error("when", "Choose a period or dates, not both: the dates apply.")
        return data

    def filters(self) -> Filters:
        """The filters whose values were valid (an invalid one is left out)."""
        data = self.cleaned_data
        kinds = KINDS.get(data.get("kind") or "", ())
        since = until = None
        if data.get("since") or data.get("until"):
            since = _midnight(data.get("since"))
            until = _midnight(data["until"] + dt.timedelta(days=1)) if data.get("until") else None
        elif data.get("when"):
            since = timezone.now() - WHEN[data["when"]]
        return Filters(kinds=kinds, since=since, until=until)

    @property
    def narrowed(self) -> bool:
        """Whether a valid filter narrows the search."""
        return any(name in self.parameters() for name in ("kind", "when", "since", "until"))

    def parameters(self) -> dict[str, str]:
        """The valid, non-empty parameters, to keep in the page's links."""
        kept = {}
        for name in PARAMETERS:
            value = self.cleaned_data.get(name)
            if value and name not in self.errors:
                kept[name] = value.isoformat() if isinstance(value, dt.date) else value
        return kept


def _midnight(day: dt.date | None):
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def kind_tabs(parameters: dict[str, str]) -> list[dict]:
    """Links to the same search narrowed to each kind (the date filter kept, back to page 1)."""
    tabs = []
    for value, label in KIND_CHOICES:
        kept = {name: v for name, v in parameters.items() if name != "kind"}
        if value:
            kept["kind"] = value
        tabs.append(
            {"label": label, "url": "?" + urlencode(kept), "current": parameters.get("kind", "") == value}
        )
    return tabs


def page_url(parameters: dict[str, str], number: int) -> str:
    return "?" + urlencode({**parameters, "page": number})
