"""The article as text: loading and decoding (``article``), fetching web pages (``fetch``),
HTML pages' main text (``htmltext``), and paragraphs and sentences with their offsets
(``segment``)."""
