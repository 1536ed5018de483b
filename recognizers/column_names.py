"""What a table column's name says it holds: the words of a name, and the entity type they hint at.

A column's name is split into words (`billingAddress` -> billing, address; `Dirección` -> direccion) and
looked up (`email`, `msisdn`, `card_number`, `holder`, `billing_address`, `notes`). `recognizers.columns`
weighs the hint against the column's values; the record readers (`recognizers.records`), the phone and
address recognizers read headers and keys with it.
"""

from __future__ import annotations

import unicodedata

import regex

# Column-name words -> entity type. A name is split into words (`billingAddress`, `card_number`).
NAME_HINTS: dict[str, str] = {
    **dict.fromkeys("email e_mail mail emailaddress email_address".split(), "EMAIL_ADDRESS"),
    **dict.fromkeys(
        "phone msisdn caller callee telephone tel mobile cell gsm fax cli ani dnis a_number b_number "
        # the words for a phone in the regions' own languages (`Telefoon`, `TEL_PORT`, `Handy`, `Natel`)
        "telefoon telefon telefono port portable handy natel movil cellulare".split(),
        "PHONE_NUMBER",
    ),
    **dict.fromkeys("card_number pan cc_number card cardnumber credit_card".split(), "CREDIT_CARD"),
    **dict.fromkeys(
        "name full_name fullname holder cardholder card_holder first_name last_name surname given_name "
        "given_names first_names "
        "family_name customer_name contact_name account_holder naam voornaam achternaam nom prenom nombre "
        "apellido apellidos nome cognome vorname nachname "
        # the people of a ticket, as Jira, ServiceNow and Zendesk exports name their columns
        "reporter assignee requester assigned_to opened_by verified_by approved_by "
        # the people a CRM, a meeting report or a photo's metadata names (`Contact owner`, `Organizer`,
        # `Artist`); `owner_id` and `file_owner` are ruled out by the qualifiers below
        "owner contact_owner participant attendee organizer organiser author artist creator driver "
        # a sheet's or an export's customer column (`Klant`, `Kunde`, `Cliente`)
        "customer client klant kunde cliente".split(),
        "PERSON",
    ),
    **dict.fromkeys(
        "address addr street billing_address shipping_address postal_address home_address street_address "
        # `ADRESSE1`, `Adres`, `Anschrift`, `Dirección`, `Indirizzo`
        "adresse adres anschrift strasse direccion indirizzo".split(),
        "ADDRESS",
    ),
    **dict.fromkeys(
        "notes note comment comments message messages body text description remarks transcript chat".split(),
        "free_text",
    ),
}
# Qualifiers that make a `name` column something other than a person's name.
NOT_PERSON_QUALIFIERS = frozenset(
    "product file host table service company org organisation organization app plan bundle device "
    "campaign event queue topic bucket domain brand merchant vendor tariff model meeting "
    # `customer_id`, `client_type`: an identifier or attribute of the person, not their name
    "id ids uuid number nr no ref key type segment count since status tier".split()
)
_WORDS = regex.compile(r"\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\d+")


def column_words(name: str) -> list[str]:
    """The lower-case words of a column name, accents folded (`billingAddress` -> billing, address;
    `Dirección` -> direccion; `Straße` -> strasse)."""
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", name.replace("ß", "ss")) if not unicodedata.combining(c)
    )
    return [w.lower() for w in _WORDS.findall(folded)]


def name_hint(name: str) -> str | None:
    """The entity type (or `free_text`) a column's name suggests, or None."""
    words = column_words(name)
    if not words:
        return None
    joined = "_".join(words)
    if joined in NAME_HINTS:
        return NAME_HINTS[joined]
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            hint = NAME_HINTS.get("_".join(words[i : i + size]))
            if hint == "PERSON" and NOT_PERSON_QUALIFIERS & set(words):
                continue
            if hint:
                return hint
    return None
