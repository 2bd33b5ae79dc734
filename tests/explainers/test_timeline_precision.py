"""An agreement's timeline puts each milestone where its sources place it, at the precision its date
is known: "India joined later that month" (known to the month) follows 4 February and reads
"February 2026"; "early March" comes before 10 March; a year known alone reads "2026"."""

import datetime as dt
import re
from pathlib import Path

import pytest

from explainers.importing.curation import load_curation
from explainers.importing.existing import Existing
from explainers.importing.files import read_document
from explainers.importing.parse import parse_document
from explainers.importing.plan import plan_import, plan_sources
from explainers.models import Claim
from explainers.timeline import milestone_key, milestone_order
from tests.factories import AgreementFactory, CitationFactory, ClaimFactory, SourceFactory, publish_now

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DAY, MONTH, YEAR = Claim.Precision.DAY, Claim.Precision.MONTH, Claim.Precision.YEAR

# Each story: (text, date, precision, placement) in the order the sources put the events.
STORIES = {
    "critical-minerals": [
        ("Forum launched in Washington.", dt.date(2026, 2, 4), DAY, ""),
        ("India joins the initiative later that month.", dt.date(2026, 2, 1), MONTH, "late"),
        ("The framework is signed in New Delhi.", dt.date(2026, 5, 26), DAY, ""),
    ],
    "fisheries": [
        ("Talks open in early March.", dt.date(2026, 3, 1), MONTH, "early"),
        ("First round ends in Nairobi.", dt.date(2026, 3, 10), DAY, ""),
        ("Negotiators meet mid-March.", dt.date(2026, 3, 1), MONTH, "mid"),
        ("Second round ends in Brussels.", dt.date(2026, 3, 20), DAY, ""),
        ("Protocol initialled; the month is all the sources give.", dt.date(2026, 3, 1), MONTH, ""),
        ("Protocol signed.", dt.date(2026, 4, 2), DAY, ""),
    ],
    "carbon-storage": [
        ("Feasibility study commissioned early in 2025.", dt.date(2025, 1, 1), YEAR, "early"),
        ("Licences awarded.", dt.date(2025, 6, 30), DAY, ""),
        ("Pipeline route agreed late in 2025.", dt.date(2025, 1, 1), YEAR, "late"),
        ("Treaty signed.", dt.date(2026, 1, 1), DAY, ""),
        ("Injection to start in 2026.", dt.date(2026, 1, 1), YEAR, ""),
    ],
    "water": [
        ("Basin plan review opens.", dt.date(2026, 2, 28), DAY, ""),
        ("Buybacks announced at the end of February.", dt.date(2026, 2, 1), MONTH, "late"),
        ("States consulted at the start of March.", dt.date(2026, 3, 1), MONTH, "early"),
        ("Deal struck on the first of March.", dt.date(2026, 3, 1), DAY, ""),
    ],
}


def build(slug: str, milestones) -> None:
    """An agreement whose milestones are created in an order unlike the timeline's (newest first)."""
    agreement = AgreementFactory(slug=slug)
    source = SourceFactory()
    for text, day, precision, placement in reversed(milestones):
        claim = ClaimFactory(
            text=text,
            agreement=agreement,
            occurred_on=day,
            occurred_precision=precision,
            occurred_placement=placement,
            status=Claim.Status.VERIFIED,
        )
        CitationFactory(claim=claim, source=source)
    publish_now(agreement)


def timeline_of(client, slug: str) -> list[tuple[str, str, str]]:
    """(datetime attribute, date as shown, text) of each milestone on the agreement's page."""
    html = client.get(f"/agreements/{slug}/").content.decode()
    section = html.split('id="timeline-heading"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<time datetime="([^"]+)">([^<]+)</time>\s*<p><a [^>]*>([^<]+)</a>', section)
    assert items, section
    return items


@pytest.mark.django_db
def test_every_agreements_timeline_follows_what_its_sources_say(client):
    for slug, milestones in STORIES.items():
        build(slug, milestones)
    for slug, milestones in STORIES.items():
        shown = [text for _, _, text in timeline_of(client, slug)]
        assert shown == [m[0] for m in milestones], slug


@pytest.mark.django_db
def test_a_date_known_to_the_month_or_year_reads_at_that_precision(client):
    build("critical-minerals", STORIES["critical-minerals"])
    build("carbon-storage", STORIES["carbon-storage"])
    minerals = timeline_of(client, "critical-minerals")
    assert [(a, b) for a, b, _ in minerals] == [
        ("2026-02-04", "4 February 2026"),
        ("2026-02", "February 2026"),
        ("2026-05-26", "26 May 2026"),
    ]
    carbon = {text: (a, b) for a, b, text in timeline_of(client, "carbon-storage")}
    assert carbon["Injection to start in 2026."] == ("2026", "2026")
    assert carbon["Pipeline route agreed late in 2025."] == ("2025", "2025")
    # Never the 1st of a month no source named.
    html = client.get("/agreements/critical-minerals/").content.decode()
    assert "1 February 2026" not in html


@pytest.mark.django_db
def test_a_claims_page_gives_its_date_at_its_precision(client):
    build("critical-minerals", STORIES["critical-minerals"])
    claim = Claim.objects.get(text__startswith="India joins")
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert 'about <time datetime="2026-02">February 2026</time>' in html


@pytest.mark.django_db
def test_a_version_frozen_before_placements_is_shown_in_the_sources_order(client):
    """A version published when a month-precision date sorted as its 1st is ordered again when shown."""
    build("critical-minerals", STORIES["critical-minerals"])
    version = snapshots_of("critical-minerals")
    content = version.content
    claims = content["claims"]
    content["timeline"] = sorted(content["timeline"], key=lambda pk: (claims[str(pk)]["occurred_on"], pk))
    for claim in claims.values():
        claim.pop("occurred_placement", None)
    version.save(update_fields=["content"])
    shown = [text for _, _, text in timeline_of(client, "critical-minerals")]
    assert shown == [m[0] for m in STORIES["critical-minerals"]]


def snapshots_of(slug):
    from explainers.models import Snapshot

    return Snapshot.objects.filter(kind="agreement", slug=slug).latest("published_at")


@pytest.mark.django_db
def test_editing_a_placement_in_the_admin_reorders_the_record_once_published(client, superuser):
    build("fisheries", STORIES["fisheries"])
    claim = Claim.objects.get(text__startswith="Protocol initialled")
    admin = client.__class__()
    admin.force_login(superuser)
    page = admin.get(f"/admin/explainers/claim/{claim.pk}/change/")
    assert page.status_code == 200 and 'name="occurred_placement"' in page.content.decode()
    Claim.objects.filter(pk=claim.pk).update(occurred_placement="early")
    publish_now(claim.agreement)
    shown = [text for _, _, text in timeline_of(client, "fisheries")]
    assert shown[0] == "Protocol initialled; the month is all the sources give."


def test_milestone_keys_place_a_period_around_the_days_dated_in_it():
    day = milestone_key(dt.date(2026, 2, 4), "day", "", 1)
    assert milestone_key(dt.date(2026, 2, 1), "month", "early", 9) < milestone_key(
        dt.date(2026, 2, 1), "day", "", 1
    )
    assert milestone_key(dt.date(2026, 2, 1), "month", "late", 2) > milestone_key(
        dt.date(2026, 2, 28), "day", "", 9
    )
    assert milestone_key(dt.date(2026, 2, 1), "month", "", 2) > day
    assert (
        day
        < milestone_key(dt.date(2026, 2, 1), "month", "mid", 2)
        < milestone_key(dt.date(2026, 2, 20), "day", "", 1)
    )
    assert milestone_key(dt.date(2026, 2, 1), "month", "late", 2) < milestone_key(
        dt.date(2026, 3, 1), "day", "", 1
    )
    # a leap year's February ends on the 29th
    assert milestone_key(dt.date(2028, 2, 1), "month", "", 1)[0] == dt.date(2028, 2, 29)
    assert milestone_order(
        [
            {"id": 1, "occurred_on": "2026-02-01", "occurred_precision": "month"},
            {"id": 2, "occurred_on": "2026-02-04", "occurred_precision": "day"},
            {"id": 3, "occurred_on": None, "occurred_precision": "day"},
        ]
    ) == [2, 1]


def test_the_seed_import_reads_later_that_month_into_the_milestone():
    documents = [parse_document(read_document(p, max_bytes=10**7)) for p in sorted(SEEDS.glob("*.txt"))]
    curation = load_curation(SEEDS / "curation.toml")
    sources, notes = plan_sources(documents, curation, Existing())
    made = plan_import(documents, curation, Existing(), sources, {}, notes)
    milestones = {
        row.values["text"]: row.values
        for row in made.agreement.claims
        if row.values.get("occurred_on") is not None
    }
    pax = next(v for text, v in milestones.items() if "Pax Silica" in text)
    assert (pax["occurred_precision"], pax["occurred_placement"]) == ("month", "late")
    assert all("occurred_placement" not in v for v in milestones.values() if v["occurred_precision"] == "day")
    content = [
        {
            "id": n,
            "occurred_on": v["occurred_on"],
            **{k: v.get(k, "") for k in ("occurred_precision", "occurred_placement")},
        }
        for n, v in enumerate(milestones.values())
    ]
    texts = list(milestones)
    ordered = [texts[n] for n in milestone_order(content)]
    assert (
        ordered.index(next(t for t in texts if "Pax Silica" in t))
        == ordered.index(next(t for t in texts if "FORGE" in t)) + 1
    )
