"""The recognizers piivault registers, one per module (`recognizers/<entity>_recognizer.py`), in
registration order; each imported on first use, so that `import recognizers` stays light.

`recognizers` exports them by name (`recognizers.AddressRecognizer`); `recognizers.engine` instantiates
them. tests/recognizers/test_detect.py fails when one of these is missing from the analyzer's registry.
"""

from __future__ import annotations

RECOGNIZER_CLASSES: tuple[str, ...] = (
    "EmailAddressRecognizer",
    "CardNumberRecognizer",
    "PhoneNumberRecognizer",
    "AddressRecognizer",
    "PersonRecognizer",
)
RECOGNIZER_MODULES = {
    "EmailAddressRecognizer": "recognizers.email_recognizer",
    "CardNumberRecognizer": "recognizers.credit_card_recognizer",
    "PhoneNumberRecognizer": "recognizers.phone_recognizer",
    "AddressRecognizer": "recognizers.address_recognizer",
    "PersonRecognizer": "recognizers.person_recognizer",
}


def recognizer_class(name: str) -> type:
    """The recognizer class called `name` (one of `RECOGNIZER_CLASSES`), its module imported."""
    import importlib

    return getattr(importlib.import_module(RECOGNIZER_MODULES[name]), name)
