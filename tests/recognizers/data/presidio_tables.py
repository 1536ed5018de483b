"""Rows from Presidio's own recognizer test tables, as piivault test data.

Source: microsoft/presidio, presidio-analyzer/tests/test_credit_card_recognizer.py,
test_email_recognizer.py and test_phone_recognizer.py (commit 0aa9f8e4, MIT licence,
Copyright (c) Microsoft Corporation). Each row: (text, expected spans). Rows whose expectation conflicts
with piivault's stricter specification are kept in DIVERGENT_ROWS with the reason.
"""

# (text, [(start, end), ...])
CREDIT_CARD_ROWS = [
    ("4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881", [(0, 16), (17, 36), (37, 56)]),
    ("1748503543012", []),
    ("122000000000003", [(0, 15)]),
    ("my credit card: 122000000000003", [(16, 31)]),
    ("371449635398431", [(0, 15)]),
    ("5555555555554444", [(0, 16)]),
    ("5019717010103742", [(0, 16)]),
    ("30569309025904", [(0, 14)]),
    ("6011000400000000", [(0, 16)]),
    ("3528000700000000", [(0, 16)]),
    ("6759649826438453", [(0, 16)]),
    ("4111111111111111", [(0, 16)]),
    ("4917300800000000", [(0, 16)]),
    ("4484070000000000", [(0, 16)]),
    ("4012-8888-8888-1882", []),
    ("my credit card number is 4012-8888-8888-1882", []),
    ("36168002586008", []),
    ("my credit card number is 36168002586008", []),
]

EMAIL_ROWS = [
    ("info@presidio.site", [(0, 18)]),
    ("my email address is info@presidio.site", [(20, 38)]),
    ("try one of these emails: info@presidio.site or anotherinfo@presidio.site", [(25, 43), (47, 72)]),
    ("user@xn--80ak6aa92e.com", [(0, 23)]),
    ("a@xn--d1acufc.xn--p1ai", [(0, 22)]),
    ("my email is user@xn--80ak6aa92e.com today", [(12, 35)]),
    ("my email is info@presidio.", []),
    ("this is not an email: hello-world here", []),
]

# Presidio's phone rows at its default leniency. Presidio's test adds JP and CN to the regions for the
# Japanese and Chinese national numbers; piivault's test passes them to PhoneNumberRecognizer(regions=).
PHONE_ROWS = [
    ("My US number is (415) 555-0132, and my international one is +1 415 555 0132", [(16, 30), (60, 75)]),
    ("My Israeli number is 09-7625400", [(21, 31)]),
    ("_: (415)555-0132", [(3, 16)]),
    ("United States: (415)555-0132", [(15, 28)]),
    ("US: 415-555-0132", [(4, 16)]),
    ("_: +55 11 98456 5666", [(3, 20)]),
    ("Brazil: +55 11 98456 5666", [(8, 25)]),
    ("BR: +55 11 98456 5666", [(4, 21)]),
    ("My Japanese number is 090-1234-5678", [(22, 35)]),
    ("My CN number is 13812345678", [(16, 27)]),
    ("My US number is (415) 555-0132, and my international one is415-555-0132", [(16, 30)]),
    ("My US number is (415) 555-0132, and my international one is +91 4155 550132", [(16, 30), (60, 75)]),
    ("My US number is (415) 555-0132, and my international one is +91 4155550132", [(16, 30), (60, 74)]),
    ("My US number is (415) 555-0132, and my international one is +44 (20) 7123 4567", [(16, 30), (60, 78)]),
    ("My US number is (415) 555-0132, and my international one is +55 11 98456 5666", [(16, 30), (60, 77)]),
    ("My US number is (415) 555-0132, and my international one is +49 30 1234567", [(16, 30), (60, 74)]),
    ("My US number is (415) 555-0132, and my international one is +39 06 678 4343", [(16, 30), (60, 75)]),
    ("My US number is (415) 555-0132, and my international one is +30 21 0 1234567", [(16, 30), (60, 76)]),
    ("My US number is (415) 555-0132, and my international one is +33 1 42 68 53 00", [(16, 30), (60, 77)]),
]
PHONE_EXTRA_REGIONS = ("IL", "JP", "CN", "BR", "IN")

# Presidio rows whose expectation piivault deliberately does not share.
DIVERGENT_ROWS = [
    (
        "PHONE_NUMBER",
        "My US number is (415) 555-0132, and my international one is 91-415-555-0132",
        [(16, 30)],
        "Presidio finds 91-415-555-0132 at leniency 1 (a country code written without + or 00); piivault "
        "requires + or 00 for an international number outside id-free phone keys, since bare digit runs "
        "with dashes are order and reference ids in logs.",
    ),
]
