"""Attribution rules on short sentences written for these tests."""

from __future__ import annotations

import pytest

from newsdigest.offline import attribution, sources
from newsdigest.text.segment import Span


def find(sentence: str, people: sources.People | None = None, index: int = 0) -> attribution.Found | None:
    return attribution.find(sentence, Span(0, len(sentence)), 0, people or sources.People(), index)


@pytest.mark.parametrize(
    ("sentence", "source", "cue", "content"),
    [
        ("The mayor said the budget would be balanced by June.", "The mayor", "said",
         "the budget would be balanced by June"),
        ("Officials had recently claimed that the bridge was safe.", "Officials", "claimed", "the bridge was safe"),
        ("The bridge was closed in May, a city spokeswoman said.", "a city spokeswoman", "said",
         "The bridge was closed in May"),
        ("The bridge was closed in May, said the city engineer.", "the city engineer", "said",
         "The bridge was closed in May"),
        ("“We will not raise taxes,” said Councillor Ana Ruiz.", "Councillor Ana Ruiz", "said",
         "“We will not raise taxes,”"),
        ("“We will not raise taxes,” Ruiz told reporters on Tuesday.", "Ruiz", "told", "“We will not raise taxes,”"),
        ("Ruiz told reporters on Tuesday that taxes would stay flat.", "Ruiz", "told", "taxes would stay flat"),
        ("According to the county auditor, spending rose 4 percent.", "the county auditor", "According to",
         "spending rose 4 percent"),
        ("Spending rose 4 percent, according to the county auditor.", "the county auditor", "according to",
         "Spending rose 4 percent"),
        ("Rep. Jane Doe (D-Ore.) said the bill would pass.", "Rep. Jane Doe (D-Ore.)", "said", "the bill would pass"),
        ("Maria Lopez, a nurse at the clinic, said the wait had doubled.", "Maria Lopez", "said",
         "the wait had doubled"),
        ("A report released by the state auditor says the fund is short.", "A report released by the state auditor",
         "says", "the fund is short"),
        ("The union pointed out that wages had not risen since 2019.", "The union", "pointed out",
         "wages had not risen since 2019"),
    ],
)
def test_cues_sources_and_reported_clauses(sentence, source, cue, content):
    found = find(sentence)
    assert found is not None
    assert (found.source, found.cue, found.content.of(sentence)) == (source, cue, content)


@pytest.mark.parametrize(
    ("sentence", "source_type", "mode"),
    [
        ("The mayor said the budget would be balanced.", "government", "reported"),
        ("Jane Smith said the budget would be balanced.", "person", "reported"),
        ("A source familiar with the talks said a deal was close.", "anonymous", "reported"),
        ("The Daily Herald reported that the deal was close.", "media", "reported"),
        ("A new study found that commutes had grown longer.", "document", "reported"),
        ("The Green Party said it would oppose the plan.", "organization", "reported"),
        ("Claims emerged that the contract had been signed in secret.", "unattributed", "reported"),
        ("It has come to light that the contract was signed in secret.", "unattributed", "reported"),
        ("“The plan is dead,” the senator said.", "person", "direct_quote"),
    ],
)
def test_source_types_and_modes(sentence, source_type, mode):
    found = find(sentence)
    assert found is not None and (found.source_type, found.mode) == (source_type, mode)


@pytest.mark.parametrize(
    "sentence",
    [
        "The flags of both countries are shown together behind a soldier.",  # passive, not a cue
        "The agencies have refused to respond to the issue.",  # infinitive
        "The council's plans include a new library.",  # noun, not a cue
        "The river rose two metres overnight.",
        "He said, “I think it will rain,” and left.".replace("He said, ", "It was cold. "),  # cue inside a quote
    ],
)
def test_no_attribution_where_the_article_speaks(sentence):
    assert find(sentence) is None


def test_pronoun_resolved_to_the_last_named_person():
    people = sources.People()
    people.observe("Former minister Dmitri Volkov visited the training centre.", 0)
    found = find("He said most recruits would join the reserve.", people, 1)
    assert found is not None
    assert (found.source, found.pronoun, found.source_type) == ("Dmitri Volkov", "He", "person")


def test_pronoun_left_alone_when_two_people_were_named():
    people = sources.People()
    people.observe("Anna Berg met Tomas Lind in Oslo.", 0)
    found = find("She said the talks had gone well.", people, 1)
    assert found is not None and found.source == "She" and found.pronoun is None


def test_pronoun_left_alone_when_the_name_is_far_back():
    people = sources.People()
    people.observe("Anna Berg opened the session.", 0)
    found = find("She said the talks had gone well.", people, 9)
    assert found is not None and found.source == "She"


def test_statement_introduced_by_a_cue_noun():
    found = find("In a statement issued on Monday, she gave details of 40 new hires.")
    assert found is not None and (found.source, found.cue) == ("she", "statement")


def test_quotation_continued_in_the_next_sentence_keeps_its_speaker():
    text = "“The levy stays,” Ruiz said. “We cannot cut it this year.”"
    first = attribution.find(text, Span(0, 28), 0, sources.People(), 0)
    assert first is not None and first.source == "Ruiz"
    follow = attribution.continued(text, first, 28, 29, len(text))
    assert follow is not None and follow.source == "Ruiz" and follow.mode == "direct_quote"


def test_signed_quotation():
    found = find("“The best debate in years.” ― Carla Mendes")
    assert found is not None and found.source == "Carla Mendes"


def test_quotation_before_the_cue_is_the_content_whatever_follows():
    found = find("“You cannot call that protecting services,” Okafor told reporters after the vote.")
    assert found is not None and found.source == "Okafor"
    assert found.content.of("“You cannot call that protecting services,” Okafor told reporters after the vote.") == (
        "“You cannot call that protecting services,”"
    )


def test_anonymous_source_with_a_relative_clause():
    found = find("A city official who asked not to be named said the vote would be delayed.")
    assert found is not None
    assert (found.source, found.source_type) == ("A city official who asked not to be named", "anonymous")
