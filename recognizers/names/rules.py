"""Names of the PERSON rules and the sets of rules a found name is checked by.

A rule's name is its pattern's name and the explanation of its results; the sets say which checks a name
found by the rule must pass (read from its position alone, allowed in lower case, a field's whole value).
"""

LAST_FIRST = "name (FAMILY, Given)"
AFTER_INTRODUCER = "name (after an introducer)"

BY_AGENT = "name (agent after 'by')"
POSSESSIVE = "name (owner of a request)"
RECIPIENT = "name (recipient header)"
ROLE_TITLE = "name (after a role noun)"
CAST_MEMBER = "name (a work's cast after 'starring')"
WORK_OF_A_PERSON = "name (before a work of theirs)"
MAKER_OF_A_WORK = "name (maker of a work, after 'by')"
LETTERHEAD = "name (a text's first line, over its contact details)"
ANNOUNCED_SPEAKER = "name (a speaker announced)"
KIN_APPOSITION = "name (after a possessive and a relation noun)"
PERSON_PREDICATE = "name (subject of a sentence saying it is a person)"
DASH_SIGNATURE = "name (signature after a dash)"
# Patterns that read a name from its position alone, or from a cue that as often precedes a team or a
# thing (`cc: Finance Team`, `Manager Dashboard`): held to `positional_name`.
LOWER_CASE_LINE = "name (the capitalised run of a lower-case line)"
NAME_KEY_VALUE = "name (value of a name key)"
PERSON_KEY_VALUE = "name (value of a person key)"
COPYRIGHT_HOLDER = "name (holder of a copyright)"
CLOSING_THANKS = "name (sign-off closing a message)"
COMPOUND_NAME_KEY = "name (value of a compound name key)"
CAPS_RUN = "name (ALL-CAPS run in mixed-case prose)"
APPOINTMENT_WITH = "name (the person an appointment is with)"
MANDATE_PARTY = "name (undersigned or authorised party of a mandate)"
POSITIONAL_PATTERNS = frozenset(
    {BY_AGENT, POSSESSIVE, RECIPIENT, ROLE_TITLE, LOWER_CASE_LINE, CLOSING_THANKS}
)
# Rules whose key says the value is a name: the value may be written in lower case (`holder=ann lee`)
REVIEW_AUTHOR = "name (author of a review)"
TRANSCRIPT_SPEAKER = "name (a transcript's speaker in capitals)"
ADDRESS_HEADING = "name (first line under a ship-to or bill-to heading)"
FAMILY_GIVEN_RULES = frozenset(
    {
        "name (value of a person key)",
        "name (person born on a date)",
        "name (after a role noun)",
        ADDRESS_HEADING,
    }
)
SQL_COMPARISON = "name (SQL comparison with a name column)"
XML_NAME_ELEMENT = "name (XML element of a name key)"
PNR_NAME = "name (PNR name element)"
ISO20022_PARTY = "name (ISO 20022 party name)"
OBJECT_NAME_PART = "name (given or family member of an object)"
BIRTH_SUBJECT = "name (person born on a date)"
NAME_PART_KEY_VALUE = "name (value of a name-part key)"
NAME_CHANGE = "name (old and new value of a name change)"
VOICE_SPAN = "name (WebVTT voice span)"
VOCATIVE = "name (addressed after an interjection)"
MT940_NAME = "name (MT940 NAME subfield)"
# Rules whose match is a field's whole value: a digit in it makes it an identifier (`<v Speaker 2>`)
WHOLE_VALUE_RULES = frozenset({XML_NAME_ELEMENT, VOICE_SPAN, MT940_NAME})

NAME_KEYS_RULES = frozenset(
    {
        NAME_KEY_VALUE,
        NAME_CHANGE,
        "name (quoted value of a customer key)",
        "name (JSON Patch value of a name path)",
        BIRTH_SUBJECT,
        ADDRESS_HEADING,
    }
)
# Rules whose cue says a name stands there: the name may be written in lower case (`holder=ann lee`)
LOWER_CASE_ALLOWED = frozenset(
    {
        NAME_KEY_VALUE,
        NAME_CHANGE,
        CLOSING_THANKS,
        PERSON_KEY_VALUE,
        "name (quoted value of a customer key)",
        "name (JSON Patch value of a name path)",
        REVIEW_AUTHOR,
        BIRTH_SUBJECT,
        ADDRESS_HEADING,
        WORK_OF_A_PERSON,
        "name (in a role only a person has)",
    }
)

# The word before `name` in a compound key (`ownerName`): a person's part or relation makes the value a name
# as surely as `name=` does; any other word (`alertname`, `operationName`, `productName`) leaves it alone.
_PERSON_QUALIFIERS = frozenset(
    """
    owner patient driver passenger guest member employee student pupil parent guardian teacher doctor
    nurse tenant landlord buyer seller customer client contact holder cardholder beneficiary
    recipient sender payer payee debtor creditor subscriber caller callee applicant claimant insured
    spouse partner emergency kin legal birth maiden nick signer signatory witness author artist
    """.split()
)


def compound_key_rule(qualifier: str) -> str | None:
    """The rule a compound name key's value is held to, by the word before `name` (None: no name)."""
    return NAME_KEY_VALUE if qualifier.lower() in _PERSON_QUALIFIERS else None
