"""The speakers stage: first and second person in quotes, transcript turns, interviews and
first-person texts, on sentences written for these tests (actors -> quotes -> speakers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import DataFileError
from eventcoder.stages.actors import ActorStage
from eventcoder.stages.quotes import QuoteStage
from eventcoder.stages.speakers import SpeakerStage, load_cues
from stagekit import actor_with, assert_mentions_exact_and_disjoint, run, texts


@pytest.fixture(scope="module")
def stages():
    return [ActorStage(), QuoteStage(), SpeakerStage()]


def test_first_person_in_a_quote_is_its_speaker(nlp, stages):
    doc, ctx = run(nlp, stages, '"I will not resign," Maria Costa said on Monday.')
    costa = actor_with(doc, "Maria Costa")
    assert costa is not None and "I" in texts(costa)
    i = next(t for t in ctx.sp if t.text == "I")
    assert ctx.notes["actors.token"][i.i] == costa.id  # later stages see it too


def test_we_of_a_speaker_tied_to_an_organisation_is_the_organisation(nlp, stages):
    doc, _ = run(nlp, stages, '"We will respond to any attack," said Hamas leader Ahmad Karimi.')
    hamas = actor_with(doc, "Hamas")
    assert hamas is not None and "We" in texts(hamas)


def test_we_of_a_person_is_a_group_of_their_country(nlp, stages):
    text = 'Foreign Minister Ivo Kral of Croatia spoke on Monday. "We will not sign," Kral said.'
    doc, _ = run(nlp, stages, text)
    kral = actor_with(doc, "Kral")
    we = actor_with(doc, "We")
    assert kral is not None and we is not None and we is not kral
    assert (we.type, we.name, we.country) == ("group", f"{kral.name}'s group", "HRV")


def test_you_in_a_quote_is_the_addressee_of_its_verb(nlp, stages):
    doc, _ = run(nlp, stages, '"You must leave the city," Maria Costa told Peter Lund.')
    lund = actor_with(doc, "Peter Lund")
    assert lund is not None and "You" in texts(lund)


def test_quoted_he_is_not_the_speaker(nlp, stages):
    doc, _ = run(nlp, stages, 'Peter Lund left the party in May. "He never told us why," said Carl Berg.')
    assert "He" in texts(actor_with(doc, "Peter Lund"))
    assert "He" not in texts(actor_with(doc, "Carl Berg"))


def test_labelled_transcript_turns(nlp, stages):
    text = (
        "John Smith and Mary Jones debated on Monday.\n\n"
        "SMITH: I disagree with the plan.\n"
        "JONES: We agree with you on the budget.\n"
        "SMITH: Then my office will draft it."
    )
    doc, _ = run(nlp, stages, text)
    smith = actor_with(doc, "John Smith")
    jones = actor_with(doc, "Mary Jones")
    assert {"I", "my", "you"} <= set(texts(smith))  # "you" in Jones's turn: the other party
    assert texts(smith).count("SMITH") == 2 and "JONES" in texts(jones)
    assert actor_with(doc, "We").name == "Mary Jones's group"


def test_question_and_answer_labels(nlp, stages):
    doc, _ = run(nlp, stages, "Q: Why did you leave the party?\nA: I wanted a change.")
    you = actor_with(doc, "you")
    assert you is not None and "I" in texts(you)  # the interviewee both times


def test_interview_paragraphs_without_labels(nlp, stages):
    text = (
        "Ana Silva runs a bakery in Porto.\n\n"
        "Why did you open the shop?\n\n"
        "I wanted to bake bread for my street. We started small.\n\n"
        "What do you tell new bakers?\n\n"
        "I tell them to rise early."
    )
    doc, _ = run(nlp, stages, text, title="Interview with Ana Silva")
    silva = actor_with(doc, "Ana Silva")
    assert silva is not None
    assert texts(silva).count("I") == 2 and texts(silva).count("you") == 2 and "my" in texts(silva)


def test_interview_without_a_title_cue_and_with_a_rhetorical_answer(nlp, stages):
    answer = (
        "I opened it in 1990 with my brother, and for years I baked every loaf myself before dawn, "
        "long before the street had any other shop, any café or any market stall at all. People "
        "laughed at the idea of a bakery there, but I kept the oven hot and I kept the prices low "
        "for the families who came every morning, in the rain, in the heat and through two long "
        "recessions, when half the shops of the quarter closed and the other half changed hands "
        "twice. The bread was the same every day, and so was the price, and people came back "
        "for that more than for anything I could have put in the window. Who would have thought "
        "it would last?"
    )
    text = (
        "Ana Silva has run a bakery in Porto since 1990.\n\n"
        "You have been in business a long time.\n\n"
        f"{answer}\n\n"
        "How do you choose your flour?\n\n"
        f"{answer}\n\n"
        "What do you tell new bakers?\n\n"
        f"{answer}"
    )
    doc, _ = run(nlp, stages, text, title="A life in bread")
    silva = actor_with(doc, "Ana Silva")
    assert silva is not None
    # Every answer's "I" is hers, the rhetorical question is no question, and "you" is her too.
    assert texts(silva).count("I") == 15 and texts(silva).count("You") == 1
    assert all(a.name != "narrator" for a in doc.actors)


def test_speech_narrator_is_the_person_the_title_names(nlp, stages):
    text = (
        "Remarks by Governor Ana Silva at the harbour opening\n\n"
        "Thank you all. I am delighted to stand here today. I thank you for coming. "
        "We will build a better port."
    )
    doc, _ = run(nlp, stages, text, title="Remarks by Governor Ana Silva at the harbour opening")
    silva = actor_with(doc, "Governor Ana Silva")
    assert silva is not None and texts(silva).count("I") == 2
    audience = actor_with(doc, "you")
    assert audience is not None and audience.name == "audience"


def test_unnamed_narrator(nlp, stages):
    doc, _ = run(
        nlp, stages, "I went to the market. I met a farmer there. My visit was short, and I left at noon."
    )
    me = actor_with(doc, "My")
    assert me is not None and me.name == "narrator" and texts(me).count("I") == 3


def test_too_little_first_person_makes_no_narrator(nlp, stages):
    doc, _ = run(nlp, stages, "Officials said I-95 was closed. Traffic was diverted.")
    assert all(a.name != "narrator" for a in doc.actors)


def test_ids_follow_first_mentions_and_quotes_follow_ids(nlp, stages):
    text = '"I will not resign," Maria Costa said. Peter Lund said the vote would go ahead.'
    doc, _ = run(nlp, stages, text)
    assert [a.id for a in doc.actors] == [f"a{n}" for n in range(1, len(doc.actors) + 1)]
    starts = [a.mentions[0].start for a in doc.actors]
    assert starts == sorted(starts)
    costa = actor_with(doc, "Maria Costa")
    assert doc.quotes[0].speaker == costa.id


def test_no_character_in_two_actors(nlp, stages):
    text = (
        'Peter Lund left the party in May. "He never told us why," said Carl Berg. '
        '"I told you so," Maria Costa told Berg.'
    )
    doc, _ = run(nlp, stages, text)
    assert_mentions_exact_and_disjoint(doc)


def test_bad_cue_file_fails_with_line(tmp_path: Path):
    path = tmp_path / "speakers.tsv"
    path.write_text("# cues\nphrase\tkind\nremarks\tspeech\nhello\tgreeting\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_cues(str(path))
    assert err.value.line == 4 and "unknown kind" in err.value.reason


def test_upper_case_labels_at_line_ends_open_turns_in_a_speech(nlp, stages):
    text = (
        "Remarks by President Ana Ortiz and Vice President Carl Mendes at the Space Briefing\n\n"
        "4:02 P.M. CDT THE VICE PRESIDENT:\n\n"
        "Thank you all. I am glad to be with you tonight.\n\n"
        "Please welcome our President, Ana Ortiz. THE PRESIDENT:\n\n"
        "Thank you. I was in Chicago this morning, and I thank you for coming.\n"
    )
    doc, _ = run(nlp, stages, text, title=text.splitlines()[0])
    mendes = actor_with(doc, "Vice President Carl Mendes")
    ortiz = actor_with(doc, "President Ana Ortiz")
    assert mendes is not None and ortiz is not None
    first_i = text.index("I am glad")
    second_i = text.index("I was in Chicago")
    assert any(m.start == first_i for m in mendes.mentions)
    assert any(m.start == second_i for m in ortiz.mentions)
    # "you" in a speech is the audience, not the other speaker
    you = text.index("you tonight")
    assert not any(m.start == you for m in ortiz.mentions)


def test_an_interviewee_the_report_never_names_is_no_person_named_once(nlp, stages):
    text = (
        "How do you pick the stories?\n\n"
        "I read the headlines first. We start with a joke and then I write the rest.\n\n"
        "Who is your favourite subject?\n\n"
        "I like stories about the pop singer Maria Lopez. I think readers like them too."
    )
    doc, _ = run(nlp, stages, text, title="An interview with a satirical newspaper")
    lopez = next((a for a in doc.actors if a.name == "Maria Lopez"), None)
    assert lopez is not None and "I" not in texts(lopez)
    who = actor_with(doc, "I")
    assert who is not None and who.name == "interviewee"


def test_you_in_an_interview_answer_is_the_interviewer(nlp, stages):
    text = (
        "Ana Silva runs a bakery in Porto.\n\n"
        "Why did you open the shop?\n\n"
        "You know, I wanted to bake bread for my street, and I think you would have done it too.\n\n"
        "What do you tell new bakers?\n\n"
        "I tell them to rise early. If you sleep late, your bread is late."
    )
    doc, _ = run(nlp, stages, text, title="Interview with Ana Silva")
    silva = actor_with(doc, "Ana Silva")
    asker = actor_with(doc, "You")
    assert silva is not None and asker is not None and asker is not silva
    assert asker.name == "interviewer"
    assert {"You", "you", "your"} <= set(texts(asker))
    assert "you" in texts(silva)  # the questions' "you" stays the interviewee's


def test_you_of_an_unnamed_narrator_is_the_audience(nlp, stages):
    text = "I went to the market. I met a farmer there, and I tell you, my visit was short. I left."
    doc, _ = run(nlp, stages, text)
    audience = actor_with(doc, "you")
    assert audience is not None and audience.name == "audience"


def test_they_the_actors_stage_found_to_mean_a_thing_stays_unresolved(nlp, stages):
    text = "The Harbour Trust bought the boats. The boats were old, so they sank within a year."
    doc, _ = run(nlp, stages, text)
    assert actor_with(doc, "they") is None


def test_a_name_the_sentence_addresses_wins_over_the_audience(nlp, stages):
    text = (
        "Remarks by Governor Ana Silva at the harbour opening\n\n"
        "I am delighted to stand here. I thank all of you. Omar Haddad built this port. "
        "Omar, you are a good friend."
    )
    doc, _ = run(nlp, stages, text, title="Remarks by Governor Ana Silva at the harbour opening")
    haddad = actor_with(doc, "Omar Haddad")
    audience = actor_with(doc, "all of you") or actor_with(doc, "you")
    assert haddad is not None and "you" in texts(haddad)
    assert audience is not None and audience is not haddad


def _bakery_interview(title: str) -> str:
    return (
        f"{title}\n\n"
        "Ana Silva and Rui Costa run a bakery in Porto.\n\n"
        "Why did you open the shop?\n\n"
        "We wanted to bake bread for our street. We started small, and our friends helped us.\n\n"
        "What do you tell new bakers?\n\n"
        "We tell them to rise early. Our ovens are hot by four."
    )


def test_you_asked_of_two_people_who_answer_we_is_their_group(nlp, stages):
    title = "Interview with Ana Silva and Rui Costa"
    doc, _ = run(nlp, stages, _bakery_interview(title), title=title)
    group = actor_with(doc, "We")
    assert group is not None and group.type in ("group", "organization")
    assert {"you", "We", "our"} <= set(texts(group))


def test_you_asked_of_one_named_person_stays_that_person(nlp, stages):
    title = "Interview with Ana Silva"
    text = _bakery_interview(title).replace("Ana Silva and Rui Costa run", "Ana Silva runs")
    doc, _ = run(nlp, stages, text, title=title)
    silva = actor_with(doc, "Ana Silva")
    assert silva is not None and texts(silva).count("you") == 2


def test_first_person_in_a_paragraph_signed_by_a_name_is_the_signer(nlp, stages):
    text = (
        "Jane Doe says the group held her for years. Doe left in 2009.\n\n"
        "I was called in and told to sign my papers. I had to stay. Jane Doe\n\n"
        "Officials denied it."
    )
    doc, _ = run(nlp, stages, text)
    doe = actor_with(doc, "Jane Doe")
    assert doe is not None and texts(doe).count("I") == 2 and "my" in texts(doe)
    assert all(a.name != "narrator" for a in doc.actors)


def test_single_quoted_words_of_someone_unnamed_inside_a_speech(nlp, stages):
    text = (
        "Remarks by Governor Ana Silva at the harbour opening\n\n"
        "I am happy to open this harbour. Often someone comes up and says, 'Ana, I like your port.' "
        "I thank all of you."
    )
    doc, _ = run(nlp, stages, text, title="Remarks by Governor Ana Silva at the harbour opening")
    silva = actor_with(doc, "Governor Ana Silva")
    quoted_i = text.index("I like")
    assert silva is not None and texts(silva).count("I") == 2
    assert all(m.start != quoted_i for a in doc.actors for m in a.mentions)  # the caller's "I"
    assert "your" in texts(silva)  # the name right after the quote mark is the one addressed


def test_a_vocative_in_a_speech_is_not_its_speaker(nlp, stages):
    title = "Remarks by Speaker Ana Silva on the harbour bill"
    text = (
        f"{title}\n\n"
        "Thank you, Madam Speaker. I rise in support of this bill. "
        "Madam Speaker, you have been patient with us. I thank my colleagues."
    )
    doc, _ = run(nlp, stages, text, title=title)
    silva = actor_with(doc, "I")
    assert silva is not None and "Madam Speaker" not in texts(silva) and "you" not in texts(silva)
    chair = actor_with(doc, "Madam Speaker")
    assert chair is not None and chair is not silva
    assert texts(chair).count("Madam Speaker") == 2 and "you" in texts(chair)
    assert_mentions_exact_and_disjoint(doc)


def test_a_quoted_them_is_no_organisation(nlp, stages):
    text = (
        "Mayor Ana Ruiz spoke about the farmers. "
        '"The farmers trust Harvest Corp, and we must protect them," Ruiz said.'
    )
    doc, _ = run(nlp, stages, text)
    firm = actor_with(doc, "Harvest Corp")
    assert firm is not None and "them" not in texts(firm)
    farmers = actor_with(doc, "The farmers")
    assert farmers is not None and "them" in texts(farmers)


def test_a_quoted_they_takes_people_before_an_organisation(nlp, stages):
    text = (
        "Mayor Ana Ruiz visited the valley. "
        '"The farmers work for Harvest Corp, and they are happy," Ruiz said.'
    )
    doc, _ = run(nlp, stages, text)
    firm = actor_with(doc, "Harvest Corp")
    assert firm is not None and "they" not in texts(firm)
    farmers = actor_with(doc, "The farmers")
    assert farmers is not None and "they" in texts(farmers)


def test_what_a_first_person_subject_is_said_to_be_joins_the_speaker(nlp, stages):
    text = (
        "Remarks by Senator Ana Ruiz\n\nThank you. I was a teacher for years. As chair of the "
        "committee, I know the cost. We are citizens of a proud state, and I speak not as a "
        "senator but as a voter. I thank you."
    )
    doc, _ = run(nlp, stages, text)
    ruiz = actor_with(doc, "I")
    assert ruiz is not None
    for role in ("a teacher", "chair", "a senator", "a voter"):
        assert role in texts(ruiz)
    we = actor_with(doc, "We")
    assert we is not None and "citizens" in texts(we)
    # no actor of its own is left for a role the speaker was given
    assert not [a for a in doc.actors if a.name in ("teacher", "senator", "voter")]
    assert_mentions_exact_and_disjoint(doc)


def test_negated_predicate_and_an_objects_role_stay_apart(nlp, stages):
    text = '"We are not a party of fear, and they elected me as treasurer," Ana Ruiz said.'
    doc, _ = run(nlp, stages, text)
    ruiz = actor_with(doc, "Ana Ruiz")
    assert ruiz is not None and "treasurer" not in texts(ruiz)
    we = actor_with(doc, "We")
    assert we is None or "a party" not in " ".join(texts(we))


def test_a_pronoun_left_unresolved_is_not_given_to_its_verbs_subject(nlp, stages):
    doc, _ = run(nlp, stages, "Tim Rooke arrived on Monday. Rooke met him at noon.")
    assert "him" not in texts(actor_with(doc, "Tim Rooke"))


def test_a_curly_contraction_is_a_copula_too(nlp, stages):
    text = (
        "Remarks by Senator Ana Ruiz\n\nThank you all. I thank our host, Tom Weld. Tom, you’re a "
        "fine builder. I’m a teacher, and this hall is warm."
    )
    doc, _ = run(nlp, stages, text)
    weld = actor_with(doc, "Tom Weld")
    assert weld is not None and "a fine builder" in texts(weld)
    ruiz = actor_with(doc, "Senator Ana Ruiz")
    assert ruiz is not None and "a teacher" in texts(ruiz)


def test_not_only_affirms_a_predicate(nlp, stages):
    text = '"You are not only a painter," Tom Weld told Ana Ruiz. "You are not a poet," he said.'
    doc, _ = run(nlp, stages, text)
    ruiz = actor_with(doc, "Ana Ruiz")
    assert ruiz is not None and "a painter" in texts(ruiz) and "a poet" not in texts(ruiz)


def test_a_title_addressed_in_an_interview_question_is_the_interviewee(nlp, stages):
    text = (
        "Tom Weld has led the dock workers for twenty years.\n\n"
        "Mr. Chairman, do you fear the new port?\n\n"
        "I fear nothing. We built this harbour, and I defended it for years.\n\n"
        "What do you tell young workers?\n\n"
        "I tell them to join early."
    )
    doc, _ = run(nlp, stages, text, title="Interview with Tom Weld")
    weld = actor_with(doc, "Tom Weld")
    assert weld is not None
    assert {"Mr. Chairman", "you"} <= set(texts(weld))
    assert_mentions_exact_and_disjoint(doc)


def test_a_predicate_that_names_no_person_is_not_the_speaker(nlp, stages):
    text = '"As a rule, we vote early. I\'m a little bit cold, but I am a gardener now," Ana Ruiz said.'
    doc, _ = run(nlp, stages, text)
    ruiz = actor_with(doc, "Ana Ruiz")
    assert ruiz is not None and "a gardener" in texts(ruiz)
    assert not any(t in ("a rule", "a little bit") for a in doc.actors for t in texts(a))


def test_each_other_is_the_group_of_its_subject(nlp, stages):
    doc, _ = run(nlp, stages, '"We will race against each other next spring," Ana Ruiz said.')
    we = actor_with(doc, "We")
    assert we is not None and "each other" in texts(we)
    doc, _ = run(nlp, stages, "The two farmers sold the barn and then argued with each other.")
    farmers = actor_with(doc, "The two farmers")
    assert farmers is not None and "each other" in texts(farmers)
    doc, _ = run(nlp, stages, "Tom Weld met Ana Ruiz. He asked about each other's plans.")
    assert not any("each other" in texts(a) for a in doc.actors if a.type == "person")


@pytest.mark.parametrize(
    "text",
    [
        "As a teacher I know it. I say it. I mean it. I am not",  # "not" as the last token
        "As chair, I spoke. I left. I came back. We are",
        "Noor Haddad won. She is not",
    ],
)
def test_roles_at_the_edges_of_a_text_do_not_fail(nlp, stages, text):
    doc, _ = run(nlp, stages, text)
    assert_mentions_exact_and_disjoint(doc)
