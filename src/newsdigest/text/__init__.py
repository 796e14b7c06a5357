"""Getting an article's text: from files, stdin and web pages, decoded and reduced to its main text."""
