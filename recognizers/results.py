"""RecognizerResults as Presidio's AnalyzerEngine expects them from a recognizer (with an explanation
and the recognizer's name and id), for the recognizers that do their own matching."""

from __future__ import annotations

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult


def make_result(
    recognizer, entity_type: str, start: int, end: int, score: float, how: str
) -> RecognizerResult:
    """A result attributed to `recognizer`; `how` names the pattern or source, never the value."""
    return RecognizerResult(
        entity_type,
        start,
        end,
        score,
        analysis_explanation=AnalysisExplanation(
            recognizer=recognizer.name, original_score=score, pattern_name=how, textual_explanation=how
        ),
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )


def how_found(result: RecognizerResult) -> str | None:
    """The `how` a result was made with (`make_result`), or None for a result made elsewhere."""
    explanation = result.analysis_explanation
    return explanation.pattern_name if explanation is not None else None


def compile_patterns(recognizer) -> None:
    """Compile the recognizer's patterns as Presidio does on its first text: now, since `pattern_results`
    may not need some of them for many texts, and the first text to need one should not pay for it."""
    for pattern in recognizer.patterns:
        _compiled(pattern, recognizer.global_regex_flags)


def _compiled(pattern, flags: int):
    if not pattern.compiled_regex or pattern.compiled_with_flags != flags:
        pattern.compiled_with_flags = flags  # as Presidio compiles them, with the `regex` module
        pattern.compiled_regex = regex.compile(pattern.regex, flags=flags)
    return pattern.compiled_regex


def pattern_results(recognizer, text: str, patterns) -> list[RecognizerResult]:
    """What Presidio's `PatternRecognizer.analyze` returns for `text` when it has only `patterns` (the
    recognizer's, less those a cheap test shows cannot match), without its per-pattern timing, debug
    logging and regex timeout, and with no explanation built for the matches validation refuses: the
    recognizers run on every text, and most texts match none of their patterns."""
    flags = recognizer.global_regex_flags
    results = []
    for pattern in patterns:
        for match in _compiled(pattern, flags).finditer(text):
            start, end = match.span()
            if start == end:
                continue
            matched = text[start:end]
            validation = recognizer.validate_result(matched)
            score = pattern.score
            if validation is not None:
                score = EntityRecognizer.MAX_SCORE if validation else EntityRecognizer.MIN_SCORE
            if recognizer.invalidate_result(matched):
                score = EntityRecognizer.MIN_SCORE
            if score <= EntityRecognizer.MIN_SCORE:
                continue
            explanation = recognizer.build_regex_explanation(
                recognizer.name, pattern.name, pattern.regex, pattern.score, validation, flags
            )
            explanation.score = score
            results.append(
                RecognizerResult(
                    entity_type=recognizer.supported_entities[0],
                    start=start,
                    end=end,
                    score=score,
                    analysis_explanation=explanation,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
                    },
                )
            )
    return EntityRecognizer.remove_duplicates(results) if results else []
