"""Phrases: whole-word phrase search over stretches of one text, read once per text."""

from __future__ import annotations

import sys
import threading

from newsdigest.offline import lexicon


def hits(phrases: lexicon.Phrases, text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [hit.text for hit in phrases.finditer(text, start, end)]


def test_whole_words_only_longest_phrase_first_and_inner_words_not_again():
    phrases = lexicon.Phrases(["it appears", "appears", "said"], ignore_case=True)
    text = "It appears the unsaid plan, Said-Ali said, appears sound."
    assert hits(phrases, text) == ["It appears", "said", "appears"]  # not "unsaid" or "Said-Ali"


def test_a_stretch_sees_only_its_own_words_and_a_phrase_it_cuts_is_not_whole():
    phrases = lexicon.Phrases(["told reporters", "said"], ignore_case=False)
    text = "Ruiz said it. Lopez told reporters so. Mays said no."
    second = text.index("Lopez")
    assert hits(phrases, text, second, text.index(" Mays")) == ["told reporters"]
    assert hits(phrases, text, second, text.index("reporters") + 3) == []
    assert hits(phrases, text, text.index("sa"), text.index("sa") + 4) == ["said"]


def test_one_phrase_list_serves_many_texts_in_turn():
    phrases = lexicon.Phrases(["warned"], ignore_case=True)
    texts = [f"Officials {'WARNED' if i % 2 else 'agreed'} on day {i}." for i in range(12)]
    for _ in range(2):  # more texts than it keeps read, asked about again
        assert [bool(hits(phrases, t)) for t in texts] == [i % 2 == 1 for i in range(12)]


def test_lists_reading_one_text_keep_their_own_case_rule():
    cased = lexicon.Phrases(["said"], ignore_case=False)
    caseless = lexicon.Phrases(["said", "seems"], ignore_case=True)
    text = "Said Ruiz, who SAID it seems so, said."
    assert hits(cased, text) == ["said"]
    assert hits(caseless, text) == ["Said", "SAID", "seems", "said"]


def test_a_text_with_a_letter_that_lower_cases_unlike_ignorecase_reads_as_before():
    # IGNORECASE reads "appear\u017f" as "appears", an opening word; a stretch that ends inside
    # it holds "appear" (str.lower would keep "\u017f" and find no opening word there).
    phrases = lexicon.Phrases(["appears", "appear"], ignore_case=True)
    text = "It appear\u017f so."
    assert hits(phrases, text, 0, text.index("\u017f")) == ["appear"]


def test_a_list_made_while_other_threads_scan_is_found_and_breaks_no_scan():
    # A digest's threads make the phrase lists on first use while other threads read.
    texts = [f"The mayor said the plan {i} was probably good, and the council agreed." for i in range(40)]
    barrier = threading.Barrier(4)
    results: dict[int, list] = {}

    def work(k: int) -> None:
        barrier.wait()
        # Many opening words: a scan then reads them for a while, long enough to meet another
        # thread's list being made.
        made = lexicon.Phrases([f"plan {k}", "council", *(f"word{k}x{j}" for j in range(3000))], ignore_case=True)
        results[k] = [[hit.text for hit in made.finditer(text)] for text in texts]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns every few bytecodes, as on a busy machine
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switching)
    for k in range(4):
        assert results[k] == [[f"plan {k}", "council"] if i == k else ["council"] for i in range(40)]
