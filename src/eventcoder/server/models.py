"""Request and response models of the API (documents themselves use the shipped JSON Schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# Years 1000-9999, months 01-12, days 01-31 (the server also refuses days a month lacks: 2023-02-30).
DATE_PATTERN = r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$"


class ExtractRequest(BaseModel):
    """One report to extract.  Unknown fields are refused (there is no 'path': the server opens no files)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article text (plain text).")
    published: str | None = Field(None, pattern=DAY_PATTERN, description="Publication date YYYY-MM-DD.")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=300, description="Outlet name.")
    url: str | None = Field(None, max_length=2000)
    id: str | None = Field(
        None, pattern=ID_PATTERN, description="Document id (default: derived from the text's SHA-256)."
    )


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class Page(BaseModel):
    total: int = Field(description="Rows matching the filters, over all pages.")
    limit: int
    offset: int


class DocumentRow(BaseModel):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    dateline: str | None
    license: str | None
    n_actors: int
    n_quotes: int
    n_events: int
    extracted_at: str | None


class DocumentPage(Page):
    items: list[DocumentRow]


class EventRow(BaseModel):
    doc_id: str
    event_id: str
    type: str
    mode: str | None
    context: list[str]
    actor: list[str] = Field(description="Actor ids within the document.")
    recipient: list[str]
    actor_names: list[str]
    recipient_names: list[str]
    actor_countries: list[str]
    recipient_countries: list[str]
    date: str | None
    location: str | None
    location_name: str | None
    lat: float | None
    lon: float | None
    negated: bool
    modality: str | None
    quote: str | None
    trigger: SpanOut
    evidence: SpanOut
    cameo: str | None
    confidence: float | None
    title: str | None = Field(description="Title of the document.")
    source: str | None
    published: str | None


class EventPage(Page):
    items: list[EventRow]


class ActorRow(BaseModel):
    name: str | None
    type: str | None
    country: str | None
    sector: str | None
    n_documents: int
    n_mentions: int
    n_as_actor: int = Field(description="Events with this actor as the source.")
    n_as_recipient: int
    example_doc: str | None = Field(description="A document that mentions the actor.")


class ActorPage(Page):
    items: list[ActorRow]


class QuoteRow(BaseModel):
    doc_id: str
    quote_id: str
    text: str | None
    start: int | None
    end: int | None
    kind: str | None
    speaker: str | None
    speaker_name: str | None
    speaker_text: str | None
    cue: str | None
    confidence: float | None
    title: str | None
    published: str | None


class QuotePage(Page):
    items: list[QuoteRow]


class IncidentRow(BaseModel):
    """One real-world event reported by one or more documents (filled by the corpus runner)."""

    model_config = ConfigDict(extra="allow")

    id: str
    type: str | None = None
    n_documents: int | None = None
    n_sources: int | None = None
    first_seen: str | None = None
    last_seen: str | None = None


class IncidentPage(Page):
    items: list[IncidentRow]


class Count(BaseModel):
    key: str
    n: int


class TimelineCell(BaseModel):
    period: str
    type: str
    n: int


class Edge(BaseModel):
    source: str
    target: str
    n: int


class SpeakerRow(BaseModel):
    name: str
    n_quotes: int
    n_documents: int
    examples: list[dict[str, Any]] = Field(
        description="A few of the speaker's quotes: doc_id, quote_id, text."
    )


class PlaceCount(BaseModel):
    name: str
    country: str | None
    lat: float
    lon: float
    n: int


class Totals(BaseModel):
    documents: int
    events: int
    actors: int
    quotes: int
    places: int
    incidents: int


class Stats(BaseModel):
    totals: Totals
    matching_events: int = Field(description="Events matching the filters.")
    granularity: str = Field(description="'day' or 'month': the period of the timeline.")
    by_type: list[Count]
    timeline: list[TimelineCell]
    network_actors: list[Edge]
    network_countries: list[Edge]
    speakers: list[SpeakerRow]
    places: list[PlaceCount]
    sources: list[Count]
