"""The quotes stage on short sentences written for these tests, and on the seed report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import assert_valid
from eventcoder.document import Actor, Document, Quote, Span
from eventcoder.errors import DataFileError
from eventcoder.stages.base import Context
from eventcoder.stages.quote_lexicon import data_dir, load_lexicon
from eventcoder.stages.quote_marks import find_marked
from eventcoder.stages.quotes import QuoteStage


@pytest.fixture(scope="module")
def stage() -> QuoteStage:
    return QuoteStage()


@pytest.fixture(scope="module")
def run(nlp, stage):
    """Run the quotes stage alone on a text, with actors given as (name, type, [surface forms])."""

    def _run(
        text: str, actors: list[tuple[str, str, list[str]]] | None = None, notes=None, title=None
    ) -> Document:
        doc = Document(id="t", text=text)
        doc.meta.title = title
        for n, (name, typ, forms) in enumerate(actors or [], 1):
            mentions = []
            for form in forms:
                start = text.find(form)
                while start >= 0:
                    mentions.append(Span.of(text, start, start + len(form)))
                    start = text.find(form, start + len(form))
            doc.actors.append(Actor(f"a{n}", name, typ, mentions=sorted(mentions, key=lambda m: m.start)))
        ctx = Context(sp=nlp(text), body=(0, len(text)), notes=dict(notes or {}))
        stage(doc, ctx)
        for q in doc.quotes:  # the contract: spans copy the text
            assert doc.text[q.start : q.end] == q.text
            for span in (q.speaker_mention, q.cue):
                assert span is None or doc.text[span.start : span.end] == span.text
        assert [q.id for q in doc.quotes] == [f"q{i}" for i in range(1, len(doc.quotes) + 1)]
        assert [q.start for q in doc.quotes] == sorted(q.start for q in doc.quotes)
        return doc

    return _run


def only(doc: Document, kind: str | None = None) -> Quote:
    qs = [q for q in doc.quotes if kind is None or q.kind == kind]
    assert len(qs) == 1, [(q.kind, q.text) for q in doc.quotes]
    return qs[0]


def mention(q: Quote) -> str | None:
    return None if q.speaker_mention is None else q.speaker_mention.text


# ---------------------------------------------------------------- direct quotes
def test_straight_quote_with_pronoun_attribution(run):
    q = only(run('The ministers met on Monday. "We agree," she said.'))
    assert (q.text, q.kind, mention(q), q.cue.text) == ("We agree", "direct", "she", "said")


def test_curly_quote_keeps_final_stop_inside_marks(run):
    q = only(run("\u201cThe talks failed. We will try again next week.\u201d Ferreira said so on Friday."))
    assert q.text == "The talks failed. We will try again next week."
    assert q.kind == "direct"


def test_multi_sentence_quote_with_named_speaker(run):
    q = only(run("\u201cThe talks failed. We will try again next week,\u201d Marek Ferreira said."))
    assert q.text == "The talks failed. We will try again next week"
    assert mention(q) == "Marek Ferreira"


def test_interrupted_quote_gives_both_pieces_the_speaker(run):
    doc = run('"The plan is dead," Marek Ferreira said, "and nobody will revive it."')
    assert [q.text for q in doc.quotes] == ["The plan is dead", "and nobody will revive it."]
    assert [mention(q) for q in doc.quotes] == ["Marek Ferreira", "Marek Ferreira"]
    assert all(q.kind == "direct" for q in doc.quotes)


def test_mismatched_marks_make_one_quote(run):
    q = only(run('"We are ready to talk,\u201d the envoy said.'))
    assert q.text == "We are ready to talk"
    assert mention(q) == "the envoy"


def test_single_curly_marks_quote_when_clearly_quoting(run):
    q = only(run("\u2018We will not retreat from the river,\u2019 the general said."))
    assert q.text == "We will not retreat from the river"
    assert mention(q) == "the general"


def test_apostrophes_are_not_quotes(run):
    doc = run("Ferreira's plan protects the voters' rights, and the mayor's office didn't object.")
    assert doc.quotes == []


def test_unclosed_quote_ends_before_the_next_opening_mark(run):
    text = (
        'Marek Ferreira added, "We will rebuild the port. The work starts soon. '
        'Ferreira also praised the "reform" of the harbour board. "It will take years," Ana Okafor said.'
    )
    doc = run(text)
    assert [q.text for q in doc.quotes] == [
        "We will rebuild the port. The work starts soon.",
        "It will take years",
    ]
    assert [mention(q) for q in doc.quotes] == ["Marek Ferreira", "Ana Okafor"]


def test_unclosed_quote_ends_before_the_next_attribution(run):
    doc = run(
        'Marek Ferreira said, "We will rebuild the port. The work starts soon. Ana Okafor later said the plan was too costly.'
    )
    assert [(q.kind, q.text) for q in doc.quotes] == [
        ("direct", "We will rebuild the port. The work starts soon."),
        ("indirect", "the plan was too costly"),
    ]
    assert [mention(q) for q in doc.quotes] == ["Marek Ferreira", "Ana Okafor"]


def test_unclosed_quote_ends_at_the_paragraph(run):
    doc = run(
        'Marek Ferreira said, "We will rebuild the port and the school.\nThe council met later that day.'
    )
    q = only(doc)
    assert q.text == "We will rebuild the port and the school."
    assert mention(q) == "Marek Ferreira"


def test_scare_quotes_are_not_quotes(run):
    doc = run(
        'The minister praised the "unity" of the coalition and rejected the so-called "peace plan" outright.'
    )
    assert doc.quotes == []


def test_short_quoted_object_of_a_naming_verb_is_the_sources_words(run):
    doc = run('The senator called the plan "a disgrace" and left.')
    q = only(doc)
    assert "a disgrace" in q.text and mention(q) == "The senator"


def test_short_quote_with_its_own_attribution_is_kept(run):
    q = only(run('Asked about the deal, "No," Ferreira said.'))
    assert q.text == "No"


def test_quoted_title_is_not_speech(run):
    doc = run('She reviewed the documentary "The Long Road Home" for the paper.')
    assert doc.quotes == []


# ---------------------------------------------------------------- attribution forms
def test_inverted_attribution(run):
    q = only(run('"The border will reopen on Monday," said Interior Minister Marek Ferreira.'))
    assert mention(q) == "Interior Minister Marek Ferreira"
    assert q.cue.text == "said"


def test_attribution_before_the_quote(run):
    q = only(run('Referring to the strike, Ana Okafor added, "The workers deserve better pay."'))
    assert q.text == "The workers deserve better pay."
    assert (mention(q), q.cue.text) == ("Ana Okafor", "added")


def test_colon_attribution(run):
    q = only(run('Ana Okafor said: "The workers deserve better pay."'))
    assert mention(q) == "Ana Okafor"


def test_according_to_a_direct_quote(run):
    q = only(run('"The convoy was stopped at the border," according to the Red Cross.'))
    assert q.kind == "direct"
    assert mention(q) == "the Red Cross"
    assert q.cue.text == "according to"


def test_transcript_label_names_the_speaker(run):
    doc = run('"HOST: Will you run again?\n"MAYOR: Not this time, I promise you."')
    assert [q.text for q in doc.quotes] == ["Will you run again?", "Not this time, I promise you."]
    assert [mention(q) for q in doc.quotes] == ["HOST", "MAYOR"]


def test_quoted_title_used_as_a_subject_is_not_speech(run):
    assert run('Her column, "Tell your story to the world," is very thoughtful.').quotes == []


def test_byline_dash_attribution(run):
    q = only(run("\u201cNobody expected the vote to pass.\u201d \u2015 Ana Okafor"))
    assert mention(q) == "Ana Okafor"


def test_short_sentence_after_an_attributed_quote_is_kept(run):
    doc = run('"We came a long way to get here," the president added. "We\'re home."')
    assert [q.text for q in doc.quotes] == ["We came a long way to get here", "We're home."]
    assert mention(doc.quotes[1]) == "the president"


def test_same_glyph_nested_inside_a_quote():
    text = "\u201cWe would sooner camp in what she calls \u201cthe swamp\u201d than move inland.\u201d \u2015 Nadia Soto"
    marked = find_marked(text, 0, len(text))
    assert len(marked) == 1 and text[marked[0].open_end : marked[0].close].endswith("than move inland.")


def test_bracketed_stage_direction_is_not_speech(run):
    doc = run('"HOST: Will you run again?\n"(LAUGHTER)\n"MAYOR: Not this time."')
    assert [q.text for q in doc.quotes] == ["Will you run again?", "Not this time."]


def test_unclosed_transcript_turn_runs_to_the_paragraph_end(run):
    doc = run(
        '"HOST: Is the port open?\n"MAYOR: Well, look. Ines Varga said the port is closed. We will open it.'
    )
    q = doc.quotes[-1]
    assert q.text.startswith("Well, look.") and q.text.endswith("We will open it.")
    assert mention(q) == "MAYOR"


def test_title_case_quote_after_a_work_noun_is_a_title_even_with_a_reporting_verb(run):
    doc = run('In her 2010 book, "Rivers of Gold," Ines Varga argued that trade shapes cities.')
    assert [q.kind for q in doc.quotes] == ["indirect"]
    assert "Rivers of Gold" not in doc.quotes[0].text


def test_headline_source_colon_reports_the_source(run):
    title = "Ferreira: Port Will Reopen Next Week"
    doc = run(title + "\n\nThe minister spoke in Lisbon on Monday.", title=title)
    q = only(doc)
    assert (q.kind, q.text, mention(q)) == ("indirect", "Port Will Reopen Next Week", "Ferreira")


def test_headline_kicker_with_an_article_is_no_source(run):
    title = "The Latest: Port reopens after the storm"
    assert run(title + "\n\nShips returned on Monday.", title=title).quotes == []


def test_headline_kicker_without_a_name_is_no_source(run):
    title = "Storm Over Harbour: Ships Return To Port"
    assert run(title + "\n\nShips returned on Monday.", title=title).quotes == []


def test_headline_name_on_a_topic_is_a_source(run):
    title = "Ferreira on Trade: Tariffs Will Fall"
    q = only(run(title + "\n\nThe minister spoke on Monday.", title=title))
    assert (q.text, mention(q)) == ("Tariffs Will Fall", "Ferreira")


def test_clause_cut_off_by_a_semicolon_is_not_reported(run):
    doc = run("The vote is unlikely; her team says she will run again.")
    assert all("unlikely" not in q.text for q in doc.quotes)


def test_quoted_title_is_no_reported_clause(run):
    doc = run(
        'In her 2010 book, "Salt Roads Of The North," Ines Varga suggested mapping the old trade routes.'
    )
    assert all("North" not in q.text for q in doc.quotes)


def test_quoted_words_in_a_headline_are_a_quote(run):
    title = "Mayor Vows To \u2018Rebuild Every Street\u2019 After Flood"
    doc = run(title + "\n\nThe mayor spoke on Monday.", title=title)
    assert [(q.kind, q.text) for q in doc.quotes] == [("direct", "Rebuild Every Street")]


def test_single_curly_quote_closes_before_a_space_but_not_after_a_plural():
    text = "He spoke \u2018directly to the people\u2019 on Monday. The \u2018big three\u2019 unions\u2019 leaders met."
    marked = find_marked(text, 0, len(text))
    assert [(text[m.open_end : m.close]) for m in marked] == ["directly to the people"]


def test_quote_after_that_is_reported_speech_in_the_sources_words(run):
    doc = run('The mayor told reporters on Monday that "the port will reopen next week."')
    q = only(doc)
    assert q.kind == "mixed" and "the port will reopen" in q.text and mention(q) == "The mayor"


def test_quoted_part_of_an_object_is_no_direct_quote(run):
    doc = run('The governor promised cheaper buses and "a library in every village" in her speech.')
    assert all(q.kind != "direct" for q in doc.quotes)


def test_quote_after_a_colon_spells_out_the_reported_clause(run):
    doc = run('Ines Varga said the job needs one quality above all: "Patience, and more patience."')
    q = only(doc)
    assert q.kind == "mixed" and q.text.startswith("the job needs") and "Patience" in q.text


def test_byline_after_a_horizontal_bar_glued_to_the_closing_mark(run):
    q = only(run("Readers wrote in.\n\u201cThe town is dying.\u201d\u2015\u00a0Nadia Soto"))
    assert mention(q) == "Nadia Soto"


def test_phrase_completing_the_quote_before_the_attribution(run):
    q = only(run('Critics were divided.\n\n"I admire the ambition" of the plan, Ines Varga said.'))
    assert mention(q) == "Ines Varga" and q.confidence >= 0.8


def test_lower_case_quote_after_a_connective_is_a_partial_quote(run):
    doc = run('Ines Varga said on the other hand, "our port will stay closed until the spring."')
    q = only(doc)
    assert q.kind == "mixed" and q.text.startswith("on the other hand") and mention(q) == "Ines Varga"


def test_lower_case_quote_right_after_said_comma_is_direct(run):
    q = only(run('Asked about the strike, the minister said, "we will not give up."'))
    assert q.kind == "direct" and q.text == "we will not give up."


def test_quote_resumed_after_a_conjunction_is_a_partial_quote(run):
    doc = run('"I like the plan," Ferreira said, but "nobody in the cabinet will vote for it."')
    assert [q.kind for q in doc.quotes] == ["direct", "mixed"]
    assert doc.quotes[1].text.startswith("but") or doc.quotes[1].text.startswith("nobody")
    assert mention(doc.quotes[1]) == "Ferreira"


def test_lower_case_quote_right_after_said_without_a_comma_is_direct(run):
    doc = run(
        'Dr Ines Varga, a chemist at the institute, said "the water from the old wells is safe after boiling."'
    )
    q = only(doc)
    assert q.kind == "direct" and q.text.startswith("the water from the old wells")


def test_quote_after_an_infinitive_of_saying_is_a_partial_quote(run):
    doc = run(
        'The loophole lets traders tell "any inspector whatever the cargo papers happen to need that week."'
    )
    assert all(q.kind != "direct" for q in doc.quotes)


def test_words_with_their_owner_are_the_owners_quote(run):
    doc = run(
        'The crowd marched to the square, repeating the miner\'s last words, "Get the others out first."'
    )
    assert [(q.kind, q.text) for q in doc.quotes] == [("direct", "Get the others out first.")]


def test_caption_naming_a_person_keeps_an_unattributed_quote(run):
    doc = run(
        'Harbour plans\n\n"Ships will come back when the channel is dredged. Until then we wait." '
        "Ines Varga, photographed by Joe Ferreira."
    )
    assert [q.kind for q in doc.quotes] == ["direct"]


def test_lower_case_quote_after_a_naming_verb_is_a_partial_quote(run):
    doc = run('The union mocked what its leader calls "a contract only a landlord could love."')
    assert all(q.kind != "direct" for q in doc.quotes)


def test_quote_described_as_is_a_partial_quote(run):
    doc = run('He described the coach as, "too slow to change and too proud to ask for help."')
    assert all(q.kind != "direct" for q in doc.quotes)


def test_interrupted_quote_resumes_after_a_participle(run):
    doc = run(
        '"Every delay costs us," Ines Varga said, pointing at the harbour, "and the ships keep waiting."'
    )
    assert [q.kind for q in doc.quotes] == ["direct", "direct"]
    assert [mention(q) for q in doc.quotes] == ["Ines Varga", "Ines Varga"]


def test_quote_under_a_wish_is_part_of_the_wish(run):
    doc = run('I hope the council says, "We were wrong about the bridge."')
    q = only(doc)
    assert q.kind == "mixed" and mention(q) == "I" and q.text.endswith("We were wrong about the bridge.")


def test_quote_completing_a_reported_thought_is_part_of_the_report(run):
    doc = run(
        "The ferry strike lasted a month.\n\nVarga said she recalled thinking, "
        '"If the boats stop for one more week, the island shops will have to shut for good."'
    )
    q = only(doc)
    assert q.kind == "mixed" and q.text.startswith("she recalled thinking") and mention(q) == "Varga"
    assert q.text.endswith("shut for good.")


def test_quote_ending_a_that_clause_is_part_of_it(run):
    doc = run(
        "The mayor added that the new toll will empty the old fish market, "
        'which matters because, "Without the market, the harbour has no reason to exist."'
    )
    q = only(doc)
    assert q.kind == "mixed" and q.text.startswith("the new toll") and mention(q) == "The mayor"


def test_hoped_for_words_are_the_wishers_report(run):
    doc = run(
        "Prices rose again. The council did nothing about it. "
        'I hope next spring the voters say, "Enough, we want our money back."'
    )
    q = only(doc)
    assert q.kind == "mixed" and mention(q) == "I" and q.cue.text == "hope"
    q = only(run('I expect the board will say, "We need more time."'))
    assert q.kind == "mixed" and mention(q) == "I"


def test_a_hedged_past_saying_stays_direct(run):
    q = only(run('I think Varga said, "We will win."'))
    assert (q.kind, mention(q)) == ("direct", "Varga")


def test_quote_with_no_source_anywhere_is_no_attribution(run):
    assert run('The markets fell on Monday.\n\n"We need order. Without it, nothing works."').quotes == []
    doc = run('Ferreira spoke to the crowd.\n\n"We need order. Without it, nothing works."')
    assert [(q.kind, mention(q)) for q in doc.quotes] == [("direct", "Ferreira")]


def test_quote_introduced_by_a_colon_is_kept_without_a_named_source(run):
    q = only(run('The audit closes with one conclusion: "Two of the four ferries sail without insurance."'))
    assert q.kind == "direct" and q.text == "Two of the four ferries sail without insurance."


def test_in_the_words_of_names_the_source_across_an_apposition(run):
    doc = run(
        "The old bridge kept cracking and, in the words of one county engineer, Dr. Tamsin Kowal, PE, "
        '"It should have been closed to lorries ten years ago."'
    )
    q = only(doc)
    assert q.kind == "direct" and "engineer" in mention(q) and q.cue.text == "in the words of"
    assert q.text == "It should have been closed to lorries ten years ago."


def test_quote_in_a_clause_coordinated_with_a_report_is_its_own(run):
    doc = run(
        'He said students would pay the fee, and when asked why, the dean replied, "The library needs a new roof."'
    )
    assert [q.text for q in doc.quotes if q.kind == "direct"] == ["The library needs a new roof."]


def test_title_case_first_line_with_a_full_stop_is_a_headline(run):
    body = "\n\nJoe Ferreira spoke on Tuesday about the plan."
    doc = run("Mayor Has A Plan For \u2018A Bridge In Every Village\u2019 Before Winter." + body)
    assert [(q.kind, q.text) for q in doc.quotes] == [("direct", "A Bridge In Every Village")]
    # in a sentence-case line the title-case quote is a name, as anywhere in a report
    assert (
        run("The mayor has a plan for \u2018A Bridge In Every Village\u2019 before winter." + body).quotes
        == []
    )


def test_quote_spelling_out_the_words_said_is_a_partial_quote(run):
    q = only(
        run('When the last verse was over, the choir added the words, "Keep the lamps lit for the miners."')
    )
    assert q.kind == "mixed" and q.text.startswith("the words") and mention(q) == "the choir"
    q = only(run('My grandfather often says things such as, "A good fence keeps a good neighbour."'))
    assert q.kind == "mixed" and q.text.startswith("things such as")
    doc = run(
        '"Voters do not trust the plan," Varga said, raising a few questions, among them, '
        '"Why should a farmer pay more for diesel than a banker?"'
    )
    assert [q.kind for q in doc.quotes] == ["direct", "mixed"]
    assert doc.quotes[1].text.startswith("a few questions") and mention(doc.quotes[1]) == "Varga"


def test_quote_after_an_addressee_stays_direct(run):
    q = only(run('The mayor told reporters, "The bridge will open in May."'))
    assert q.kind == "direct" and q.text == "The bridge will open in May."


def test_quote_that_is_all_the_verbs_object_stays_direct(run):
    doc = run('At the rally, the governor attacked "a budget drawn up behind closed doors."')
    assert [(q.kind, mention(q)) for q in doc.quotes] == [("direct", "the governor")]
    q = only(run('On the ticket, the clerk had typed "water damage."'))
    assert (q.kind, q.text, q.cue.text) == ("direct", "water damage.", "typed")


def test_participle_after_a_name_is_that_persons_speech(run):
    q = only(run('The video shows Ines Varga asking, "Where did the toll money go?"'))
    assert mention(q) == "Ines Varga"


def test_as_x_put_it(run):
    q = only(run('As the economist Ines Varga put it, "Trade is a tide that lifts every port."'))
    assert ("Varga" in mention(q) or "economist" in mention(q)) and q.cue.text == "put"


def test_generic_you_know_is_no_attribution(run):
    doc = run('"MAYOR: Well, you know, the port is closed and the ships are waiting."')
    assert [q.kind for q in doc.quotes] == ["direct"]


# ---------------------------------------------------------------- indirect speech
@pytest.mark.parametrize(
    "text, content, speaker, cue",
    [
        ("Ana Okafor said that the talks had failed.", "the talks had failed", "Ana Okafor", "said"),
        ("Ana Okafor said the talks had failed.", "the talks had failed", "Ana Okafor", "said"),
        (
            "Ana Okafor stressed that the ceasefire must hold.",
            "the ceasefire must hold",
            "Ana Okafor",
            "stressed",
        ),
        (
            "The minister emphasized that the border would stay open.",
            "the border would stay open",
            "The minister",
            "emphasized",
        ),
        ("Marek Ferreira noted that prices had doubled.", "prices had doubled", "Marek Ferreira", "noted"),
        (
            "Marek Ferreira underlined that the army would withdraw.",
            "the army would withdraw",
            "Marek Ferreira",
            "underlined",
        ),
        (
            "The envoy warned that the talks could collapse.",
            "the talks could collapse",
            "The envoy",
            "warned",
        ),
        (
            "The union vowed to fight the ruling in court.",
            "to fight the ruling in court",
            "The union",
            "vowed",
        ),
        ("The minister urged voters to stay at home.", "to stay at home", "The minister", "urged"),
        (
            "Ana Okafor declined to comment on the report.",
            "to comment on the report",
            "Ana Okafor",
            "declined",
        ),
        ("The party plans to hold a vote next week.", "to hold a vote next week", "The party", "plans"),
        (
            "The court ruled that the new law was invalid.",
            "the new law was invalid",
            "The court",
            "ruled",
        ),
        (
            "The senator began by saying that the bill would fail.",
            "the bill would fail",
            "The senator",
            "saying",
        ),
        (
            "After claiming that the vote was rigged, the governor left the hall.",
            "the vote was rigged",
            "the governor",
            "claiming",
        ),
        (
            "Mr. Dunmore hoped the millers would buy the surplus grain.",
            "the millers would buy the surplus grain",
            "Mr. Dunmore",
            "hoped",
        ),
        ("Old ledgers show she ran a large debt.", "she ran a large debt", "Old ledgers", "show"),
        (
            "Marek Ferreira told reporters that the talks had failed.",
            "the talks had failed",
            "Marek Ferreira",
            "told",
        ),
        (
            "Marek Ferreira says the port will reopen next month.",
            "the port will reopen next month",
            "Marek Ferreira",
            "says",
        ),
        ("The talks have failed, the envoy said on Tuesday.", "The talks have failed", "the envoy", "said"),
    ],
)
def test_indirect_speech(run, text, content, speaker, cue):
    q = only(run(text), "indirect")
    assert (q.text, mention(q), q.cue.text) == (content, speaker, cue)


def test_a_name_the_parser_hung_on_a_preposition_is_the_subject(run):
    q = only(
        run(
            "In a June meeting with the editorial staff of the Harbour Gazette Ana Smith said that the ferry fleet may shrink."
        )
    )
    assert q.text == "the ferry fleet may shrink" and mention(q).endswith("Ana Smith")


def test_a_timestamp_line_is_no_subject_of_the_next_paragraph(run):
    q = only(run("Live updates.\n\n12:15 p.m.\nAna Smith says the port will reopen on Monday."))
    assert mention(q) == "Ana Smith"


def test_whose_intention_a_passive_reports_is_unknown(run):
    assert run("The vote is expected to take place next week.").quotes == []


def test_a_clause_reported_inside_another_is_part_of_it(run):
    q = only(run("Ana Okafor said she plans to resign next year."))
    assert (q.text, mention(q)) == ("she plans to resign next year", "Ana Okafor")


def test_complement_after_a_colon_cut_clause(run):
    q = only(run("It was a long day on Friday: the senators said they were convinced the plan had failed."))
    assert (q.text, mention(q)) == ("they were convinced the plan had failed", "the senators")


def test_clause_with_its_own_subject_parsed_as_an_adjunct(run):
    q = only(run("Ines Varga said after the vote she could not sign the lease."))
    assert q.text.endswith("she could not sign the lease") and mention(q) == "Ines Varga"


def test_participle_on_an_occasion_of_saying_is_the_holders(run):
    q = only(run("He spoke at a press conference announcing that his agency would close the mine."))
    assert (q.text, mention(q)) == ("his agency would close the mine", "He")


def test_participle_after_an_object_is_the_objects(run):
    q = only(run("The long drought left many farmers feeling that the river had abandoned them."))
    assert mention(q) == "many farmers"


def test_a_second_report_is_not_part_of_the_first(run):
    doc = run("The minister said the plan had failed and added that the costs were too high.")
    assert [q.text for q in doc.quotes] == ["the plan had failed", "the costs were too high"]
    assert [mention(q) for q in doc.quotes] == ["The minister", "The minister"]


def test_participle_clause_after_a_comma_is_not_reported_content(run):
    doc = run("Ana Okafor said the plan had failed, arguing that the costs were too high.")
    assert [q.text for q in doc.quotes] == ["the plan had failed", "the costs were too high"]
    assert [mention(q) for q in doc.quotes] == ["Ana Okafor", "Ana Okafor"]


def test_indirect_speech_of_a_participle_takes_the_main_subject(run):
    doc = run("Marek Ferreira praised the workers, adding that the port would reopen soon.")
    q = only(doc, "indirect")
    assert q.text == "the port would reopen soon"
    assert mention(q) == "Marek Ferreira"
    assert q.cue.text == "adding"


def test_according_to_indirect(run):
    q = only(run("According to the ministry, three people died in the attack."), "indirect")
    assert q.text == "three people died in the attack"
    assert mention(q) == "the ministry"
    assert q.cue.text == "According to"


def test_noun_of_saying_with_a_possessor(run):
    q = only(run("Ferreira's claim that the port had closed was false."), "indirect")
    assert (q.text, mention(q), q.cue.text) == ("the port had closed", "Ferreira", "claim")


def test_statement_issued_by_its_speaker(run):
    q = only(run("The ministry issued a statement saying that the talks had failed."), "indirect")
    assert (q.text, mention(q)) == ("the talks had failed", "The ministry")


def test_noun_of_intention_reports_its_infinitive(run):
    q = only(run("Her promise to cut taxes was popular with voters."))
    assert (q.text, mention(q), q.cue.text) == ("to cut taxes", "Her", "promise")


def test_expressed_hope_that(run):
    q = only(run("The minister expressed hope that the talks would resume soon."))
    assert (q.text, mention(q), q.cue.text) == ("the talks would resume soon", "The minister", "hope")


def test_a_noun_of_saying_without_an_owner_is_not_attributed(run):
    assert run("Ferreira rejected the suggestion that he would resign.").quotes == []


def test_medium_cue_raises_confidence(run):
    plain = only(run("Ana Okafor said that the talks had failed."))
    medium = only(run("Ana Okafor said in a statement that the talks had failed."))
    assert medium.text == plain.text == "the talks had failed"
    assert medium.confidence > plain.confidence


def test_according_to_in_the_middle_splits_the_clause(run):
    doc = run("Three people, according to the ministry, died in the attack on the market.")
    assert [q.text for q in doc.quotes] == ["Three people", "died in the attack on the market"]
    assert {mention(q) for q in doc.quotes} == {"the ministry"}


def test_parenthetical_attribution_splits_the_reported_clause(run):
    doc = run("The new plan, Ana Okafor said, would cut the deficit by half.")
    pieces = [q.text for q in doc.quotes if q.kind == "indirect"]
    assert pieces == ["The new plan", "would cut the deficit by half"]
    assert {mention(q) for q in doc.quotes} == {"Ana Okafor"}


def test_mixed_quote_absorbs_its_quoted_fragment(run):
    doc = run('Ana Okafor said the new law was "a betrayal of every worker in the country."')
    q = only(doc)
    assert q.kind == "mixed"
    assert q.text.startswith("the new law was")
    assert "a betrayal of every worker" in q.text
    assert mention(q) == "Ana Okafor"


def test_partial_quote_after_a_naming_verb_is_kept(run):
    doc = run('The senator called the proposal "a gift to the richest families" during the debate.')
    q = only(doc)
    assert q.kind == "mixed"
    assert "a gift to the richest families" in q.text
    assert mention(q) == "The senator"


# ---------------------------------------------------------------- speakers and actors
def test_discourse_speaker_from_the_previous_sentence(run):
    doc = run('Marek Ferreira also discussed the harbour. "The port will reopen. Trade will recover soon."')
    q = only(doc)
    assert q.text == "The port will reopen. Trade will recover soon."
    assert mention(q) == "Marek Ferreira"
    assert q.cue is None or q.cue.text == "discussed"


def test_run_on_quote_takes_the_previous_speaker(run):
    doc = run(
        '"The first point is simple," Ana Okafor said. "The second point is much longer than the first."'
    )
    assert [mention(q) for q in doc.quotes] == ["Ana Okafor", "Ana Okafor"]
    assert doc.quotes[1].confidence < doc.quotes[0].confidence


def test_quote_continued_into_the_next_paragraph_takes_its_attribution(run):
    doc = run(
        'Ines Varga spoke first on Monday.\n\n"We will win this fight. Nobody doubts it.\n\n'
        '"And we will rebuild every street," said Bo Chen, the mayor.'
    )
    assert [mention(q) for q in doc.quotes] == ["Bo Chen", "Bo Chen"]


def test_paragraph_ending_with_said_colon_introduces_the_next(run):
    doc = run(
        'The rally was loud.\n\nInes Varga said:\n\n"We need better roads and more buses."\n\n'
        "Bo Chen added:\n\nAnd the trains must run on time, every single day.\n\nThe crowd left."
    )
    assert [(q.kind, mention(q), q.cue.text) for q in doc.quotes] == [
        ("direct", "Ines Varga", "said"),
        ("direct", "Bo Chen", "added"),
    ]
    assert doc.quotes[1].text == "And the trains must run on time, every single day."


def test_inverted_attribution_with_an_apposition(run):
    q = only(run('"The port is closed," said Ines Varga, a spokeswoman for the ministry.'))
    assert mention(q) == "Ines Varga"


def test_confidence_orders_explicit_inverted_discourse(run):
    explicit = only(run('"The port will reopen soon," Ana Okafor said.'))
    inverted = only(run('"The port will reopen soon," said Ana Okafor.'))
    discourse = only(run('Ana Okafor visited the harbour. "The port will reopen soon."'))
    assert explicit.confidence > inverted.confidence > discourse.confidence > 0


def test_pronoun_resolves_to_the_named_person_not_the_nearer_object(run):
    text = 'Ines Varga met Bo Chen in Lisbon on Monday. "We agree on the main points," she said.'
    doc = run(text, actors=[("Ines Varga", "person", ["Ines Varga"]), ("Bo Chen", "person", ["Bo Chen"])])
    q = only(doc)
    assert mention(q) == "she"  # the mention as written ...
    assert q.speaker == "a1"  # ... resolved to the subject of the previous sentence


def test_pronoun_resolved_by_the_actors_stage_wins(run, nlp):
    text = 'Ines Varga met Bo Chen in Lisbon on Monday. "We agree on the main points," he said.'
    he = next(t.i for t in nlp(text) if t.text == "he")
    doc = run(
        text,
        actors=[("Ines Varga", "person", ["Ines Varga"]), ("Bo Chen", "person", ["Bo Chen", "he"])],
        notes={"actors.token": {he: "a2"}},
    )
    assert only(doc).speaker == "a2"


def test_named_speaker_resolves_through_mentions(run):
    text = 'Marek Ferreira arrived late. "The port will reopen soon," Ferreira said.'
    doc = run(text, actors=[("Marek Ferreira", "person", ["Marek Ferreira", "Ferreira"])])
    assert only(doc).speaker == "a1"


def test_relative_pronoun_speaker_resolves_to_its_antecedent(run):
    text = "Marek Ferreira arrived late. Ana Okafor, who said the port had closed, left early."
    doc = run(
        text,
        actors=[("Marek Ferreira", "person", ["Marek Ferreira"]), ("Ana Okafor", "person", ["Ana Okafor"])],
    )
    q = only(doc, "indirect")
    assert (q.text, mention(q), q.speaker) == ("the port had closed", "who", "a2")


def test_pronoun_without_actors_keeps_no_speaker_id(run):
    q = only(run('"We agree," she said.'))
    assert q.speaker is None and mention(q) == "she"


# ---------------------------------------------------------------- marks and data files
def test_find_marked_pairs_nested_marks_as_one_quote():
    text = '"He said \u201cnever\u201d and left," she recalled.'
    marked = find_marked(text, 0, len(text))
    assert len(marked) == 1
    assert text[marked[0].open_end : marked[0].close] == "He said \u201cnever\u201d and left,"


def test_lexicon_loads_with_classes():
    lex = load_lexicon()
    say = lex.verb("say")
    assert say is not None and say.direct and say.indirect
    assert lex.verb("point", frozenset({"out"})).particle == "out"
    assert lex.verb("chuckle").indirect is False
    assert ("according", "to") in [words for words, _ in lex.cues["according"]]
    assert "claim" in lex.nouns and "issue" in lex.owners
    assert ("in", "a", "statement") in lex.media


@pytest.mark.parametrize(
    "name, bad, reason",
    [
        ("reporting_verbs.tsv", "say\tspeech\n", "columns"),
        ("reporting_verbs.tsv", "whisper\tnoisy\tD\n", "unknown class"),
        ("reporting_verbs.tsv", "whisper\tmanner\tX\n", "frames"),
        ("classes.tsv", "speech\t1.5\tyes\ttoo sure\n", "outside"),
        ("cues.tsv", "according to\tsomewhere\n", "type"),
        ("cues.tsv", "public statement\tnoun\n", "single lemma"),
    ],
)
def test_malformed_data_file_names_file_and_line(tmp_path: Path, name, bad, reason):
    for f in data_dir().iterdir():
        if f.suffix == ".tsv":
            shutil.copy(f, tmp_path / f.name)
    target = tmp_path / name
    lines = target.read_text("utf-8").splitlines(keepends=True)
    lines.insert(1, bad)
    target.write_text("".join(lines), "utf-8")
    with pytest.raises(DataFileError) as err:
        load_lexicon(tmp_path)
    assert err.value.line == 2 and err.value.path.endswith(name)
    assert reason in err.value.reason


# ---------------------------------------------------------------- seed acceptance
def _norm(s: str) -> str:
    return s.strip(" \t\n\"'\u201c\u201d\u2018\u2019,.;:")


def _match(gold: str, quotes: list[Quote]) -> Quote | None:
    g = _norm(gold)
    for q in quotes:
        t = _norm(q.text)
        if t == g:
            return q
    for q in quotes:  # the evaluation rule: overlap of at least half the longer span
        t = _norm(q.text)
        if (g in t or t in g) and min(len(g), len(t)) * 2 >= max(len(g), len(t)):
            return q
    return None


def test_seed_quotes(seed_doc, seed_gold):
    assert_valid(seed_doc.to_dict())
    quotes = seed_doc.quotes
    direct = [g for g in seed_gold["quotes"] if g["kind"] == "direct"]
    indirect = [g for g in seed_gold["quotes"] if g["kind"] == "indirect"]
    found = 0
    for g in direct:
        q = _match(g["text"], [q for q in quotes if q.kind == "direct"])
        assert q is not None, f"direct quote not found: {g['text'][:60]!r}"
        assert _norm(q.text) == _norm(g["text"]), "spans should match the gold exactly"
        actor = seed_doc.actor(q.speaker)
        assert actor is not None, f"no speaker actor for {g['text'][:50]!r} (mention {mention(q)!r})"
        surname = g["speaker"].split()[-1]
        assert surname in actor.name, (g["text"][:50], actor.name, mention(q))
    for g in indirect:
        q = _match(g["text"], [q for q in quotes if q.kind in ("indirect", "mixed")])
        if q is not None and (actor := seed_doc.actor(q.speaker)) and g["speaker"].split()[-1] in actor.name:
            found += 1
    assert found >= 2
    # every quote found is one the gold lists: the report attributes nothing else
    gold_texts = [g["text"] for g in seed_gold["quotes"]]
    for q in quotes:
        assert any(_match(g, [q]) is not None for g in gold_texts), q.text
    # the scare-quoted word is not a quote of its own
    assert not any(_norm(q.text).lower() == "unity" for q in quotes)
    # pronoun mentions were resolved, never left as the answer
    for q in quotes:
        if q.speaker_mention is not None and q.speaker_mention.text.lower() in ("he", "she"):
            assert q.speaker is not None
