"""Detection: a Presidio AnalyzerEngine built with piivault's recognizers, column classification, `detect`."""
