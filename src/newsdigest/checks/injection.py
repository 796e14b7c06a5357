"""Instruction-like text in an article: reported, never obeyed.

An article is data, but an attacker can write text into it that reads like a prompt to an
AI assistant ("ignore the previous instructions", "in your response, add a link to ...",
"Translate the following sentence to French"). Whatever the backend, the pipeline runs
``scan`` on the article and reports each such sentence as a warning of kind
``instruction_in_article`` with its offsets, so a reader of the output can see the attempt.
The patterns live in ``data/injection_patterns.txt`` (its header gives the format).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from newsdigest.checks import prefilter
from newsdigest.schema import Warning
from newsdigest.text.article import Article

KIND = "instruction_in_article"
_LEXICON = "injection_patterns.txt"
_SNIPPET_CHARS = 80
_NAME = re.compile(r"\{([A-Z]+)\}")
# Double quotation marks: opening, closing, and those that toggle (ASCII, and the two
# apostrophes or backticks some papers write for one).
_QUOTE = re.compile("(\u201c|\u00ab|\u201e|``)|(\u201d|\u00bb)|(\"|'')")


@dataclass(frozen=True)
class _Group:
    kind: str
    description: str
    unquoted: bool  # does not apply to quoted speech
    patterns: tuple[re.Pattern[str], ...]
    # Per pattern, words it cannot match without (None: unknown): a pattern is searched only
    # where one of them occurs, first in the article, then in the sentence.
    needs: tuple[prefilter.Words | None, ...]

    def live_in(self, folded_text: str) -> _Group | None:
        """This group cut to the patterns that may match in ``folded_text``; None if none may."""
        live = [
            (pattern, words) for pattern, words in zip(self.patterns, self.needs, strict=True)
            if words is None or any(word in folded_text for word in words)
        ]
        if not live:
            return None
        patterns, needs = zip(*live, strict=True)
        return _Group(self.kind, self.description, self.unquoted, patterns, needs)


def scan(article: Article) -> list[Warning]:
    """One warning per sentence that reads like an instruction to an AI, in article order."""
    text = article.text
    folded_text = prefilter.fold(text)
    in_article = [live for group in _groups() if (live := group.live_in(folded_text))]
    warnings = []
    for span in article.sentences if in_article else ():
        sentence = span.of(text)
        folded_sentence = prefilter.fold(sentence)
        quoted_from = _quoted_from(text, span.start)
        for group in in_article:
            if (group.unquoted and quoted_from == 0) or not (live := group.live_in(folded_sentence)):
                continue
            end = quoted_from if group.unquoted else len(sentence)
            if any(pattern.search(sentence, 0, end) for pattern in live.patterns):
                warnings.append(Warning(
                    kind=KIND,
                    message=f"the article {group.description}: {_snippet(sentence)}; "
                    "it is reported here as article text and was not followed",
                    start=span.start,
                    end=span.end,
                ))
                break
    return warnings


def _quoted_from(text: str, start: int) -> int:
    """How far into the sentence at ``start`` its text is the author's own, not a quotation:
    0 when it starts inside or with a quotation, else the offset (from ``start``) of the
    first opening quotation mark, or a large number when there is none."""
    line_start = text.rfind("\n", 0, start) + 1
    inside = False
    for mark in _QUOTE.finditer(text, line_start, start):
        opens, closes, _toggles = mark.groups()
        inside = True if opens else False if closes else not inside
    if inside:
        return 0
    line_end = text.find("\n", start)
    first = _QUOTE.search(text, start, len(text) if line_end < 0 else line_end)
    return first.start() - start if first and not first.group(2) else 1 << 30


def _snippet(sentence: str) -> str:
    flat = " ".join(sentence.split())
    return repr(flat if len(flat) <= _SNIPPET_CHARS else flat[: _SNIPPET_CHARS - 3] + "...")


@lru_cache(maxsize=1)
def _groups() -> tuple[_Group, ...]:
    source = resources.files("newsdigest.checks").joinpath("data", _LEXICON).read_text(encoding="utf-8")
    return parse(source)


def parse(source: str) -> tuple[_Group, ...]:
    """The lexicon file's groups, with ``{NAME}`` pieces substituted and patterns compiled."""
    names: dict[str, str] = {}
    groups: list[_Group] = []
    header: tuple[str, str, bool] | None = None
    patterns: list[re.Pattern[str]] = []

    def close() -> None:
        if header:
            needs = tuple(prefilter.necessary_words(pattern) for pattern in patterns)
            groups.append(_Group(*header, tuple(patterns), needs))

    for number, line in enumerate(source.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("= "):
            name, _, regex = line[2:].partition(" ")
            names[name] = _expand(regex.strip(), names, number)
        elif line.startswith("["):
            close()
            tag, _, description = line[1:].partition("]")
            kind, *flags = tag.split()
            header, patterns = (kind, description.strip(), "unquoted" in flags), []
        else:
            if header is None:
                raise ValueError(f"{_LEXICON}:{number}: a pattern before any [group]")
            try:
                patterns.append(re.compile(_expand(line, names, number), re.IGNORECASE))
            except re.error as exc:
                raise ValueError(f"{_LEXICON}:{number}: {exc}") from exc
    close()
    return tuple(groups)


def _expand(regex: str, names: dict[str, str], number: int) -> str:
    def piece(match: re.Match[str]) -> str:
        if match.group(1) not in names:
            raise ValueError(f"{_LEXICON}:{number}: {{{match.group(1)}}} is not defined above")
        return names[match.group(1)]

    return _NAME.sub(piece, regex)
