"""The reader and the dashboard in a real browser: Debian's headless Chromium driven by Playwright,
against a real uvicorn server on a free localhost port.

The seed report goes through the real pipeline; the interaction tests also
use the hand-built corpus of ``test_server_corpus.py``, whose every span is
known.  Screenshots for the README are saved under ``docs/img/`` by ``make screenshots``.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
    ),
]
pytest.importorskip("fastapi")
playwright_api = pytest.importorskip("playwright.sync_api")

from eventcoder.document import Actor, Document, Meta  # noqa: E402
from eventcoder.server import ServerSettings, create_app  # noqa: E402
from eventcoder.store import Store  # noqa: E402
from test_server_corpus import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# The README's pictures are refreshed only on request (make screenshots), so that an
# ordinary test run leaves the work tree as it found it; otherwise they go to a temp dir.
IMG = (
    ROOT / "docs" / "img"
    if os.environ.get("EVENTCODER_SCREENSHOTS") == "docs"
    else Path(tempfile.gettempdir()) / "eventcoder-screenshots"
)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = (
    "Officials said on Monday that the talks would go on. <script>window.__pwned = 'script'</script> "
    "The minister said the two sides would meet again. <img src=x onerror=\"window.__pwned = 'img'\"> "
    "Both governments welcomed the plan and said they would sign it next week."
)


def hostile_stored_doc() -> Document:
    """Markup in the title, the source and an actor's name, as a hostile or broken input could have."""
    text = "The <b>council</b> met on Monday and agreed to meet again <i>next week</i>."
    doc = Document(
        id="hostile-meta",
        text=text,
        meta=Meta(title="<img src=x onerror=\"window.__pwned='title'\">", source="<script>x()</script>"),
    )
    start = text.index("<b>council</b>")
    doc.actors.append(
        Actor("a1", "<img src=y onerror=\"window.__pwned='actor'\">", "organization",
              mentions=[doc.span(start, start + len("<b>council</b>"))])
    )  # fmt: skip
    return doc


@pytest.fixture(scope="module")
def seed(seed_doc):
    return seed_doc


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, pipeline, seed):
    import uvicorn

    path = str(tmp_path_factory.mktemp("browser") / "browser.duckdb")
    with Store(path) as store:
        store.write([*corpus(), seed, hostile_stored_doc()])
    app = create_app(ServerSettings(db=path), pipeline=pipeline)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()
    app.state.eventcoder.close()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    with playwright_api.sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1400, "height": 900},
        )
        ctx.set_default_timeout(10_000)
        yield ctx
        ctx.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    page.errors = errors  # type: ignore[attr-defined]
    yield page
    assert not errors, errors
    page.close()


def open_reader(page, base_url: str, query: str) -> None:
    page.goto(f"{base_url}/reader?{query}")
    page.wait_for_selector("body[data-ready='1']")


def tab(page, name: str) -> None:
    page.click(f"button.tab[data-tab='{name}']")


# -- the seed in the reader -----------------------------------------------------------


def test_reader_shows_the_seed_text(page, base_url, seed):
    open_reader(page, base_url, f"doc={seed.id}")
    assert page.locator("body").get_attribute("data-loaded") == seed.id
    assert page.locator("#text").text_content().replace("❝ ", "").strip()  # the text is there
    # Every character of the report is shown, in order (quote badges and event tags aside).
    shown = page.evaluate(
        "() => [...document.querySelectorAll('#text > span:not(.qbadge)')].map(e => e.textContent).join('')"
    )
    assert shown == seed.text


def test_reader_shows_the_seed_quotes_and_speakers(page, base_url, seed):
    assert seed.quotes, "the pipeline found no quote in the seed"
    open_reader(page, base_url, f"doc={seed.id}")
    badges = page.locator("#text .qbadge")
    assert badges.count() == len(seed.quotes)
    tab(page, "quotes")
    cards = page.locator(".card.quote")
    assert cards.count() == len(seed.quotes)
    names = {a.id: a.name for a in seed.actors}
    quoted = page.evaluate(
        "() => [...document.querySelectorAll('#text .seg.quo')].map(e => e.textContent).join('')"
    )
    for i, q in enumerate(seed.quotes):
        assert q.text in quoted  # the quote's own words are marked in the text
        if q.speaker:
            assert names[q.speaker] in badges.nth(i).text_content()
            assert names[q.speaker] in cards.nth(i).locator(".card-head").text_content()
    assert any(q.speaker for q in seed.quotes), "no quote of the seed has a speaker"


def test_reader_shows_the_seed_events(page, base_url, seed):
    assert seed.events, "the pipeline found no event in the seed"
    open_reader(page, base_url, f"doc={seed.id}")
    cards = page.locator(".card.event")
    assert cards.count() == len(seed.events)
    assert page.locator("#text .etag").count() == len(seed.events)
    names = {a.id: a.name for a in seed.actors}
    for i, e in enumerate(seed.events):
        card = cards.nth(i)
        assert card.locator(".type").text_content() == e.type
        assert card.locator(".evidence").text_content() == e.evidence.text
        for aid in e.actor + e.recipient:
            assert names[aid] in card.text_content()


def test_reader_shows_the_seed_actors(page, base_url, seed):
    assert seed.actors, "the pipeline found no actor in the seed"
    open_reader(page, base_url, f"doc={seed.id}")
    tab(page, "actors")
    assert page.locator(".actor-list li").count() == len(seed.actors)
    shown = page.locator(".actor-list li button").all_text_contents()
    assert shown == [a.name for a in seed.actors]
    # every mention of every actor is highlighted in the text
    total = sum(len(a.mentions) for a in seed.actors)
    mention_text = page.evaluate(
        "() => [...document.querySelectorAll('#text .seg.act')].map(e => e.textContent).join('')"
    )
    assert len(mention_text) == sum(m.end - m.start for a in seed.actors for m in a.mentions)
    assert total > 0


def test_reader_screenshot(page, base_url, seed):
    IMG.mkdir(parents=True, exist_ok=True)
    open_reader(page, base_url, f"doc={seed.id}")
    if seed.events:
        page.hover(".card.event >> nth=0")
    page.screenshot(path=str(IMG / "reader.png"))
    assert (IMG / "reader.png").stat().st_size > 10_000


# -- interactions on a hand-built report ----------------------------------------------------


def test_hovering_an_event_lights_its_spans(page, base_url):
    doc = next(d for d in corpus() if d.id == "talks-2024-04-10")
    e = doc.events[1]  # REQUEST: the minister calls on both sides, inside a quote
    open_reader(page, base_url, f"doc={doc.id}")
    assert page.locator(".seg.lit-t").count() == 0
    page.hover(f".card.event[data-event='{e.id}']")

    def lit(cls: str) -> str:
        return page.evaluate(
            "(c) => [...document.querySelectorAll('#text span.seg.' + c)].map(x => x.textContent).join('')",
            cls,
        )

    assert lit("lit-t") == e.trigger.text
    assert lit("lit-v") == e.evidence.text
    speaker = doc.actor(e.actor[0])
    assert lit("lit-a") == next(
        m.text for m in speaker.mentions if e.evidence.start <= m.start < e.evidence.end
    )
    assert page.locator(".etag.lit-t").text_content() == e.type
    page.mouse.move(5, 5)
    page.hover("h1")
    assert page.locator(".seg.lit-t").count() == 0


def test_clicking_an_actor_shows_its_mentions(page, base_url):
    doc = next(d for d in corpus() if d.id == "talks-2024-04-10")
    militia = next(a for a in doc.actors if a.name == "militia")
    open_reader(page, base_url, f"doc={doc.id}")
    page.locator("#text .seg.act", has_text=militia.mentions[0].text).first.click()
    detail = page.locator("#actor-detail")
    detail.wait_for()
    assert detail.get_attribute("data-actor") == militia.id
    text = detail.text_content()
    assert "militia" in text and "SDN" in text and "REB" in text and "rebels" in text and "group" in text
    marks = detail.locator("ol.mentions mark").all_text_contents()
    assert marks == [m.text for m in militia.mentions]
    selected = page.evaluate("() => [...document.querySelectorAll('#text .seg.sel')].map(e => e.textContent)")
    assert "".join(selected) == "".join(m.text for m in militia.mentions)
    # clicking a listed mention lights it in the text
    detail.locator("ol.mentions li").nth(1).click()
    assert page.locator("#text .seg.lit-m").first.text_content() == militia.mentions[1].text


def test_dates_and_places_tab(page, base_url):
    doc = next(d for d in corpus() if d.id == "fuel-2024-03-06")
    open_reader(page, base_url, f"doc={doc.id}")
    tab(page, "where")
    page.wait_for_selector("svg.map .marker")
    assert page.locator("svg.map .marker").count() == len(doc.places)
    assert page.locator("svg.map path.country").count() > 150  # the bundled world map drew
    row = page.locator("table.dates tr").nth(1).text_content()
    assert doc.dates[0].text in row and doc.dates[0].value in row
    assert (
        page.locator("#text .seg.dat").first.get_attribute("title").startswith(f"date: {doc.dates[0].value}")
    )


def test_event_link_opens_the_reader_on_that_event(page, base_url):
    open_reader(page, base_url, "doc=market-2024-04-12&event=e2")
    assert page.locator(".card.event.hover").get_attribute("data-event") == "e2"
    assert page.locator("#text .seg.lit-t").text_content() == "denied"


# -- article text is inert --------------------------------------------------------------------


def test_pasted_markup_is_shown_as_text_and_never_runs(page, base_url):
    open_reader(page, base_url, "")
    page.fill("#input-text", HOSTILE)
    page.fill("#input-published", "2024-06-03")
    page.click("#extract")
    page.wait_for_function("() => document.body.dataset.loaded")
    text = page.locator("#text")
    assert "<script>window.__pwned = 'script'</script>" in text.text_content()
    assert "<img src=x onerror=" in text.text_content()
    assert page.locator("#text script, #text img").count() == 0
    assert page.locator("img").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_stored_markup_in_metadata_and_names_never_runs(page, base_url):
    open_reader(page, base_url, "doc=hostile-meta")
    assert page.locator("h1").text_content() == "<img src=x onerror=\"window.__pwned='title'\">"
    tab(page, "actors")
    assert "<img src=y" in page.locator(".actor-list").text_content()
    assert page.locator("img, #text b, #text i").count() == 0
    assert page.evaluate("() => window.__pwned") is None


# -- the dashboard ---------------------------------------------------------------------------------


def open_dashboard(page, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}/dashboard{'?' + query if query else ''}")
    page.wait_for_selector("body[data-ready='1']")


def event_rows(page) -> list[dict]:
    return page.evaluate(
        "() => [...document.querySelectorAll('tr.event-row')].map(r => ({...r.dataset, text: r.textContent}))"
    )


def test_dashboard_renders_its_charts(page, base_url, seed):
    docs = [*corpus(), seed]
    n_events = sum(len(d.events) for d in docs)
    types = {e.type for d in docs for e in d.events}
    open_dashboard(page, base_url)
    assert page.locator("#timeline rect.bar").count() >= len(types)
    assert page.locator("#types .track").count() == len(types)
    assert page.locator("#network g.node").count() >= 6
    assert page.locator("#network path.edge").count() >= 6
    page.wait_for_selector("#map .marker")
    located = {e.location and d.place(e.location).name for d in docs for e in d.events if e.location}
    assert page.locator("#map .marker").count() == len(located)
    assert page.locator("#speakers > li").count() >= 2
    assert "No incidents yet" in page.locator("#incidents").text_content()
    assert page.locator("#events").get_attribute("data-total") == str(n_events)
    page.click("#network-switch button:has-text('by country')")
    assert page.locator("#network g.node[data-name='SDN']").count() == 1
    IMG.mkdir(parents=True, exist_ok=True)
    page.click("#network-switch button:has-text('by actor')")
    # The charts and the top of the event list: the picture for the README.
    page.set_viewport_size({"width": 1400, "height": 1750})
    page.screenshot(path=str(IMG / "dashboard.png"))


def click_on_path(page, selector: str) -> None:
    """A real mouse click on the middle of a curve's stroke (its bounding box centre may be off it)."""
    page.locator(selector).scroll_into_view_if_needed()
    x, y = page.evaluate(
        """(sel) => {
            const p = document.querySelector(sel);
            const pt = p.getPointAtLength(p.getTotalLength() / 2);
            const m = p.getScreenCTM();
            return [pt.x * m.a + pt.y * m.c + m.e, pt.x * m.b + pt.y * m.d + m.f];
        }""",
        selector,
    )
    page.mouse.click(x, y)


def test_a_chart_click_filters_the_event_list(page, base_url):
    open_dashboard(page, base_url)
    page.click("#types .track[data-type='ASSAULT']")
    page.wait_for_selector("body[data-ready='1'] .fchip[data-filter='type']")
    rows = event_rows(page)
    assert rows and all(r["type"] == "ASSAULT" for r in rows)
    assert "type=ASSAULT" in page.url
    # the charts follow the filter
    assert page.locator("#types .track").count() == 1
    page.click(".fchip[data-filter='type']")  # remove it
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator(".fchip[data-filter='type']").count() == 0

    page.click("#map .marker[data-name='Almaty'] circle")
    page.wait_for_selector("body[data-ready='1'] .fchip[data-filter='place']")
    rows = event_rows(page)
    assert len(rows) == 3 and all("Almaty" in r["text"] for r in rows)
    page.click(".fchip[data-filter='place']")
    page.wait_for_selector("body[data-ready='1']")

    click_on_path(page, "#network path.edge[data-source='Sudanese army'][data-target='civilians']")
    page.wait_for_selector("body[data-ready='1'] .fchip[data-filter='recipient']")
    rows = event_rows(page)
    assert [(r["doc"], r["event"]) for r in rows] == [("market-2024-04-12", "e1")]

    page.click("tr.event-row")
    page.wait_for_url("**/reader?doc=market-2024-04-12&event=e1")
    page.wait_for_selector("body[data-ready='1']")
    assert page.locator(".card.event.hover").get_attribute("data-event") == "e1"


def test_timeline_click_filters_by_type_and_period(page, base_url):
    open_dashboard(page, base_url)
    bar = page.locator("#timeline rect.bar[data-type='COERCE']").first
    period = bar.get_attribute("data-period")
    bar.click(force=True)
    page.wait_for_selector("body[data-ready='1'] .fchip[data-filter='since']")
    rows = event_rows(page)
    assert rows and all(r["type"] == "COERCE" for r in rows)
    assert all(r["text"].startswith(period) for r in rows)
