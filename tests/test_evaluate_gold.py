"""Dataset readers on tiny files written here (no dataset text), format detection, and the mapping tables."""

from __future__ import annotations

import json

import pytest

from eventcoder.errors import DataFileError
from eventcoder.evaluate import tables
from eventcoder.evaluate.gold import GoldError, detect, detokenize, load

TEXT = 'Title line.\n\n"Taxes will fall," the senator said, "and jobs will grow." She added that costs would rise.'


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def span(text, sub, nth=1):
    i = -1
    for _ in range(nth):
        i = text.index(sub, i + 1)
    return {"start": i, "end": i + len(sub), "text": sub}


def polnear_doc(annotator):
    return {
        "doc_id": "doc-1",
        "annotator": annotator,
        "publication_date": "2017-03-08",
        "title": "Title line",
        "text": TEXT,
        "attributions": [
            {
                "id": "E1",
                "content_starts_with_quote_mark": True,
                "source": [span(TEXT, "the senator")],
                "cue": [span(TEXT, "said")],
                "content": [span(TEXT, '"Taxes will fall,"'), span(TEXT, '"and jobs will grow."')],
            },
            {
                "id": "E2",
                "content_starts_with_quote_mark": False,
                "source": [span(TEXT, "She")],
                "cue": [span(TEXT, "added")],
                # one stretch cut in two with only a space between: read as one quote
                "content": [span(TEXT, "that costs"), span(TEXT, "would rise")],
            },
        ],
    }


def test_polnear_pieces_first_copy_and_kinds(tmp_path):
    f = write_jsonl(tmp_path / "dev.jsonl", [polnear_doc("a"), polnear_doc("b")])
    assert detect(tmp_path) == "polnear" == detect(f)
    gs = load(tmp_path)
    assert len(gs.items) == 1  # the second annotator's copy is skipped
    quotes = gs.items[0].quotes
    texts = [TEXT[q.start : q.end] for q in quotes]
    assert texts == ['"Taxes will fall,"', '"and jobs will grow."', "that costs would rise"]
    assert [q.kind for q in quotes] == ["direct", "direct", "indirect"]
    assert TEXT[slice(*quotes[0].sources[0])] == "the senator"
    assert gs.items[0].published == "2017-03-08"


def test_tempeval_offsets_entities_and_types(tmp_path):
    tml = (
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>x</DOCID>\n'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">'
        'March 22, 2013</TIMEX3></DCT>\n<TEXT>\n\nAT&amp;T <EVENT eid="e1">said</EVENT> '
        '<TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> it spent '
        '<TIMEX3 tid="t2" type="DURATION" value="P3M">three months</TIMEX3> on it, '
        '<TIMEX3 tid="t3" type="DATE" value="2012-07" mod="END">late last July</TIMEX3>.\n\n</TEXT>\n</TimeML>\n'
    )
    (tmp_path / "doc.tml").write_text(tml, encoding="utf-8")
    assert detect(tmp_path) == "tempeval3"
    item = load(tmp_path).items[0]
    assert item.text.startswith("AT&T said Thursday")
    assert item.published == "2013-03-22"
    got = [(item.text[d.start : d.end], d.value, d.scored, d.within) for d in item.dates]
    assert got == [
        ("Thursday", "2013-03-21", True, False),
        ("three months", None, False, False),
        ("late last July", "2012-07", True, True),
    ]


def test_uner_documents_and_spans(tmp_path):
    iob = (
        "# newdoc id = n1\n# sent_id = n1-1\n# text = Ines Varga visited the United States.\n"
        "1\tInes\tB-PER\t-\t-\n2\tVarga\tI-PER\t-\t-\n3\tvisited\tO\t-\t-\n4\tthe\tO\t-\t-\n"
        "5\tUnited\tB-LOC\t-\t-\n6\tStates\tI-LOC\t-\t-\n7\t.\tO\t-\t-\n\n"
        "# sent_id = n1-2\n# text = NATO agreed.\n1\tNATO\tB-ORG\t-\t-\n2\tagreed\tO\t-\t-\n3\t.\tO\t-\t-\n\n"
    )
    (tmp_path / "x.iob2").write_text(iob, encoding="utf-8")
    assert detect(tmp_path) == "uner"
    item = load(tmp_path).items[0]
    got = [(item.text[m.start : m.end], m.etype) for m in item.mentions]
    assert got == [("Ines Varga", "person"), ("United States", "place"), ("NATO", "organization")]
    assert item.sentence_starts == [0, item.text.index("NATO")]


def test_sentence_datasets_are_told_apart(tmp_path):
    cases = {
        "plover-gsr": {"id": "1", "text": "x", "event": "DEMAND", "source": [{"code": "JAP"}], "target": []},
        "universalpetrarch": {"id": "1", "text": "x", "date": "20080804", "gold_events": []},
        "conflibert-class": {"id": "1", "text": "x", "label": 3},
        "conflibert-ner": {"id": "1", "tokens": ["x"], "tags": ["O"], "spans": []},
        "case2021": {"id": "1", "text": "x", "label": "ARREST"},
    }
    for name, row in cases.items():
        f = write_jsonl(tmp_path / f"{name}.jsonl", [row])
        assert detect(f) == name
    gsr = load(tmp_path / "plover-gsr.jsonl")
    ev = gsr.items[0].events[0]
    assert ev.type == "REQUEST"  # PLOVER 0.5 DEMAND
    assert ev.actors == frozenset({"JPN"})  # legacy code mapped
    with pytest.raises(GoldError):
        detect(write_jsonl(tmp_path / "odd.jsonl", [{"foo": 1}]))


def test_conflibert_spans_survive_detokenizing(tmp_path):
    row = {
        "id": "r",
        "tokens": ["Today", "Okafor", "said", "he", "would", "host", "Ferreira", "(", "UG", ")", "."],
        "tags": [],
        "spans": [  # keys in another order than the dataset's: the reader must not care
            {"role": "source", "tok_end": 2, "tok_start": 1},
            {"role": "target", "tok_end": 10, "tok_start": 6},
        ],
    }
    item = load(write_jsonl(tmp_path / "ner.jsonl", [row]), "conflibert-ner").items[0]
    assert item.text == "Today Okafor said he would host Ferreira (UG)."
    assert [item.text[r.start : r.end] for r in item.roles] == ["Okafor", "Ferreira (UG)"]
    text, offs = detokenize(["a", ",", "b"])
    assert text == "a, b" and offs == [(0, 1), (1, 2), (3, 4)]


def test_cameo_table(tmp_path):
    f = tmp_path / "CAMEO2PLOVER-2021.txt"
    f.write_text(
        "# header\n04: CONSULT\n042: CONSULT, visit,   # Make a visit\n"
        "19: ASSAULT\n190: ASSAULT, , military # Use force\n~~~~~\nanything after the end marker\n",
        encoding="utf-8",
    )
    t = tables.CameoTable(f)
    assert t.plover("042").mode == "visit"
    assert t.plover("0421").type == "CONSULT"  # falls back to the longest listed prefix
    assert t.plover("195").type == "ASSAULT"
    assert t.plover("010") is None and t.plover("023") is None  # statements and appeals: no PLOVER event
    f.write_text("04: CONSULT\n042 CONSULT visit\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        tables.CameoTable(f)
    assert err.value.line == 2


def test_upetr_through_the_table(tmp_path):
    (tmp_path / "plover-gsr").mkdir()
    (tmp_path / "plover-gsr" / "CAMEO2PLOVER-2021.txt").write_text("17: COERCE\n173: COERCE, arrest, legal\n")
    (tmp_path / "up").mkdir()
    rows = [
        {
            "id": "a",
            "text": "x",
            "date": "20080806",
            "gold_events": [{"event": "173", "source": "TUNJUD", "target": "---"}],
        },
        {
            "id": "b",
            "text": "y",
            "date": "20080806",
            "gold_events": [{"event": "010", "source": "USA", "target": "CHN"}],
        },
    ]
    gs = load(write_jsonl(tmp_path / "up" / "gsr.jsonl", rows))
    a, b = gs.items
    assert a.published == "2008-08-06"
    assert (a.events[0].type, a.events[0].actors, a.events[0].recipients) == ("COERCE", {"TUN"}, frozenset())
    assert b.events[0].type is None


def test_data_tables_load_and_check(tmp_path, monkeypatch):
    assert tables.quad_classes()["ASSAULT"] == 4
    assert tables.case_labels()["ARREST"].types == {"COERCE"}
    assert tables.place_identities()["Soviet Union"] is None
    assert tables.norm_country("JAPGOV") == "JPN" and tables.norm_country("---REB") is None
    bad = tmp_path / "case2021_plover.tsv"
    bad.write_text("ARREST\tpolitical\tARRESTING\n", encoding="utf-8")
    monkeypatch.setattr(tables, "DATA", tmp_path)
    tables.case_labels.cache_clear()
    try:
        with pytest.raises(DataFileError) as err:
            tables.case_labels()
        assert err.value.line == 1 and "PLOVER" in err.value.reason
    finally:
        tables.case_labels.cache_clear()
