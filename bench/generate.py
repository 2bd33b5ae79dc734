"""Generates documents like the seeds (reports with quotes, study notes, briefs, cited explainers)."""

import random
from pathlib import Path

COUNTRIES = [
    "India",
    "Japan",
    "Australia",
    "Canada",
    "Brazil",
    "Kenya",
    "Chile",
    "Indonesia",
    "Vietnam",
    "Germany",
]
MINERALS = ["lithium", "cobalt", "nickel", "graphite", "copper", "rare earths", "gallium", "germanium"]
CITIES = [
    "New Delhi",
    "Tokyo",
    "Canberra",
    "Ottawa",
    "Brasilia",
    "Nairobi",
    "Santiago",
    "Jakarta",
    "Hanoi",
    "Berlin",
]
FIRST = ["Asha", "Marco", "Kenji", "Lena", "Ravi", "Sofia", "Tomas", "Amara", "Diego", "Mei", "Omar", "Priya"]
LAST = [
    "Menon",
    "Rossi",
    "Sato",
    "Fischer",
    "Iyer",
    "Costa",
    "Novak",
    "Okafor",
    "Silva",
    "Chen",
    "Haddad",
    "Rao",
]
TITLES = ["Foreign Minister", "Trade Minister", "Mines Minister", "Secretary of State", "Energy Minister"]


def _person(rng):
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def report(rng, n: int) -> str:
    a, b = rng.sample(COUNTRIES, 2)
    mineral, city = rng.choice(MINERALS), rng.choice(CITIES)
    p1, p2 = _person(rng), _person(rng)
    t1, t2 = rng.sample(TITLES, 2)
    amount = rng.randint(2, 90)
    return f"""

{a} and {b} sign pact to secure supply of {mineral} ({n})

The agreement comes weeks after talks on {mineral} supply chains in {city}.

Written by: **{_person(rng)}** 3 min read {city} Updated: May {rng.randint(1, 28)}, 2026 0{rng.randint(1, 9)}:1{rng.randint(0, 9)} AM IST

{t1} {p1}, left, shakes hands with {t2} {p2} after signing an MOU in {city}. (AP Photo)

Make us preferred source on Google

{rng.randint(1, 9)}

{a} and {b} signed a bilateral **{mineral} framework on Tuesday**, as {t1} {p1} met {t2} {p2} in {city}. **This is significant since there are legitimate**

concerns over export curbs on {mineral} which are crucial for the manufacturing of cars to phones.

Also Read | What is the {mineral} partnership and what are its objectives?

At the signing ceremony on Tuesday, {p1.split()[1]} said, "We are today signing a framework on securing supply of {mineral}. It is clearly something very timely, something very important for both our countries."

"This framework aims to deepen our cooperation across the entire {mineral} supply chain, including mining, processing and recycling," he said.

STORIES YOU MAY LIKE



Ten things to know about the monsoon session this year



Avoid non-essential travel: advisory issued over outbreak

{p2.split()[1]} said, "Today is a tangible example of our partnership and how important that is for

our national interest. This is a very important step for {mineral} supply chains in the region."

The embassy said that the initiative marks a "milestone" in the partnership. It said the government is mobilising resources, supporting projects with more than \\${amount} billion in letters of interest. "These investments are having a multiplier effect, mobilizing private capital many times greater than government outlays," it said.

CURATED FOR YOU"""


def summary(rng, n: int) -> str:
    a, b = rng.sample(COUNTRIES, 2)
    mineral = rng.choice(MINERALS)
    items = "\n\n".join(
        rng.sample(
            [
                "Electric vehicles (EVs)",
                "Renewable energy systems",
                "Semiconductor manufacturing",
                "Aerospace and defence industries",
                "Electronics",
            ],
            4,
        )
    )
    brand = f"{rng.choice(LAST)} IAS Academy"
    address = f"Plot {rng.randint(1, 99)}, Main Rd, Anna Nagar, Chennai 6000{rng.randint(10, 99)}\nPhone: 044 4353 {rng.randint(1000, 9999)}"
    return f"""


{brand.upper()}
Only Academy for the exam

{a}–{b} Cooperation on {mineral.title()} ({n})

Published On: {rng.randint(10, 28)}-05-2026

{a} and {b} have strengthened cooperation in the {mineral} sector through a new bilateral framework agreement focused on mining, processing, refining and recycling.

Key Highlights

The framework focuses on the entire {mineral} value chain, including exploration, mining, processing and refining.

{brand}

{address}

Importance for {a}:

The partnership is expected to help secure long-term access to strategic minerals required for:

{items}

{brand}

{address.replace("Main Rd", "Main Road")}

Important Facts:

{b} currently dominates global {mineral} refining and processing.

Important Personalities:

{rng.choice(TITLES)} of {a}: {_person(rng)}"""


def brief(rng, n: int) -> str:
    a, b = rng.sample(COUNTRIES, 2)
    mineral = rng.choice(MINERALS)
    return f"""{a}-{b} Discuss Formalizing {mineral.title()} Cooperation Framework ({n})
{a}'s {rng.choice(TITLES)} and {b}'s counterpart discussed formalizing bilateral cooperation on {mineral} exploration, mining, and processing, according to the ministry.

*this image is generated using AI for illustrative purposes only.
Scope of Cooperation
The proposed cooperation encompasses three key areas:
- Exploration: Joint efforts in identifying {mineral} deposits
- Mining: Collaborative approaches to extraction
- Processing: Shared expertise for refining {mineral}
"""


def explainer(rng, n: int) -> str:
    a, b = rng.sample(COUNTRIES, 2)
    mineral, city = rng.choice(MINERALS), rng.choice(CITIES)
    return f"""{a} and {b} signed a {mineral} framework agreement in {city} to secure strategic supply chains [1].
This pact is a strategic move to reduce reliance on a single supplier, which currently dominates the refining of {mineral} [2]. By coordinating mining and processing efforts, both nations aim to protect the production of batteries and electronics [3].
Both nations said that the partnership will prioritize the diversification of sources for these minerals [2].
“{a} and {b} signed a {mineral} framework agreement in {city} to secure strategic supply chains.”
This agreement signals a deepening of the strategic partnership ({n}), shifting from diplomatic alignment to hard-asset security.
"""


KINDS = [report, report, report, summary, summary, brief, brief, explainer]


def generate(folder: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        make = KINDS[n % len(KINDS)]
        (folder / f"{n:05d}_{make.__name__}.txt").write_text(make(rng, n), encoding="utf-8")
