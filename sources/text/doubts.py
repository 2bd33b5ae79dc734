"""What the import could not establish about a document, said plainly for the editor who checks it."""

from dataclasses import dataclass

NO_DATE = "no-date"
HEADLINE_GUESSED = "headline-guessed"
SPEAKER_UNKNOWN = "speaker-unknown"
PUBLISHER_NOT_FOUND = "publisher-not-found"
FURNITURE_KEPT = "furniture-kept"

LABELS = {
    NO_DATE: "no date found",
    HEADLINE_GUESSED: "headline guessed",
    SPEAKER_UNKNOWN: "speaker unknown",
    PUBLISHER_NOT_FOUND: "publisher not found",
    FURNITURE_KEPT: "unusual furniture kept",
}


@dataclass(frozen=True)
class Doubt:
    kind: str  # one of LABELS
    detail: str = ""  # what the editor should look at: the guessed headline, the quote, the kept line…

    @classmethod
    def from_stored(cls, item: dict) -> "Doubt":
        """A doubt as a source and an import's report keep it (JSON: kind, label, detail)."""
        return cls(item.get("kind", ""), item.get("detail") or "")

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind)

    def __str__(self) -> str:
        """The line every report shows: "speaker unknown: “…” (perhaps Carla Muñoz)"."""
        return f"{self.label}: {self.detail}" if self.detail else self.label
