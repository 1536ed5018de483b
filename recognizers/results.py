"""RecognizerResults as Presidio's AnalyzerEngine expects them from a recognizer (with an explanation
and the recognizer's name and id), for the recognizers that do their own matching."""

from __future__ import annotations

from presidio_analyzer import AnalysisExplanation, RecognizerResult


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
