"""The offline engine end to end on an article written for this test, as a library and as the CLI."""

from __future__ import annotations

import json

import pytest

from newsdigest import pipeline
from newsdigest.offline import lexicon
from newsdigest.backends.offline import OfflineBackend
from newsdigest.offline.engine import RULES_VERSION
from newsdigest.prompts import PromptStore
from newsdigest.text import article

ARTICLE = """City Council Approves Harbour Budget

City Council Approves Harbour Budget

By Jane Doe

RIVERTON — The city council approved a $40 million harbour budget on Tuesday. Mayor Elena Park said the plan would create 1,200 jobs.
“This is the biggest investment in a generation,” Park said. “The harbour will pay for itself within ten years.”
She added that dredging would start in the spring.
Critics say the harbour will create only 300 jobs, and the project seems likely to run over budget.
It has come to light that two contractors were paid before the vote.

Share this article
"""


def digest():
    return pipeline.summarize(article.from_text(ARTICLE, article_id="harbour"), OfflineBackend(), PromptStore())


def test_claims_are_grounded_attributed_and_skip_furniture():
    d = digest()
    assert all(ARTICLE[e.start : e.end] == e.quote for c in d.claims for e in c.evidence)
    assert all(c.grounded for c in d.claims)
    by_start = {c.evidence[0].quote.split()[0]: c for c in d.claims}
    assert by_start["The"].attribution.source_type == "author"  # after the dateline "RIVERTON —"
    assert by_start["Mayor"].attribution.source == "Mayor Elena Park"
    assert by_start["She"].attribution.source == "Elena Park"  # "She" resolved
    assert by_start["Critics"].attribution.source_type == "anonymous"
    assert "seems" in by_start["Critics"].hedges
    assert by_start["It"].attribution.source_type == "unattributed"
    quotes = " ".join(e.quote for c in d.claims for e in c.evidence)
    assert "Share this" not in quotes and "Jane Doe" not in quotes and "RIVERTON" not in quotes
    assert not any(e.quote.startswith("City Council Approves") for c in d.claims for e in c.evidence)


def test_a_quotation_continued_after_its_attribution_keeps_the_speaker():
    d = digest()
    follow = next(c for c in d.claims if c.evidence[0].quote.startswith("“The harbour will pay"))
    assert follow.attribution.source == "Park" and follow.attribution.mode == "direct_quote"


def _claims(text: str) -> list:
    return pipeline.summarize(article.from_text(text), OfflineBackend(), PromptStore()).claims


def test_a_speech_quoted_at_length_stays_its_speakers_to_its_last_sentence():
    speech = " ".join(f"Point {n} of the plan is about the bridge and its tolls." for n in range(1, 13))
    claims = _claims(f'Bridge news\n\nAna Ruiz spoke on Monday. She said:\n\n"{speech}"\n\nThe council votes on Friday.\n')
    assert [(c.attribution.source, c.attribution.mode) for c in claims][1:] == [
        ("Ana Ruiz", "direct_quote"), ("the article", "author_assertion")
    ]
    assert "Point 12 of the plan" in claims[1].text


def test_a_stray_quotation_mark_takes_in_no_more_than_a_few_sentences():
    sentences = [f"Point {n} of the plan is about the bridge and its tolls." for n in range(1, 13)]
    # The stray opening mark pairs with a closing one 13 sentences on: no quotation opens the unit.
    stray = "The \u201cnew plan has ten points. " + " ".join(sentences) + " Ana Ruiz called it a good start.\u201d"
    claims = _claims(f"Bridge news\n\n{stray}\n")
    assert sum("Point 12 of the plan" in c.text for c in claims) == 1
    assert not any("Point 12 of the plan" in c.text and "Point 7 of the plan" in c.text for c in claims)


NYT_QUOTES = """Port Plan

The harbour master, Tomas Lind, argues the channel must be dredged before winter. ''We must not wait for the storms,'' he told me.
''The channel is silting up,'' said Ana Ruiz, an engineer at the port. ''Another winter would close it.''
"""


def test_quotations_in_two_apostrophes_are_sentences_with_their_speakers():
    d = pipeline.summarize(article.from_text(NYT_QUOTES, article_id="port"), OfflineBackend(), PromptStore())
    by_start = {" ".join(c.evidence[0].quote.split()[:2]): c.attribution for c in d.claims}
    assert by_start["The harbour"].source == "The harbour master, Tomas Lind" and by_start["The harbour"].cue == "argues"
    assert by_start["''We must"].source == "Tomas Lind" and by_start["''We must"].mode == "direct_quote"
    assert by_start["''Another winter"].source == "Ana Ruiz" and by_start["''Another winter"].mode == "direct_quote"


def test_jobs_figures_contradict():
    d = digest()
    ids = {c.id: c.evidence[0].quote for c in d.claims}
    assert any("1,200 jobs" in ids[a] and "300 jobs" in ids[b] for a, b in (x.claims for x in d.contradictions))


def test_deterministic_and_provenance_names_the_rules():
    a, b = digest(), digest()
    assert a.model_dump(exclude={"provenance"}) == b.model_dump(exclude={"provenance"})
    p = a.provenance
    assert (p.backend, p.model, p.base_url_host) == ("offline", f"rules-{RULES_VERSION}", None)
    assert p.prompt.sha256 == lexicon.fingerprint()


def test_every_lexicon_file_is_documented_and_loads():
    readme = (lexicon.DATA / "README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in lexicon.DATA.glob("*.txt"))
    assert files and all(f"`{name}`" in readme for name in files)
    assert all(lexicon.lines(name.removesuffix(".txt")) for name in files)


def test_cli_defaults_to_the_offline_engine_and_says_so(run_cli, tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("summarize", str(path), "--format", "json")
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["provenance"]["backend"] == "offline"
    assert len(doc["claims"]) >= 5
    assert "offline engine" in result.stderr and result.stderr.count("\n") == 1


def test_the_projects_example_article():
    from conftest import EXAMPLE, need

    text = need(EXAMPLE).read_text(encoding="utf-8")
    d = pipeline.summarize(article.from_text(text), OfflineBackend(), PromptStore())
    quotes = {c.id: c.evidence[0].quote for c in d.claims}
    assert any(
        "$2.1 million" in quotes[a] and "$900,000" in quotes[b] for a, b in (x.claims for x in d.contradictions)
    )
    assert any(c.attribution.source_type == "anonymous" for c in d.claims)
    assert not any(q.startswith("Share this") for q in quotes.values())


def test_a_deck_speaker_counts_only_by_name():
    text = (
        "Harbour wall approved after long fight.\n\n"
        "Member of harbour board says the wall comes too late.\n\n"
        "RIVERTON - The council approved a new harbour wall on Monday after a three-hour debate.\n"
    )
    claims = pipeline.summarize(article.from_text(text), OfflineBackend(), PromptStore()).claims
    assert [c.attribution.source for c in claims] == ["the article"]


def test_a_short_first_line_set_apart_holds_only_the_claims_it_attributes_by_name():
    body = "".join(f"The council met for the {n} time on Monday to debate the harbour wall.\n\n" for n in ("first", "second", "third"))
    for headline, sources_ in (
        ("Outrage, but few options on the table.", []),  # a headline in sentence case is no claim of the article's
        ("Ana Ruiz says the wall comes too late.", ["Ana Ruiz"]),
    ):
        claims = pipeline.summarize(article.from_text(f"{headline}\n\n{body}"), OfflineBackend(), PromptStore()).claims
        assert [c.attribution.source for c in claims if headline.startswith(c.evidence[0].quote[:10])] == sources_


def test_lines_right_under_a_headline_before_the_first_blank_line_are_its_deck():
    body = "".join(f"The council met for the {n} time on Monday to debate the harbour wall.\n\n" for n in ("first", "second", "third"))
    for deck, sources_ in (
        ("Small group of residents pushes the cost beyond the total for 2012.", []),
        ("Mayor Ana Ruiz says the wall comes too late.", ["Mayor Ana Ruiz"]),
    ):
        text = f"Harbour Wall Approved After Long Fight;\n{deck}\n\n{body}"
        claims = pipeline.summarize(article.from_text(text), OfflineBackend(), PromptStore()).claims
        assert [c.attribution.source for c in claims if deck.startswith(c.evidence[0].quote[:10])] == sources_
    # Where lines follow each other with no blank line, a long second line is the story's lede.
    lede = "The council approved a new harbour wall on Monday after a three-hour debate that ran late into the night."
    text = f"Harbour Wall Approved After Long Fight\n{lede}\n\n{body}"
    claims = pipeline.summarize(article.from_text(text), OfflineBackend(), PromptStore()).claims
    assert claims[0].evidence[0].quote == lede


def test_the_deck_before_a_dateline_holds_only_the_claims_it_attributes():
    text = (
        "Harbour wall approved after long fight.\n\n"
        "Work on the sea defences starts in the spring.\n\n"
        "Mayor Ana Ruiz says the wall will protect every home on the front.\n\n"
        "RIVERTON - The council approved a new harbour wall on Monday after a three-hour debate.\n"
    )
    claims = pipeline.summarize(article.from_text(text), OfflineBackend(), PromptStore()).claims
    assert [(c.attribution.source, c.text[:25]) for c in claims] == [
        ("Mayor Ana Ruiz", "The wall will protect eve"),
        ("the article", "The council approved a ne"),
    ]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        # An infinitive, a request or a name given cannot stand alone: the speaker and cue go with it.
        ("Ana Ruiz vowed not to repeat that mistake.", "Ana Ruiz vowed not to repeat that mistake"),
        ("Ana Ruiz urged the council to reopen the bridge.", "Ana Ruiz urged the council to reopen the bridge"),
        ("Ana Ruiz called the plan “a disaster.”", "Ana Ruiz called the plan “a disaster.”"),
        ("Ana Ruiz criticized the council's handling of the bridge repairs.",
         "Ana Ruiz criticized the council's handling of the bridge repairs"),
        # Whom one accuses goes with the accuser; a quotation in a fronted participle phrase is not what they say.
        ('Bemoaning the "phony system," Ana Ruiz accused the auditor of bias.', "Ana Ruiz accused the auditor of bias"),
        ("Ana Ruiz announced plans this week to give $15 million.", "Ana Ruiz announced plans this week to give $15 million"),
        ("Ana Ruiz acknowledged their uphill battle.", "Ana Ruiz acknowledged their uphill battle"),
        ("Ana Ruiz described the showdown as ominous.", "Ana Ruiz described the showdown as ominous"),
        # What is expressed, opposed or proposed is a thing, not words reported.
        ("Residents have expressed misgivings about the bridge plan.",
         "Residents have expressed misgivings about the bridge plan"),
        ("Ana Ruiz opposed the new toll on the bridge.", "Ana Ruiz opposed the new toll on the bridge"),
        ("Ana Ruiz proposed nothing that would raise the toll.", "Ana Ruiz proposed nothing that would raise the toll"),
        # What is told with no "that" after whom it is told to reads whole only with them.
        ("Ana Ruiz told the Daily Herald on Monday how surprised she was by the vote.",
         "Ana Ruiz told the Daily Herald on Monday how surprised she was by the vote"),
        ("Ana Ruiz told reporters on Monday that the bridge would reopen.", "The bridge would reopen"),
        ('Ana Ruiz told MSNBC\'s "Morning Joe" on Monday that the bridge would reopen.', "The bridge would reopen"),
        ("Ana Ruiz continues to insist, most recently in an interview with a local paper, that the bridge is safe.",
         "The bridge is safe"),
        ("The mayor barely mentioned the tolls.", "The mayor barely mentioned the tolls"),
        ("Ana Ruiz added a note of caution about the tolls.", "Ana Ruiz added a note of caution about the tolls"),
        ("Residents complain bitterly that the tolls are too high.", "The tolls are too high"),
        ("Drivers have found ways to avoid the tolls on the bridge.", "Drivers have found ways to avoid the tolls on the bridge"),
        ("Ana Ruiz wants policies that lower the tolls.", "Ana Ruiz wants policies that lower the tolls"),
        # A cue inside an aside between dashes reports no further than the aside.
        ("The council voted -- which Ana Ruiz called \u201ca disgrace\u201d -- and the bridge closed on Monday.",
         "Ana Ruiz called \u201ca disgrace\u201d"),
        ("Ana Ruiz adds, \u201cThe tolls will fall in May.\u201d", "\u201cThe tolls will fall in May.\u201d"),
        ("The Daily Herald reported the vote on its front page.", "The Daily Herald reported the vote on its front page"),
        ("The Daily Herald reports: \u201cThe bridge will reopen in May.\u201d", "\u201cThe bridge will reopen in May.\u201d"),
        ("Ana Ruiz agreed with the mayor about the tolls.", "Ana Ruiz agreed with the mayor about the tolls"),
        # Where, or of whom, before "that" or a quotation is no part of what is said.
        ("Ana Ruiz said at a rally in Springfield that the bridge would reopen.", "The bridge would reopen"),
        ("Ana Ruiz says of the mayor, \u201cHe never listens to us.\u201d", "\u201cHe never listens to us.\u201d"),
        ("The judge agreed with Ana Ruiz that there was no reason to close the bridge.",
         "There was no reason to close the bridge"),
        ("Ana Ruiz warned that if the council fails to act, the bridge could close.",
         "If the council fails to act, the bridge could close"),
        # An object standing for something the sentence does not say goes with its speaker.
        ("Ana Ruiz has said the same thing about the bridge.", "Ana Ruiz has said the same thing about the bridge"),
        ("Video of the arrest shows him with his hands up.", "Video of the arrest shows him with his hands up"),
        # An attribution set off after the subject leaves it where it stands.
        ("African-Americans, Ana Ruiz said, can rock like Jimi.", "African-Americans, Ana Ruiz said, can rock like Jimi"),
        # Two apostrophes open and close a quotation in some papers: the claim gives both.
        ("''We will win,'' Ana Ruiz said.", "''We will win.''"),
        # A reported clause stands alone.
        ("Ana Ruiz said the bridge would reopen in May.", "The bridge would reopen in May"),
    ],
)
def test_a_claim_text_stands_alone(sentence, text):
    claims = pipeline.summarize(article.from_text("Bridge news\n\n" + sentence + "\n"), OfflineBackend(), PromptStore()).claims
    assert [c.text for c in claims] == [text]


@pytest.mark.parametrize(
    "sentence",
    [
        "Builders will not give up, and Republicans in Congress will continue their legislative attacks.",  # no words
        "The council is continuing to negotiate with the builders over the bridge repairs.",  # what goes on
        "The builders are continuing talks with the council over the bridge repairs.",
        "Ana Ruiz reported from Springfield, and Dan Cole from Riverton.",  # a credit line
        "Everything Ana Ruiz says is a promise she will keep.",  # the cue is inside the subject
        "Ana Ruiz needs to sell the plan and tell more jokes.",  # a second infinitive, no words said
    ],
)
def test_a_cue_verb_that_reports_no_words(sentence):
    assert [c.attribution.source for c in _claims("Bridge news\n\n" + sentence + "\n")] == ["the article"]


def test_a_document_released_then_finding_speaks_by_what_it_found():
    claims = _claims("Bridge news\n\nA city poll released in late August found that 74 percent of residents want the bridge.\n")
    assert [(c.attribution.source, c.attribution.cue) for c in claims] == [("A city poll released in late August", "found")]


def test_a_quotation_of_someone_shown_keeps_who_is_shown_saying_it():
    claims = _claims("Bridge news\n\nThe ad concludes with footage of the mayor saying, \u201cWe will build it.\u201d\n")
    assert [c.text for c in claims] == ["With footage of the mayor saying, \u201cWe will build it.\u201d"]


def test_a_loaded_word_in_reported_speech_is_attributed_to_its_speaker():
    text = (
        "Budget passes\n\nThe mayor said the council's scheme would cost $4 million.\nThe scheme was approved on Monday.\n"
        "The treasurer said the scheme would need a loan.\n"
    )
    warnings = [w.message for w in pipeline.summarize(article.from_text(text), OfflineBackend(), PromptStore()).warnings
                if w.kind == "loaded_language"]
    assert warnings == [
        "loaded word 'scheme' (neutral: 'plan') in words attributed to The mayor",
        "loaded word 'scheme' (neutral: 'plan') in the article's own words",
        "loaded word 'scheme' (neutral: 'plan') in words attributed to The treasurer",
    ]


def test_a_line_ending_in_a_cue_and_a_colon_gives_the_quotation_below_it_its_speaker():
    text = (
        "Fundraising lags\n\nLess than a quarter of the donors gave small sums this year.\n\nThe Daily Herald reports:\n\n"
        "\u201cJust 24 percent of the contributors gave $200 or less.\u201d\n"
    )
    claims = pipeline.summarize(article.from_text(text), OfflineBackend(), PromptStore()).claims
    assert [(c.attribution.source, c.attribution.mode) for c in claims] == [
        ("the article", "author_assertion"), ("The Daily Herald", "direct_quote"),
    ]


def test_a_speaker_who_asks_is_still_the_speaker_for_the_next_he_said():
    text = (
        "College savings\n\nIn his book, Mr. Ruiz suggested asking yourself this: Would I rather save or spend?\n"
        "\u201cI don't judge what people spend money on,\u201d he said.\n"
    )
    claims = pipeline.summarize(article.from_text(text), OfflineBackend(), PromptStore()).claims
    assert [c.attribution.source for c in claims] == ["Ruiz"]


SCENE = """Video shows the shooting

The wife of a man shot by police recorded video of the encounter, officials said on Friday.

It does not answer whether Keith Scott had a gun. Rakeyia Scott can be heard yelling to the officers that her husband was unarmed.

"Don't shoot him," she says. "He has no weapon."

{between}

"Did you shoot him? He better not be dead," she yells while moving along the street.
"""


@pytest.mark.parametrize(
    ("between", "source"),
    [
        # Every sentence since she spoke goes on about her, in its own words: she is still meant.
        ('She then urges her husband to come out of the car and repeatedly says, "Don\'t you do it." '
         "At this point, the camera is facing the ground, and she becomes increasingly upset.", "Rakeyia Scott"),
        # A sentence about something else breaks the thread.
        ("She then urges her husband to come out of the car. At this point, the camera is facing the ground.",
         "she (unresolved)"),
    ],
)
def test_a_speaker_stays_meant_while_the_sentences_since_go_on_about_her(between, source):
    text = SCENE.format(between=between)
    claims = pipeline.summarize(article.from_text(text), OfflineBackend(), PromptStore()).claims
    assert [c.attribution.source for c in claims if c.evidence[0].quote.startswith('"Did you')] == [source]



def test_a_closing_mark_that_opens_a_paragraph_opens_its_quotation():
    text = (
        "Readers on the mayor\n\n\u201dShe listens. She answers every letter. She has my vote.\u201d \u2015 Ana Ruiz\n"
        "\u201cShe never listens.\u201d \u2015 Tom Berg\n"
    )
    assert [c.attribution.source for c in _claims(text)] == ["Ana Ruiz", "Tom Berg"]


def test_a_quotation_that_opens_while_one_is_left_unclosed_ends_it():
    text = (
        "Hicks talks\n\n"
        '"We always investigate, sometimes it is impossible to find out. "We just do not know in this case," he said. '
        "Mr Downer says it is unclear when Mr Hicks will be back.\n"
    )
    claims = _claims(text)
    assert [c.attribution.cue for c in claims][-1] == "says"
    assert claims[-1].text.startswith("It is unclear when Mr Hicks")
