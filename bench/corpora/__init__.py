"""The labelled detection corpora, one module each, and what they share."""
