"""The parts of PERSON detection that `recognizers.person_recognizer` assembles.

Regex pieces and cue words (`pieces`, `cues`), the rules and their patterns (`rules`, `patterns`, `gates`),
the word lists and shape checks a candidate must pass (`words`, `shape`), the trimming of a span (`spans`),
and the cues of lower-case names and of the model's false persons (`lower_case`, `ner_context`).
"""
