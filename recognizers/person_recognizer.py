"""PERSON: names in prose, in `name=`/`holder=` fields, email headers, greetings and signatures, ALL CAPS.

Two sources, one recognizer:
- patterns that do not need a model: the value of a name-like key (`name="Ann Lee"`, `holder=JOHN SMITH`),
  a display name before an address (`From: Ann Lee <ann@x.com>`), a name after an honorific, a greeting,
  a role noun (`Neighbour Colin Russell`) or a sign-off line, `FAMILY, Given`, the subject of a speech
  verb, the agent after `requested by`, the owner of `<name>'s request`, a recipient header (`cc:`);
- conventions that read a name from the values around it (`detect` passes the spans the other
  recognizers found): a name-shaped field of a delimited record that holds an email, phone, card or
  address (`recognizers.records`), and the addressee written before a postal address;
- spaCy's PERSON entities (from the NlpArtifacts the engine passes in), pruned: the small English model
  also calls product names, organisations, log keywords, identifiers and lowercase words persons, and it
  misses ALL-CAPS names, which is why the batch API feeds it a re-cased copy of ALL-CAPS runs (same length,
  so offsets hold). Pruning rules are shape- and word-class-based, not tied to any name generator.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from presidio_analyzer import LocalRecognizer, Pattern, RecognizerResult

from recognizers.layout import left_column_view
from recognizers.results import make_result
from recognizers.vcard import vcard_spans

_NOT_HONORIFIC = r"(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Mme|Mlle|Herrn|Herr|Frau|Sr|Sra|Dhr|Mevr|Sir)\b)"
_WORD = (
    rf"(?:{_NOT_HONORIFIC}(?:O['’]|Mc|Mac|D['’])?\p{{Lu}}[\p{{L}}'’]*(?:-\p{{L}}[\p{{L}}'’]*)*\.?|"
    r"(?:\p{Lu}\.){2,3})"  # initials written together: `J.M.F. Mayoral`
)
# Title-case only (Ann, O'Brien, Jean-Luc): prose patterns must not run on through ALL-CAPS sentences.
_TITLE_WORD = (
    rf"(?:{_NOT_HONORIFIC}(?:O['’]|Mc|Mac|D['’])?\p{{Lu}}\p{{Ll}}[\p{{L}}'’]*(?:-\p{{L}}[\p{{L}}'’]*)*)"
)
# ... and the Irish patronymic particles written apart (`Daren Ó Murchaidhe`, `Máire Ní Bhriain`)
_PARTICLE = r"(?:van|von|de|der|den|del|della|di|da|du|dos|das|los|las|die|le|la|ten|ter|zu|y|bin|al|Ó|Ní|Uí)"
# initials before a name's first word (`J. Mosley`, `F. de la Cruz`, `A.C. Lo Sgalambro`), or one initial
# without its dot as British forms write it (`B Henriksen`; not `A` or `I`, the article and the pronoun)
# an initial of a hyphenated given name keeps its hyphen: `J.-P. Sartre`, `H.-U. Oestrovsky`
_INITIAL = r"\p{Lu}\.(?:-\p{Lu}\.)?"
_LEADING_INITIALS = rf"(?:(?:{_INITIAL}[ \t]*){{1,3}}|(?![AI][ \t])\p{{Lu}}[ \t]+(?=\p{{Lu}}\p{{Ll}}))"
# Post-nominal letters that belong to the written name (Courtney Johnson MD, Jonathan Plath MBA.)
_POST_NOMINAL = (
    r"(?:[ \t]+(?:MD|PhD|MBA|DDS|DVM|Jr|Sr|II|III|B\.Eng|M\.Sc|B\.Sc|B\.A|M\.A|LL\.M)\.?(?![\w]))?"
)
_NAME = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD}){{0,4}}{_POST_NOMINAL}"
_NAME_2 = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD}){{1,4}}{_POST_NOMINAL}"  # at least two words
_TITLE_NAME = (
    rf"(?:{_LEADING_INITIALS}(?:{_PARTICLE}[ \t]+)*)?"
    rf"{_TITLE_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_TITLE_WORD}){{0,4}}{_POST_NOMINAL}"
)
_TITLE_NAME_2 = (
    rf"(?:{_TITLE_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_TITLE_WORD}){{1,4}}{_POST_NOMINAL}|"
    rf"{_LEADING_INITIALS}(?:{_PARTICLE}[ \t]+)*{_TITLE_WORD}"
    rf"(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_TITLE_WORD}){{0,3}})"
)

_NAME_KEYS = (
    r"name|full_?name|fullname|customer_?name|client_?name|first_?name|last_?name|given_?name|family_?name|"
    r"surname|holder|card_?holder|cardholder|account_?holder|holder_?name|contact(?:_?name)?|agent_?name|"
    r"recipients?(?:_?name)?|sender(?:_?name)?|from_?name|to_?name|display_?name|caller_?name|callee_?name|"
    r"subscriber(?:_?name)?|beneficiary|payer|payee|signed_?by|attn|attention|nom|naam|nombre|nome|"
    # the name parts in Dutch, French, German, Spanish and Italian records
    r"voornaam|achternaam|pr[ée]nom|vorname|nachname|familienname|apellidos?|cognome|"
    # LDAP (RFC 4519): common name, surname, given name, as RDNs of a DN (`cn=Ann Lee,ou=...`) or attributes
    r"cn|sn|givenName|requester_?name|requester|"
    # payment and telephony records: the payer's name, a caller ID's name
    r"consumer_?name|shopper_?name|debtor_?name|debtor|caller_?id_?name|effective_caller_?id_?name|"
    r"(?:src|dst|from|to)_display"
)
# Members of a structured name object (`"name":{"given":"Ann","family":"Lee"}`, FHIR HumanName and Avro
# schemas): each part is a name; `use`, `prefix`, `suffix`, `text`-less keys of other kinds are not.
_NAME_PART_KEYS = (
    r"given|family|first|last|middle|given_?names?|family_?name|first_?name|last_?name|surname|"
    r"formatted"  # SCIM's (RFC 7643) full name, beside its parts
)
_HONORIFICS = (
    r"(?:Univ\.[ \t]?)?Prof|Dipl\.-Ing|Ing|Mr|Mrs|Ms|Miss|Mx|Dr|Mme|Mlle|M\.|Herrn|Herr|Frau|Sr|Sra|Srta|"
    r"Sig|Sig\.ra|sig|sig\.ra|Dott|Dott\.ssa|Dhr|Mevr|Sir|Madam|Monsieur|Madame|Mademoiselle|Signor|Signora|"
    r"Señor|Señora|Doña|Dña"
)
_GREETINGS = (
    r"Thank you|Thanks|Good (?:morning|afternoon|evening)|Dear|Hi|Hello|Hey|Hallo|Bonjour|Beste|Geachte|"
    r"Hola|Estimado|Estimada|Ciao|Gentile|Sehr geehrte[rs]?|Hoi|Salut|Bonsoir|Coucou|Servus|Moin|Hej|"
    r"Buongiorno|Buenos días|Buenas tardes|Guten Tag|Goedemorgen|Goedemiddag|Olá|"
    r"Sehr geehrte Damen und Herren"
)
_SIGN_OFFS = (
    r"(?:Kind |Best |Warm |With kind )?regards|Best|Thanks|Thank you|Cheers|Sincerely|"
    r"Yours(?: sincerely| truly| faithfully)?|"
    r"Cordialement|Bien à vous|Groeten|Met vriendelijke groet(?:en)?|Mit freundlichen Grüßen|Viele Grüße|"
    r"Saludos|Un saludo|Atentamente|Cordiali saluti|Distinti saluti|Groetjes|Hartelijke groeten|"
    r"Liebe Grüße|Grüße|Beste Grüße|Bien cordialement|Amitiés|Bisous|Un abrazo|Saluti|Cari saluti|"
    r"Take care|Many thanks|All the best|Vielen Dank|Danke|Alvast bedankt|Merci d'avance|Grazie mille|"
    r"Muchas gracias"
)
# Nouns for a person's role or relation, written before a name as a title (`Neighbour Colin Russell`,
# `my colleague Ann Lee`, `technician Marc Dupont`): they introduce a name and are not part of it. Words
# that are also common given or family names (Mason, Hunter, Carter, Driver, Cook) are left out.
ROLE_WORDS = frozenset(
    """
    customer client caller callee agent user admin subscriber holder cardholder contact recipient sender
    addressee signatory account partner spouse wife husband son daughter mother father mum mom dad brother
    sister grandmother grandfather grandma grandpa grandson granddaughter aunt uncle nephew niece cousin
    friend neighbour neighbor flatmate roommate housemate landlord landlady tenant lodger guardian carer
    caregiver fiancé fiancée girlfriend boyfriend colleague coworker boss employer employee manager
    supervisor director owner operator representative advisor adviser consultant specialist technician
    engineer installer courier postman postwoman mailman officer inspector nurse lawyer solicitor attorney
    notary accountant secretary assistant receptionist clerk cashier concierge caretaker janitor plumber
    electrician contractor witness executor trustee resident occupant applicant claimant requester
    complainant reporter colleagues neighbours guest guests
    klant klanten kunde kundin cliente clienta abonné abonnée abonnee titulaire inhaber inhaberin titular
    intestatario intestataria debtor creditor payer
    architect architecte geschäftsführer geschäftsführerin ceo cto cfo coo founder
    bailiff huissier gerichtsvollzieher gerichtsvollzieherin deurwaarder gerechtsdeurwaarder giudiziario
    tribunales
    """.split()
)
# `Courier DHL Express`, `Account Manager`: these introduce a company or a title as often as a person
_ROLE_INTRODUCERS = ROLE_WORDS - {"account", "contact", "holder", "courier"}
_INTRODUCERS = (
    r"my name is|name is|name was|in the name of|name of|named|this is|I am|I'm|spoke (?:with|to)|"
    r"talked to|speaking with|customer|client|caller|"
    r"(?:booked|ordered|scheduled|reserved|registered|issued|shipped|opened|created) for|"
    r"agent|subscriber|cardholder|card holder|account holder|holder|signed by|on behalf of|contact person|"
    r"my (?:partner|wife|husband|son|daughter|mother|father|colleague)|attn:?|"
    r"(?:identified|known|registered|listed) as"
)
LAST_FIRST = "name (FAMILY, Given)"
# initials before a family name: `G. Smeets`, `O.T. Carroll`, `J. M. Lee`
_INITIALS_NAME = rf"(?:{_INITIAL}[ \t]*){{1,3}}{_TITLE_WORD}"
_ALL_CAPS_WORD = r"(?:(?:O['’]|MC|MAC|D['’])?\p{Lu}{2,}(?:[-'’]\p{Lu}+)*)"
_CAPS_FAMILY = rf"{_ALL_CAPS_WORD}(?:[ \t]+{_ALL_CAPS_WORD}){{0,2}}"  # VAN DER BERG
_GIVEN = rf"{_TITLE_WORD}(?:[ \t]+{_TITLE_WORD})?"
_CAPS_NAME_2 = rf"{_ALL_CAPS_WORD}(?:[ \t]+{_ALL_CAPS_WORD}){{1,3}}"
# given name, then the family name in capitals, as French and Belgian forms write it: Benoît DELORME
_MIXED_NAME_2 = rf"{_TITLE_WORD}(?:[ \t]+{_ALL_CAPS_WORD}){{1,2}}"
# an ALL-CAPS name inside mixed-case prose ends where the next word is lower case or the clause ends
_END_OF_CAPS_NAME = r"(?=[ \t]*(?:[,.;:!?()\n<]|$)|[ \t]+\p{Ll})"
# Verbs whose subject in support notes is a person: `Jade prefers WhatsApp`, `Ms. Royer asked for...`
_SPEECH_VERBS = (
    r"prefers|preferred|asked|asks|said|says|called|calls|wants|wanted|wrote|writes|requested|requests|"
    r"commented|comments|"
    r"confirmed|confirms|disputes|disputed|reported|reports|mentioned|agreed|declined|complained|replied|"
    r"phoned|emailed|visited|insists|insisted|explained|promised|signed|collected|"
    # the same in Dutch, French, German, Spanish and Italian notes (`Klant Ann Lee belde`, `... solicita`)
    r"belde|schreef|vroeg|meldde|wil|appelle|demande|signale|souhaite|habite|ruft|rief|schreibt|bittet|meldet|"
    r"wohnt|solicita|pide|reclama|llamó|vive|chiede|segnala|abita|ha comunicato|ha chiamato|ha chiesto"
)
# Past participles whose agent (`... by <name>`) is a person in support and billing notes.
_AGENT_VERBS = (
    r"requested|approved|authori[sz]ed|signed|countersigned|submitted|reported|raised|initiated|ordered|"
    r"placed|confirmed|cancelled|canceled|witnessed|received|collected|accepted|disputed|filed|lodged|"
    # the author of a ticket's comment or change (`comment by F. Patiño`, `updated by Ann Lee`)
    r"comment|commented|edited|updated|closed|resolved|escalated|created|modified|assigned"
)
# Nouns of what a person asks, wants or signs: `<name>'s request`
_VOLITION_NOUNS = (
    r"request|requests|behalf|instructions?|consent|approval|permission|wish|wishes|authori[sz]ation|"
    r"signature|complaint|objection|mandate"
)
BY_AGENT = "name (agent after 'by')"
POSSESSIVE = "name (owner of a request)"
RECIPIENT = "name (recipient header)"
ROLE_TITLE = "name (after a role noun)"
DASH_SIGNATURE = "name (signature after a dash)"
# Patterns that read a name from its position alone, or from a cue that as often precedes a team or a
# thing (`cc: Finance Team`, `Manager Dashboard`): held to `_positional_name`.
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
ADDRESS_HEADING = "name (first line under a ship-to or bill-to heading)"
_FAMILY_GIVEN_RULES = frozenset(
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
_WHOLE_VALUE_RULES = frozenset({XML_NAME_ELEMENT, VOICE_SPAN, MT940_NAME})
_INTERJECTIONS = (
    "Great|Sure|Thanks|Thank you|OK|Okay|Right|Perfect|Yes|No|Sorry|Hi|Hello|Hey|Well|Alright|Cheers"
)
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
    }
)
# A name before an address, separated by a comma, `at`, `c/o` or a line break, ending where it starts.
_ADDRESSEE = (
    rf"(?<![\w'’])(?P<name>{_TITLE_NAME_2}|{_CAPS_NAME_2}|{_MIXED_NAME_2}|"
    # `Dufour, Stéphanie` and `DUFOUR Stéphanie` on an envelope's first line
    rf"(?:{_TITLE_NAME}|{_CAPS_FAMILY}),[ \t]*{_GIVEN}(?=[ \t]*\n)|{_CAPS_FAMILY}[ \t]+{_GIVEN}|"
    rf"{_INITIALS_NAME})"
    # ... or the gap between two fields of a fixed-width record (`D000123 ANN LEE      12 MAIN ST`)
    r"(?:[ \t]*,[ \t]*|[ \t]+(?:at|c/o)[ \t]+|[ \t]*\n[ \t]*|[ ]{3,})\Z"
)
# the addressee line written in lower case, alone on its line above the address (`ann lee\n12 Main St`)
_LOWER_ADDRESSEE = (
    r"(?m:^)[ \t]*(?P<name>\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+){1,3})[ \t]*\n[ \t]*\Z"
)
# Path segments that make a `name` below them something other than a person's (`/plan/name`).
_NOT_PERSON_PATHS = (
    "product|file|host|table|service|company|org|organisation|organization|app|plan|bundle|device|campaign|"
    "event|queue|topic|bucket|domain|brand|merchant|vendor|tariff|offer|option"
)
# A qualifier between a form's key and its colon: `Holder (as on contract):`, `Name (as on card):`
# ... or a COBOL copybook's PICTURE clause, as record dumps print a field: `05 CUST-SURNAME PIC X(30) : LEE`
_KEY_QUALIFIER = (
    r"(?:[ \t]*\([^()\n]{1,30}\)|[ \t]*/[ \t]*\p{L}[\p{L} '’]{0,30}(?=[ \t]*:)|"
    r"[ \t]+(?i:PIC(?:TURE)?)[ \t]+[-+$.,/*ABESVXZ9()\d]{1,30})?"
)
# Keys of one part of a person's name; their value is a name even as one word in lower case
# (`ud[fn]=ann`, `CUST-GIVEN ... : CLAIRE`). `given` alone is a key only as the last part of a compound
# key (`CUST-GIVEN`); `fn`/`ln` only in brackets, as the Meta pixel and Conversions API write user data.
_NAME_PART_FIELD_KEYS = (
    r"first[ _-]?name|last[ _-]?name|given[ _-]?names?|family[ _-]?name|surname|fore_?names?|"
    r"middle[ _-]?names?|maiden[ _-]?name|"
    r"(?<=\w[-.])given|voornaam|achternaam|pr[ée]nom|vorname|nachname|familienname|apellidos?|cognome|"
    r"(?<=\w\[)(?:fn|ln)(?=\])"
)
# a single-quoted value: an apostrophe between letters stays inside it (`'Gillian O'Hare'`)
_IN_SINGLE_QUOTES = r"(?:[^'\n]|(?<=\p{L})'(?=\p{L})){1,80}"
# A key's value: quoted, `Family, Given` up to the end of the field, or bare words up to a delimiter or a
# parenthesis (`On-site contact: Ann Lee (0471 12 34 56)`)
_KEY_VALUE = (
    rf"""(?:\[?[ \t]*"(?P<dq>[^"\n\\]{{1,80}})"|'(?P<sq>{_IN_SINGLE_QUOTES})'|"""
    r"""\\"(?P<eq>[^"\n\\]{1,80})\\"|"""
    rf"""(?P<fg>(?:(?:{_PARTICLE}[ \t]+)*{_TITLE_NAME}|{_CAPS_FAMILY}),[ \t]*{_GIVEN})"""
    r"""(?=[ \t]*(?:$|[;|&(\n]))|"""
    r"""(?P<bare>[^\s,;&|}\]"'=<>(][^\s,;&|}\]"=<>(]*(?:[ \t]+(?![^\s&]*[=:])[^\s,;&|}\]"=<>(]+){0,4}))"""
)
_PERSON_KEYS = (
    r"caller|tech|technician|engineer|installer|reporter|assignee|assigned[ _]?to|"
    # the people of a school or insurance form: the pupil, the parent, the policyholder
    r"pupil|student|parent|guardian|teacher(?:[ _-]in[ _-]charge)?|"
    # the third party of an insurance claim
    r"third[ _-]party|tiers[ _]impliqu[ée]|beteiligter[ _]dritter|betrokken[ _]derde|terzo[ _]coinvolto|"
    r"tercero[ _]implicado|policy[ _-]?holder|preneur d['’]assurance|assur[ée]|"
    r"versicherungsnehmer(?:in)?|verzekeringnemer|tomador|contraente|"
    # an employee's manager on HR forms and onboarding mails
    r"line[ _-]?manager|reports[ _-]to|supervisor|mentor|"
    # the meter reader of a visit, and who travels with a hotel guest (registration cards)
    r"(?:meter[ _-]?)?reader|accompanied[ _-]by|accompagn[ée](?:\(e\))?[ _]de|mitreisende[rn]?|"
    r"begleitperson|reisgeno(?:o|te)n?|travell?ing[ _-]with|"
    r"(?:verified|approved|authori[sz]ed|requested|reported|opened|witnessed|checked|signed-off|co-authored|"
    r"reviewed|tested|acked|suggested)[ _-]?by|signature|firma|unterschrift|handtekening|"
    # the author of a photo or a document (Exif Artist, IPTC By-line, XMP dc:creator); `Creator Tool`
    # names a program and is not matched, the key word must end the key
    r"artist|author|creator|by-?line|photographer"
)
PATTERNS = [
    Pattern(
        NAME_KEY_VALUE,
        # a PHP print_r dump closes the key in brackets: `[firstname] => Ann`
        rf"""(?i:\b(?:{_NAME_KEYS}))\\?["']?(?:(?<=\[\w+)\])?{_KEY_QUALIFIER}"""
        rf"""[ \t]*(?:[:=]|=>|(?<=")[ \t]+(?="))[ \t]*{_KEY_VALUE}""",
        0.85,
    ),
    Pattern(
        # keys that name a person by their part in a ticket or a visit (`Reporter`, `Assigned to`, `Tech`,
        # `verified_by`, `Caller: Ann Lee`); `caller` and `tech` as often hold a number or a word, so the
        # value is held to the checks of names read from their position
        PERSON_KEY_VALUE,
        rf"""(?i:\b(?:{_PERSON_KEYS}))["']?{_KEY_QUALIFIER}[ \t]*(?:[:=]|=>)[ \t]*{_KEY_VALUE}""",
        0.75,
    ),
    Pattern(
        # `customer`/`client` hold an id as often as a name (and open chat lines: `customer: I paid`):
        # only a quoted value, held to the name checks (`customer="DUBOIS, Margaux"`)
        "name (quoted value of a customer key)",
        r"""(?i:\b(?:customer|client))["']?[ \t]*(?:[:=]|=>)[ \t]*"""
        r"""(?:"(?P<dq>[^"\n]{1,80})"|'(?P<sq>[^'\n]{1,80})')""",
        0.8,
    ),
    Pattern(
        # JSON Patch: the value of an operation whose path ends in a name key (`/contact/holder`)
        "name (JSON Patch value of a name path)",
        rf"""(?i:"path"[ \t]*:[ \t]*"[^"\n]*/(?<!(?:{_NOT_PERSON_PATHS})/)(?:{_NAME_KEYS})")"""
        r"""[ \t]*,[ \t]*"value"[ \t]*:[ \t]*"""
        r'"(?P<dq>[^"\n]{1,80})"',
        0.85,
    ),
    Pattern(
        "name (member of a structured name object)",
        rf"""(?<=(?i:"(?:{_NAME_KEYS})")[ \t]*:[ \t]*\{{[^{{}}]{{0,200}})"""
        rf'(?i:"(?:{_NAME_PART_KEYS})")[ \t]*:[ \t]*\[?[ \t]*"(?P<dq>[^"\n]{{1,60}})"',
        0.85,
    ),
    Pattern(
        # an RDN of an LDAP distinguished name (RFC 4514): `cn=Ann Lee,ou=Customers,dc=example`; the value
        # runs to the next unescaped comma or plus
        "name (LDAP common name RDN)",
        r"(?i:\b(?:cn|displayName|givenName|sn)=)"
        r"(?P<name>(?:[^,+=\\\n:;\"]|\\.){1,80}?)(?=[ \t]*(?:[,+;]|:mailto:|$))",
        0.85,
    ),
    Pattern(
        # the speaker of a chat export line, after its timestamp: WhatsApp writes `[12/03/2025, 14:02] Ann
        # Lee: ...` (iOS) or `12/03/25, 14:02 - Ann Lee: ...` (Android)
        "name (speaker of a chat export line)",
        r"(?m)^[ \t]*(?:\[[\d/.:\-]+,?[ \t]+[\d/.:\-]+(?:[ \t]?[AaPp][Mm])?\]|"
        r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?[ \t]+\d{1,2}:\d{2}(?:[ \t]?[AaPp][Mm])?[ \t]+[-–])[ \t]*"
        rf"(?P<name>{_NAME})(?=:[ \t])",
        0.8,
    ),
    Pattern(
        # Outlook and Exchange write a display name as `Last, First` before the address
        "name (family, given display name before an address)",
        rf"\b(?<=(?:^|[:;,>\"'][ \t]*))"
        rf"(?P<name>(?:{_PARTICLE}[ \t]+)*{_TITLE_NAME},[ \t]*{_GIVEN})[\"']?[ \t]*"
        r"<[^<>@\s]+@",
        0.85,
    ),
    Pattern(
        XML_NAME_ELEMENT,
        rf"(?i:<(?:[\w.\-]+:)?(?:{_NAME_KEYS})(?:[ \t][^<>]*)?>)[ \t]*(?P<name>[^<>\n]{{1,80}}?)[ \t]*</",
        0.85,
    ),
    Pattern(
        # a PNR's name element (IATA/Amadeus): `1.SURNAME/GIVEN NAMES MR` after the element's number, the
        # title (MR, MRS, MS, MSTR, CHD...) not part of the name
        PNR_NAME,
        r"(?<![\w./])\d{1,2}\.(?P<name>\p{Lu}[\p{Lu}'’\-]+/\p{Lu}[\p{Lu}'’\-]*"
        r"(?:[ ]\p{Lu}[\p{Lu}'’\-]*){0,3}?)"
        r"(?=[ ](?:MR|MRS|MS|MISS|MSTR|DR|CHD|INF)(?![\w/])|[ \t]{2,}|[ \t]*$)",
        0.8,
    ),
    Pattern(
        # given and family members of one object, as JavaScript, Mongo shell and JSON write a person's
        # name parts (`{ first: 'Ann', last: 'Lee' }`): each part is a name when its sibling is there too
        OBJECT_NAME_PART,
        r"""(?<=[{,][ \t]*)["']?(?:first|given)["']?[ \t]*:[ \t]*"""
        r"""(?:"(?P<dq>[^"\n]{1,60})"|'(?P<sq>[^'\n]{1,60})')"""
        r"""(?=[ \t]*,[ \t]*["']?(?:last|family)["']?[ \t]*:[ \t]*["'])|"""
        r"""(?<=[{,][ \t]*["']?(?:first|given)["']?[ \t]*:[ \t]*"""
        r"""(?:"[^"\n]{1,60}"|'[^'\n]{1,60}')[ \t]*,[ \t]*)"""
        r"""["']?(?:last|family)["']?[ \t]*:[ \t]*(?:"(?P<dq>[^"\n]{1,60})"|'(?P<sq>[^'\n]{1,60})')""",
        0.8,
    ),
    Pattern(
        # ISO 20022 payment messages (pain.001, pacs.008): the name of a party, creditor or debtor, not of
        # its bank (`<CdtrAgt><FinInstnId><Nm>`)
        ISO20022_PARTY,
        r"(?<=<(?:Ultmt)?(?:Cdtr|Dbtr)>[ \t\r\n]*)<Nm>[ \t]*(?P<name>[^<>\n]{1,80}?)[ \t]*</Nm>",
        0.85,
    ),
    Pattern(
        CAPS_RUN,
        rf"\b(?<=\p{{Ll}}[,:;]?[ \t]|[(\[\]][ \t]?)(?P<name>{_CAPS_NAME_2}){_END_OF_CAPS_NAME}",
        0.7,
    ),
    Pattern(
        # the older mail header form, the name as a comment after the address: `ann@x.org (Ann Lee)`
        "name (comment after an address)",
        rf"(?<=[\w.+\-])@[\w\-]+(?:\.[\w\-]+)+[ \t]*\((?P<name>{_NAME})\)",
        0.85,
    ),
    Pattern("name (display name before an address)", rf"(?P<name>{_NAME_2})[\"']?[ \t]*<[^<>@\s]+@", 0.85),
    Pattern(
        "name (after an honorific)",
        # lower case too as notes write them (`dhr. Rowe`, `mme Smeets`)
        rf"\b(?<![.\-])(?:{_HONORIFICS}|mr|mrs|ms|dr|mme|mlle|dhr|mevr|herr|frau)\.?[ \t]+"
        rf"(?P<name>{_TITLE_NAME})",
        0.85,
    ),
    Pattern(
        "name (after a greeting)",
        # ... or a dash (`Hoi Quinten - can I come and see it?`)
        rf"\b(?:{_GREETINGS})[ \t]+(?P<name>{_TITLE_NAME})(?=[ \t]*[,!:\n]|[ \t]+[-–—][ \t])",
        0.7,
    ),
    Pattern(
        # the signature block after the `-- ` delimiter line (RFC 3676): its first line is the name
        "name (first line of a signature block)",
        rf"(?m)^--[ ]?\r?\n[ \t]*(?P<name>{_NAME}|{_INITIALS_NAME}(?:[ \t]+{_TITLE_WORD})?)[ \t]*$",
        0.8,
    ),
    Pattern(
        # the person thanked or welcomed at the end of the opening line (`Thanks for your order, Ann!`)
        "name (addressed at the end of a thanks)",
        rf"(?im)^[ \t]*(?:thanks|thank you|merci|bedankt|danke|grazie|gracias|welcome|bienvenue|welkom|"
        rf"willkommen)\b[^\n!?.,]{{0,50}},[ \t]*(?P<name>{_TITLE_NAME})[ \t]*!",
        0.75,
    ),
    Pattern(
        # a caller ID: the quoted display name before the number (`"Ann Lee" <0471123456>`, CSV-escaped
        # `""Ann Lee"" <...>`, SIP `"Ann Lee" <sip:+32...@host>`)
        "name (caller ID display name)",
        r"\"{1,2}(?P<name>[^\"<>\n]{1,60}?)\"{1,2}[ \t]*<(?:sips?:|tel:)?\+?\d[\d.\- ]{3,20}(?:@[^<>\s]*)?>",
        0.8,
    ),
    Pattern(
        # a name spelled out letter by letter after a cue (`that's M-A-S-S-I-N`, `spelled B-O-S-S`)
        "name (spelled out)",
        r"(?i:that['’]?s|spelled|spelt|spelling|spells)[ \t:,]+"
        r"(?P<name>(?:\p{Lu}[ \t]?-[ \t]?){2,}\p{Lu})(?![\w-])",
        0.8,
    ),
    Pattern(
        # a delivery or form signed by someone: `signed G. Smeets`, `signed: Ann Lee`
        "name (signer)",
        rf"\b(?i:signed)[ \t]*:?[ \t]+(?P<name>{_INITIALS_NAME}|{_TITLE_NAME_2})"
        rf"(?![\p{{L}}'’])",
        0.75,
    ),
    Pattern(
        # the sign-off opens a line or a sentence (`... on its way. Regards,`); the name is alone on the next
        "name (sign-off line)",
        # a letter leaves a blank line for the handwritten signature: `Yours faithfully,\n\nE.A. Povilonis`
        rf"(?im)(?:^|(?<=[.!?][ \t]))[ \t]*(?:{_SIGN_OFFS})[,!.]?[ \t]*\n(?:[ \t]*\n)?[ \t]*"
        rf"(?P<name>{_NAME}|{_INITIALS_NAME}(?:[ \t]+{_TITLE_WORD})?)[ \t]*$",
        0.8,
    ),
    Pattern(
        # family name in capitals, comma, given name (`MOSS, Luke`), as forms, bookings and registers write
        # it; the name ends at a delimiter, a number or a capital, never runs into lower-case prose
        LAST_FIRST,
        rf"(?<!\p{{Lu}}[ \t]{{1,3}})(?<![\p{{L}}\d])(?P<name>{_CAPS_FAMILY},[ \t]*{_GIVEN})"
        rf"(?=[ \t]*(?:$|[-–;:|()/\n,.]|[ \t]\p{{Lu}}|[ \t]\d))",
        0.75,
    ),
    Pattern(
        "name (after an introducer)",
        rf"(?i:\b(?:{_INTRODUCERS})(?:[ \t]+(?:is|was|named|called))?[ \t]*:?)[ \t]+"
        rf"(?P<name>{_TITLE_NAME_2}|(?:{_CAPS_NAME_2}|{_MIXED_NAME_2}){_END_OF_CAPS_NAME})",
        0.7,
    ),
    Pattern(
        # the agent of a passive verb of request or approval: `was requested by Justin Cowan`
        BY_AGENT,
        rf"\b(?i:{_AGENT_VERBS})(?:[ \t]+(?:at|in|on)[ \t]+[^\n]{{1,40}}?)?[ \t]+by[ \t]+"
        rf"(?P<name>{_TITLE_NAME}|{_CAPS_NAME_2}|{_MIXED_NAME_2})"
        rf"(?![\p{{L}}\d'’])",
        0.7,
    ),
    Pattern(
        # a recipient line of a message: `cc: Ann Lee`, `To: Ann Lee; Bob Smith`
        RECIPIENT,
        rf"\b(?i:to|cc|bcc|attn|attention)[ \t]*:[ \t]*(?P<name>{_TITLE_NAME_2}|{_CAPS_NAME_2}|"
        rf"{_MIXED_NAME_2})(?=[ \t]*(?:$|[,;<(\n|]))",
        0.75,
    ),
    Pattern(
        # the author of an app-store or product review: `★★★ by ann lee — "..."`, `4/5 by Ann Lee:`,
        # `Reviewed by Ann Lee`
        REVIEW_AUTHOR,
        r"(?:[★☆]|(?<![\w/.])\d(?:[.,]\d)?[ \t]?/[ \t]?(?:5|10)(?![\w/.])|(?i:review(?:ed)?|posted|written))"
        r"[ \t]+by[ \t]+"
        r"(?P<name>\p{L}[\p{L}'’.\-]*(?:[ \t]+\p{L}[\p{L}'’.\-]*){0,3}?,?(?:[ \t]*\p{Lu}[\p{L}'’.\-]*)?)"
        r"(?=[ \t]*(?:[—–:(|\n\"“]|[ \t]-[ \t]|$))",
        0.75,
    ),
    Pattern(
        # a name column compared with a literal in SQL (`lower(s.last_name) = 'lee'`, `surname LIKE 'Lee'`)
        SQL_COMPARISON,
        rf"(?i:\b(?:\w+\.)?(?:{_NAME_KEYS})\)?[ \t]*(?:=|like|ilike)[ \t]*)'(?P<sq>[^'\n%_]{{1,60}})'",
        0.8,
    ),
    Pattern(
        # a form field in a browser breadcrumb (Sentry): `input[name="fullName"] = Ann Lee`
        NAME_KEY_VALUE,
        rf"""(?i:input\[name=\\?["']?(?:{_NAME_KEYS})\\?["']?\])[ \t]*=[ \t]*"""
        r"""(?P<name>[^"\\\n]{1,80}?)(?=[ \t]*(?:\\?"|$))""",
        0.8,
    ),
    Pattern(
        # the addressee: the first line under a label's or an order's address heading (`Ship to:`,
        # `Deliver to`, `Bill to:`, `Leveradres:`, `Lieferadresse:`), in any case, initials too
        ADDRESS_HEADING,
        r"(?im)^[ \t]*(?:ship(?:ping)?[ \t]+to|deliver(?:y)?[ \t]+to|bill(?:ing)?[ \t]+to|sold[ \t]+to|"
        r"send[ \t]+to|delivery[ \t]+address|billing[ \t]+address|shipping[ \t]+address|"
        r"adresse[ \t]+de[ \t]+(?:livraison|facturation)|livrer[ \t]+à|leveradres|factuuradres|lieferadresse|"
        r"rechnungsadresse|dirección[ \t]+de[ \t]+entrega|"
        r"indirizzo[ \t]+di[ \t]+(?:consegna|spedizione))[ \t]*:?[ \t]*\r?\n[ \t]*"
        rf"(?P<name>{_TITLE_NAME}(?:,[ \t]*{_GIVEN})?|{_CAPS_NAME_2}|{_MIXED_NAME_2}|"
        rf"{_CAPS_FAMILY}[ \t]+{_GIVEN}|"
        r"\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+){1,3})[ \t]*$",
        0.8,
    ),
    Pattern(
        # a mention in a chat (Slack, Teams, Mattermost write a member's display name after `@`)
        "name (chat mention)",
        rf"(?<![\w@.\-])@(?P<name>{_TITLE_NAME_2})(?![\p{{L}}\d'’.@-])",
        0.8,
    ),
    Pattern(
        # the signature of a reply after a dash, alone or before a team (`– Ann, Customer Care`)
        DASH_SIGNATURE,
        rf"(?:^|(?<=[.!?)][ \t]))[ \t]*[–—][ \t]*(?P<name>{_TITLE_NAME})(?=[ \t]*(?:,[^\n]{{0,40}})?$)",
        0.7,
    ),
    Pattern(
        "name (introducing oneself: '<name> here')",
        rf"\b(?P<name>{_TITLE_NAME_2}|{_CAPS_NAME_2}|{_MIXED_NAME_2})[ \t]+(?:here|hier)(?![\w])",
        0.7,
    ),
    Pattern(
        # the person addressed after an interjection, between commas, as chats and transcripts write it
        # (`Great, Ann, I'll send the summary`, `Sure, Ann Lee, one moment`)
        VOCATIVE,
        rf"\b(?:{_INTERJECTIONS}),[ \t]+(?P<name>{_TITLE_NAME}),[ \t]",
        0.7,
    ),
    Pattern(
        # a key whose last word is `name`, written in camelCase, PascalCase or snake_case (`ownerName`,
        # `PatientName`, `driver_name`): the word before it says whose name (see `_compound_key_rule`)
        COMPOUND_NAME_KEY,
        r"(?<=(?<![\w\-.])(?P<qual>\p{Ll}{2,20}|\p{Lu}\p{Ll}{1,19})(?:_|(?<=\p{Ll})))(?:Name|name)"
        rf"""\\?["']?{_KEY_QUALIFIER}[ \t]*(?:[:=]|=>)[ \t]*{_KEY_VALUE}""",
        0.8,
    ),
    Pattern(
        # the person an appointment is with, in reminders (`your appointment with S Powell on`, `uw afspraak
        # bij Dr. A Kilbane`, `votre rendez-vous avec A Marques`, `Ihr Termin bei L Hayes`)
        APPOINTMENT_WITH,
        r"(?i:appointment|afspraak|rendez-vous|rdv|termin|appuntamento|cita)[^\n.!?]{0,20}?[ \t]"
        r"(?i:with|bij|avec|bei|con|met)[ \t]+"
        rf"(?:(?:{_HONORIFICS}|dr|mr|mrs|ms)\.?[ \t]+)?(?P<name>{_TITLE_NAME_2})(?![\p{{L}}'’])",
        0.75,
    ),
    Pattern(
        # the undersigned of a mandate or a declaration, with the form's gender marks (`Je soussigné(e) Ann
        # Lee`, `Io sottoscritto/a LEE Ann`, `I, the undersigned, Ann Lee`), and the person a mandate
        # authorises (`delego Ann Lee al ritiro`, `autorizo a Ann Lee a recoger`, `donne procuration à Ann
        # Lee pour`, `I authorise Ann Lee to collect`)
        MANDATE_PARTY,
        r"\b(?i:soussign[ée]e?(?:\(e\))?|sottoscritt[oa](?:/[oa])?|ondergetekende|undersigned|"
        r"unterzeichnete[r]?(?:\(r\))?|delego|autorizo(?:[ \t]+a)?|donne[ \t]+procuration[ \t]+à|"
        r"authori[sz]e|machtig(?:[ \t]+ik)?)[ \t]*,?[ \t]+"
        rf"(?P<name>{_TITLE_NAME_2}|{_CAPS_FAMILY}[ \t]+{_GIVEN}|{_CAPS_NAME_2}|{_MIXED_NAME_2})"
        r"(?=[ \t]*[,;]|[ \t]+\p{Ll})",
        0.8,
    ),
    Pattern(
        # the key of one part of a name: one word in lower case is a name there (`ud[fn]=ann`)
        NAME_PART_KEY_VALUE,
        rf"""(?i:\b(?:{_NAME_PART_FIELD_KEYS}))\\?["']?\]?{_KEY_QUALIFIER}"""
        rf"""[ \t]*(?:[:=]|=>)[ \t]*{_KEY_VALUE}""",
        0.85,
    ),
    Pattern(
        # the new (or old) value after an arrow, as audit and merge logs write a change of a name field:
        # `Name: 'Ann Lee' <- 'ann lee'`, `name="Ann Lee" -> "Ann Smith"`
        NAME_CHANGE,
        rf"""(?<=(?i:(?<![\w])(?:{_NAME_KEYS}))["']?[ \t]*[:=][ \t]*"""
        rf"""(?:"[^"\n]{{1,80}}"|'{_IN_SINGLE_QUOTES}')"""
        rf"""[ \t]*(?:<-|->|→|←|=>|⇒)[ \t]*)(?:"(?P<dq>[^"\n]{{1,80}})"|'(?P<sq>{_IN_SINGLE_QUOTES})')""",
        0.8,
    ),
    Pattern(
        # a WebVTT cue's voice span (W3C WebVTT: `<v Ann Lee>`, `<v.loud Ann Lee>`): its annotation is the
        # speaker's name
        VOICE_SPAN,
        r"<v(?:\.[\w\-]+)*[ \t]+(?P<name>[^<>\n]{1,80}?)[ \t]*>",
        0.85,
    ),
    Pattern(
        # the holder of a copyright (`© 2026 Ann Lee`, `Copyright (c) 2019-2026 Ann Lee`), as photo metadata
        # and page footers write it; a company's notice goes on (`... All rights reserved`)
        COPYRIGHT_HOLDER,
        r"(?:©|\((?i:c)\)|(?<![\w])(?i:copyright))[ \t]*(?:\d{4}(?:[ \t]*[-–][ \t]*\d{4})?,?[ \t]+)?"
        rf"(?:(?i:by)[ \t]+)?(?P<name>{_TITLE_NAME_2}|{_CAPS_NAME_2}|{_MIXED_NAME_2})"
        r"(?=[ \t]*(?:$|[,;|)\n]|\.[ \t]*$))",
        0.8,
    ),
    Pattern(
        # the subfield of a party's name in a SWIFT MT940 statement line (`:86:/ORDP//NAME/ANN LEE/ADDR/...`)
        MT940_NAME,
        r"(?<=/)NAME/(?P<name>[^/\n]{1,70}?)(?=/|[ \t]*$)",
        0.8,
    ),
    Pattern(
        # the writer's name after the thanks that closes a short message (`stop sending me this, thanks
        # ann lee"`), where the message ends: the end of the line or of its quoted body
        CLOSING_THANKS,
        r"(?<=[,.!][ \t]{0,3})(?i:thanks|thank you|many thanks|regards|kind regards|best regards|cheers)"
        r"[,.]?[ \t]+(?P<name>\p{L}[\p{L}'’\-]*(?:[ \t]+\p{L}[\p{L}'’\-]*){0,3})[ \t]*(?=\\?[\"”]|$)",
        0.75,
    ),
    Pattern(
        # the one person a service message names by a role, after `your`/`our` and before an auxiliary verb
        # (`Your driver Ann will call you`, `Your technician Marc is on his way`)
        "name (after a possessive and a role noun)",
        r"\b(?i:your|our)[ \t]+(?i:driver|courier|rider|technician|engineer|installer|agent|advisor|"
        r"adviser|consultant|nurse|doctor|guide|host|instructor|coach|therapist|stylist|tutor|contact|"
        r"representative|account manager|case manager)"
        rf"[ \t]+(?P<name>{_TITLE_NAME})(?=[ \t]*,|[ \t]+(?:will|is|has|had|was|can|could|would|may|shall|"
        r"should)(?![\w]))",
        0.75,
    ),
]
# Substrings (lower case) without which a pattern cannot match: a cheap test that spares the regex
_PATTERN_GATES = {
    PERSON_KEY_VALUE: (
        "caller",
        "tech",
        "engineer",
        "install",
        "report",
        "assign",
        "by",
        "sign",
        "firma",
        "unterschrift",
        "handtekening",
        "artist",
        "reader",
        "accomp",
        "mitreisende",
        "begleitperson",
        "reisgeno",
        "travel",
        "author",
        "creator",
        "line",
        "photographer",
        "pupil",
        "student",
        "parent",
        "guardian",
        "teacher",
        "policy",
        "assur",
        "versicherungsnehmer",
        "verzekeringnemer",
        "tomador",
        "contraente",
        "manager",
        "reports",
        "supervisor",
        "mentor",
        "third",
        "tiers",
        "dritter",
        "derde",
        "terzo",
        "tercero",
    ),
    REVIEW_AUTHOR: ("by",),
    PNR_NAME: ("/",),
    ISO20022_PARTY: ("<nm>",),
    OBJECT_NAME_PART: ("last", "family"),
    ADDRESS_HEADING: ("to", "address", "adres", "livr", "dirección", "indirizzo"),
    SQL_COMPARISON: ("'",),
    "name (first line of a signature block)": ("--",),
    "name (addressed at the end of a thanks)": ("!",),
    "name (caller ID display name)": ('" <', '"<'),
    "name (spelled out)": ("that", "spel"),
    "name (introducing oneself: '<name> here')": ("here", "hier"),
    "name (family, given display name before an address)": ("@",),
    "name (signer)": ("signed",),
    "name (comment after an address)": ("@",),
    DASH_SIGNATURE: ("–", "—"),
    "name (chat mention)": ("@",),
    NAME_PART_KEY_VALUE: (
        "first",
        "last",
        "given",
        "family",
        "familien",
        "surname",
        "forename",
        "middle",
        "maiden",
        "naam",
        "nom",
        "vorname",
        "nachname",
        "apellido",
        "cognome",
        "fn]",
        "ln]",
    ),
    NAME_CHANGE: ("->", "<-", "→", "←", "=>", "⇒"),
    VOICE_SPAN: ("<v",),
    MANDATE_PARTY: (
        "soussign",
        "sottoscritt",
        "ondergetekende",
        "undersigned",
        "unterzeichnete",
        "delego",
        "autorizo",
        "procuration",
        "authoris",
        "authoriz",
        "machtig",
    ),
    APPOINTMENT_WITH: ("appointment", "afspraak", "rendez-vous", "rdv", "termin", "appuntamento", "cita"),
    COMPOUND_NAME_KEY: ("name",),
    VOCATIVE: tuple(f"{word.lower()}, " for word in _INTERJECTIONS.split("|")),
    COPYRIGHT_HOLDER: ("©", "(c)", "copyright"),
    MT940_NAME: ("/name/",),
    CLOSING_THANKS: ("thank", "regards", "cheers"),
    "name (after a possessive and a role noun)": ("your ", "our "),
    # the name keys, by a part each holds (`cardholder`, `voornaam`, `prénom`, `givenName`, `src_display`)
    NAME_KEY_VALUE: (
        "name",
        "holder",
        "contact",
        "recipient",
        "sender",
        "subscriber",
        "beneficiary",
        "payer",
        "payee",
        "signed",
        "attn",
        "attention",
        "nom",
        "naam",
        "apellido",
        "cn",
        "sn",
        "requester",
        "debtor",
        "_display",
    ),
    "name (quoted value of a customer key)": ("customer", "client"),
    "name (JSON Patch value of a name path)": ('"path"',),
    "name (member of a structured name object)": ("{",),
    "name (LDAP common name RDN)": ("cn=", "displayname=", "givenname=", "sn="),
    XML_NAME_ELEMENT: ("</",),
    "name (display name before an address)": ("@",),
}
# A record field that is a name and nothing else: 2-5 words, Title-case or ALL CAPS, particles between.
_NAME_FIELD = (
    rf"{_TITLE_NAME_2}|{_CAPS_NAME_2}|{_MIXED_NAME_2}|(?:{_PARTICLE}[ \t]+)*{_TITLE_NAME},[ \t]*{_GIVEN}|"
    rf"{_CAPS_FAMILY}[ \t]+{_GIVEN}|"  # `TORRES Leticia`
    rf"{_INITIALS_NAME}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_TITLE_WORD})?"  # `O.T. Carroll`
)
# Rules read from a word after the name back to the name: cheaper than trying a name at every capital.
# (rule name, the word after the name, the name before it up to the end of the searched text, score)
_NAME_BEFORE = rf"(?<![\w'’])(?P<name>{_TITLE_NAME}|{_CAPS_NAME_2}|{_MIXED_NAME_2})"
NAME_BEFORE_WINDOW = 160
ANCHORED_BEFORE = [
    (
        # the subject of a speech or request verb; a parenthetical may sit between the name and its verb:
        # `Ann Lee (0471 12 34 56) reported ...`
        "name (subject of a speech or request verb)",
        rf"\b(?:{_SPEECH_VERBS})(?![\w])",
        rf"{_NAME_BEFORE}(?:\*\*|__)?(?:[ \t]*\([^()\n]{{1,40}}\))?[ \t]+\Z",
        0.7,
    ),
    (
        # the person born on a date, as contracts and registers introduce a party: `Ann Lee, né(e) le
        # 03/04/1980`, `Lee, Ann, born on ...`, `ann lee, geboren am ...`
        BIRTH_SUBJECT,
        r"\b(?:né\(e\)|née?|nat[oa]|nacid[oa])(?:[ \t]+(?:le|il|el|a|à))?[ \t]+(?=\d)|"
        r"\b(?:geb\.|geboren(?:[ \t]+(?:am|op))?|born(?:[ \t]+on)?)[ \t]+(?=\d)",
        rf"(?<![\w'’])(?P<name>{_TITLE_NAME},[ \t]*{_GIVEN}|{_CAPS_FAMILY},[ \t]*{_GIVEN}|"
        rf"{_CAPS_FAMILY}[ \t]+{_GIVEN}|{_TITLE_NAME}|{_CAPS_NAME_2}|{_MIXED_NAME_2}|"
        rf"(?:\p{{Lu}}\.[ \t]*){{1,2}}{_TITLE_WORD}|"
        r"\p{Ll}[\p{Ll}'’\-]+[ \t]+(?:(?:van|von|de|der|den|del|di|da|du|le|la|ten|ter)[ \t]+)*"
        r"\p{Ll}[\p{Ll}'’\-]+)"
        r"[ \t]*,?[ \t]*\Z",
        0.75,
    ),
    # the owner of a request, consent or signature: `Per Mathijs van der Mast's request`
    (POSSESSIVE, rf"['’]s[ \t]+(?:{_VOLITION_NOUNS})(?![\p{{L}}])", rf"{_NAME_BEFORE}\Z", 0.7),
]
# A role or relation noun written as a title before a name (`Neighbour Colin Russell`): the word is found
# first, then checked against ROLE_WORDS, then the name after it.
_WORD_BEFORE_CAPITAL = r"\b(\p{L}+),?[ \t]+(?=\p{Lu})"  # `technician, Ann Lee, ...` too
_NAME_AFTER_ROLE = (
    rf"(?P<name>(?:{_PARTICLE}[ \t]+)*{_TITLE_NAME},[ \t]*{_GIVEN}(?![\p{{L}}'’])|"  # `Cardholder Lee, Ann`
    rf"{_CAPS_FAMILY}[ \t]+{_GIVEN}(?=[ \t]+\p{{Ll}}|[ \t]*[,;.:)]|[ \t]*$)|"  # `Cardholder LEE Ann denies`
    rf"{_TITLE_NAME_2}|(?:{_CAPS_NAME_2}|{_MIXED_NAME_2}){_END_OF_CAPS_NAME})"
)
CONTEXT = ["name", "customer", "holder", "agent", "mr", "mrs", "ms", "dear", "regards"]

# Words spaCy's small model tags PERSON in logs that are never part of a personal name: a candidate that
# holds one is refused.
NOT_NAME_WORDS = frozenset(
    """
    info warn warning error debug trace fatal critical notice ok okay null none true false get post put
    patch delete head options http https api json xml sql url uri id uuid utc gmt cest cet pst
    visa mastercard amex maestro paypal stripe adyen iban bic swift sms esim bulletin forecast
    android ios iphone ipad windows linux macos ubuntu chrome firefox safari opera java python kafka
    postgres postgresql redis prefect docker kubernetes nginx apache aws azure gcp google microsoft apple
    samsung huawei nokia netflix spotify amazon whatsapp telegram slack grafana loki prometheus kibana adobe
    elasticsearch splunk datadog sentry github gitlab jira confluence pixel galaxy xiaomi oneplus
    fritz fritzbox disney hbo youtube airflow spark hadoop tableau excel outlook backup boost cloud
    telefónica telefonica movistar vodafone orange proximus telenet kpn swisscom bouygues sfr iliad
    fastweb telekom t-mobile verizon
    gateway subsystem operations department desk helpdesk portal platform module handler engine daemon
    scheduler controller processor pipeline cluster network centre center office system systems delivery
    mailer bot care support team kundenservice kundendienst
    dhl ups fedex gls dpd tnt postnl bpost colissimo chronopost correos parcel parcels
    betreff betreft objet asunto oggetto onderwerp courriel motif grund motivo reden sre noc depot hub
    primary unique constraint foreign references varchar bigint citext timestamptz
    """.split()
)
# Words of a postal address that name the premises or the way, never a word of a personal name (`Flat 22`,
# `Glen Cottage`, `Bât. C`, `Seitenflügel links`, `Frawley Street`)
PREMISES_WORDS = frozenset(
    """
    flat apt apartment apartments unit suite bât bâtiment batiment esc escalier étage etage résidence
    house cottage cottages mews maltings manor farmhouse bungalow
    seitenflügel hinterhaus vorderhaus gartenhaus dachgeschoss erdgeschoss souterrain
    street road avenue boulevard rue straße strasse straat steenweg chaussée calle
    """.split()
)
# Everyday words that can also be names (June, Price, Bill, Rose): a candidate made only of these is refused.
COMMON_WORDS = frozenset(
    """
    customer client caller callee agent user admin support billing invoice order ticket status session name
    request response service server host node worker job task queue event message chat email mail phone
    mobile tel fax call card edge teams zoom signal dear hi hello thanks thank regards best cheers team
    subject from to cc bcc reply sent date re fw fwd street road avenue rue straat strasse straße calle via
    piazza total amount price tax vat eur usd gbp premium basic plus pro gold silver unlimited prepaid
    postpaid roaming data voice broadband fiber fibre router modem max mini ultra
    tim italia españa espana deutschland sim bundle plan tariff
    contract refund key easter christmas world everyone all
    payment paid due balance credit debit monday tuesday wednesday thursday friday saturday sunday january
    february march april may june july august september october november december mon tue wed thu fri sat
    sun jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
# Last words of place names that end no personal name
_PLACE_LAST_WORDS = frozenset("ville city town village township".split())
_HONORIFIC_WORDS = frozenset(
    "mr mrs ms miss mx dr prof univ univ.prof mme mlle m herr herrn frau sr sra srta sig sig.ra dott "
    "dott.ssa dhr "
    "mevr sir madam ing dipl.-ing monsieur madame mademoiselle signor signora señor señora doña dña".split()
)
_POST_NOMINAL_WORDS = frozenset("md phd mba dds dvm jr sr ii iii b.eng m.sc b.sc b.a m.a ll.m".split())
_ORG_SUFFIXES = frozenset(
    "inc ltd llc plc gmbh ag bv nv sa sarl srl spa sl corp corporation co company group bank telecom "
    "services solutions systems technologies labs holding holdings foundation university "
    "hotel restaurant cafe café pharmacy clinic hospital school college museum theatre theater cinema "
    "airport agency shop store boutique express logistics "
    # sports clubs (Royal Antwerp FC, Hertha BSC, Shamrock Rovers)
    "fc afc cf sc bsc sv fk rovers rangers wanderers athletic".split()
)
# NER hits inside the value of a key that names a thing, not a person: product="Business Cloud Backup"
_NOT_PERSON_VALUE = regex.compile(
    r"(?i:product|plan|bundle|tariff|offer|package|device|model|service|app|sku|item|brand|vendor|merchant|"
    r"company|org|organisation|organization|host|hostname|queue|topic|flow|deployment|job|task|event|"
    r"category|type|status|level|"
    # a place's field (`CUST-TOWN PIC X(30) : HUGH VILLE`)
    r"town|city|locality|county|district)[\w\-]*[\"']?(?:[ \t]+(?i:PIC(?:TURE)?)[ \t]+\S+)?[ \t]*[=:][ \t]*"
    r"[\"']?[^\"'=\n]*$|"
    # a thing named in quotes after its kind: `Campaign 'Jules Verne'`, `project "Ada Lovelace"`
    r"(?i:campaign|project|codename|code name|programme|program|initiative|operation|release|product|plan|"
    r"bundle|offer|promo|promotion)[ \t]+[\"'‘“«][ \t]?$"
)
# What stands before a word that makes it a thing or a place rather than a name: an article (`The
# Willows`, a house), a postcode (`1050 Ixelles`, `3450 KE Den Dungen`), an Irish county's `Co.`
# ... an arrow of a route (`Rembrandtplein → Van Hallstraat`, a stop), a street word (`Place du Jeu de
# Balle`, `Rue Victor Hugo`)
# Street types written before a street named after a person (`Pasaje Joaquina Reguera`, `Via Adriana Peña`)
STREET_TYPES = frozenset(
    "place plaza piazza rue avenue boulevard quai calle callejón platz via viale vicolo corso pasaje "
    "acceso camino cuesta vial paseo avenida travesía carrer praça rua".split()
)
_NOT_PERSON_BEFORE = regex.compile(
    r"(?:(?<![\w'’])(?i:the)|(?<![\w.,/-])\d{4,5}(?:[ \t]?\p{Lu}{2})?|(?<![\w])Co\.|[→⇒➔➜]|"
    # a house number after a word or a comma (`of 236 Kay Ramp, Smithville`), not a record's number
    r"(?<=(?:\p{L}|,)[ ])\d{1,4}[a-zA-Z]?(?=[ ])|"
    # street types in any case, as NER reads them re-cased (`PASAJE JOAQUINA REGUERA`, `via Adriana Pena`)
    rf"(?<![\p{{L}}\d'’])(?i:{'|'.join(sorted(STREET_TYPES))})"
    r"(?:[ \t]+(?i:du|de|des|de[ \t]+la|del|della|dei|di))?|"
    # the other side of a match's score (`Club Brugge 4-0 Royal Antwerp FC`)
    r"\p{L}[ \t]+\d{1,2}[-–]\d{1,2})[ \t]+\Z"
)
# ... and after it: the label of an identifier (`Easy Switch ID: 714132651`, `Member No.`)
# ... and a heading's `to:` (`Bill to:`, `Sold to:`)
_NOT_PERSON_AFTER = regex.compile(
    r"[ \t]+(?:(?:(?i:id|nr\.?|number|code)|No\.?|no\.)(?:[ \t]*[:#=]|[ \t]+\d)|(?i:to)[ \t]*:)|"
    r"[ \t]+[→⇒➔➜]|"  # the start of a route
    r"[ \t]+\d{1,2}[-–]\d{1,2}[ \t]+\p{Lu}"  # a match's score before the other side
)
_LEADING_TITLE = regex.compile(rf"(?i:{_HONORIFICS})\.?[ \t]+(?=\p{{Lu}})")
# Words written before a name (`Customer Ann Lee`, `Neighbour Colin Russell`), trimmed from the span.
_ROLE_WORDS = ROLE_WORDS | frozenset(
    "dear hi hello hey hallo hoi salut bonjour bonsoir coucou hola ciao servus moin hej buongiorno beste "
    "geachte estimado estimada gentile liebe lieber thanks escalated spoke attn attention "
    # the undersigned of a mandate and the person it delegates to (`Ondergetekende Ann Lee`, `delego Ann Lee`)
    "ondergetekende soussigné soussignée unterzeichnete unterzeichneter sottoscritto sottoscritta delego "
    "autorizo".split()
)
_LEADING_WORD = regex.compile(r"(\p{L}+)[ \t]+(?=\p{Lu})")  # `Customer Ann Lee` -> `Ann Lee`
# determiners never open a name; German and Dutch articles neither (`Die Lieferung erfolgt`), though `der`,
# `den` and `de` stand inside one (`van der Berg`)
_DETERMINERS = frozenset(
    "the our your my his her their this that these those die das dem des ein eine het een mijn uw onze jouw "
    "mon ma mes votre vos notre nos il mio mia miei suo sua nostro vostro mi mis nuestro nuestra".split()
)
# German pronouns and possessives, capitalised in the polite form (`Sie`, `Ihr Router`, `Änderung Ihrer
# Anschrift`) and the demonstratives: never a word of a name (`die`, `der` are name particles).
_GERMAN_PRONOUNS = frozenset(
    "sie ihr ihre ihren ihrer ihrem ihres ihnen mein meine meinen meiner meinem "
    "unser unsere unseren unserer unserem euer eure dieser diese "
    "dieses wir".split()
)
_FORBIDDEN_CHARS = frozenset("0123456789@_/\\=#{}<>[]|$%&*+~^")


# How chat users introduce themselves or someone to call, in lower case: `its ann lee`, `this is joost`,
# `my name is ana`, `call doris on`, `ask for pilar`.
_LOWER_INTRODUCTION = regex.compile(
    r"(?i:(?<![\w'’])(?:it['’]?s|this is|i am|i['’]?m|my name is|name['’]?s|call|ask for|speak to|talk to|"
    # call-centre shorthand opening a note: `cust ann lee rang re bill`, `cx joost wants 2 cancel`
    r"(?m:^)[ \t]*(?:cust|cx|caller|customer|client|cardholder|card holder|subscriber|account holder)"
    r"[ \t]*:?)"
    r"[ \t]+)(?P<words>\p{Ll}[\p{Ll}'’\-]*(?:[ \t]+\p{Ll}[\p{Ll}'’\-]*){0,4})"
)
# A lower-case note's subject: the words opening a line before a speech verb or shorthand verb
_LOWER_NOTE_SUBJECT = regex.compile(
    r"(?m)^[ \t]*(?P<name>\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+){1,3})[ \t]+"
    rf"(?:{_SPEECH_VERBS}|rang|rung|compl|complains)(?![\w])"
)
# A prose line of at most 120 characters (two lower-case words at least, no record delimiters, keys or
# markup); in it, a run of two or three capitalised words (`Kyle Reed`).
# Shorthand of hurried call notes that follows a name (`compl re outage`, `abt roaming chrgs`)
_NOTE_SHORTHAND = frozenset(
    "rang rung compl abt chrgs tkt addr pls plz cb wrt asap esc cust cx msg rcvd recd".split()
)
_SHORT_LINE = regex.compile(r"(?m)^(?=(?:[^\n]*?(?<![\w'’\-])\p{Ll}{2,}\b){2})[^\n;|\t=@:<>{}\[\]]{1,120}$")
_CAPITALISED_WORD = regex.compile(r"(?<![\w'’\-])\p{Lu}")
_CAPITALISED_RUN = regex.compile(
    r"(?<![\w'’\-])\p{Lu}\p{Ll}[\p{Ll}'’\-]*(?:[ \t]+\p{Lu}\p{Ll}[\p{Ll}'’\-]*){1,2}(?![\w'’\-])"
)
_RELATIONS = (
    r"wife|wifes|wife['’]s|husband|husbands|husband['’]s|partner|partners|partner['’]s|son|sons|daughter|"
    r"daughters|mother|mothers|father|fathers|mum|mom|dad|brother|sister|colleague|neighbour|neighbor"
)
_ALTERNATIVE_CONTACT = regex.compile(
    rf"(?i:(?<![\w'’])(?:or|otherwise|else|call|ring|text|{_RELATIONS}))[ \t]+"
    rf"(?P<name>\p{{L}}[\p{{L}}'’\-]+(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}\p{{L}}[\p{{L}}'’\-]+)?)"
    r"[ \t]+(?i:back[ \t]+)?"
    r"(?i:on|at|op|au|unter|al|via)[ \t]+$"
)
_CONTACT_CUES = frozenset("call ring text phone or otherwise else".split())
_PHONE_WORD = regex.compile(
    r"(?i)phone|tel|mobile|mobiel|gsm|cell|landline|number|nummer|line|fax|work|home|office|me|us|him|her"
)
_ON_NUMBER = regex.compile(r"(?i)[ \t]on[ \t]+(?=\+?\d[\d \-]{7,}\d)")
_ANSWER_WORDS = frozenset("yes yeah yep no nope sure okay ok right correct sorry pardon what".split())
_NAME_ANSWER = regex.compile(
    r"(?i:\bname(?:[ \t]+(?:on|of)[ \t]+the[ \t]+(?:card|account)(?:[ \t]?holder)?)?"
    r"|who am i speaking (?:to|with))"
    r"\?[ \t]*\n?[ \t]*[A-Za-z]{2,12}:[ \t]+"
    r"(?P<name>\p{L}[\p{L}'’.\-]*(?:[ \t]+\p{L}[\p{L}'’.\-]*){0,3}?)(?=[ \t]+[A-Za-z]{2,12}:|[ \t]*(?:\n|$))"
)
_LOWER_PARTICLES = frozenset("van von de der den del della di da du dos das le la ten ter ó ní uí".split())
_CAPITALS_AFTER_LOWER = regex.compile(r"\p{Ll}\p{Lu}{2}")
_ELIDED_ARTICLE = regex.compile(r"^[dDlL]['’](?=\p{Lu})")  # `d'Artagnan`, `L'Hermite`
# compiled once: the module-level `regex.findall(pattern, ...)` looks its pattern up in a cache on each call
_LETTERS = regex.compile(r"\p{L}+")
_WORDS_WITH_APOSTROPHES = regex.compile(r"\p{L}[\p{L}'’]*")
_CAPITALISED_WORDS = regex.compile(r"\p{Lu}[\p{L}'’]*")
_LOWER_CASE_WORD = regex.compile(r"\p{Ll}[\p{Ll}'’\-]*")
_SPACED_PART = regex.compile(r"\S+(?: \S+)*")
_SPACES_OR_HYPHENS = regex.compile(r"[ \-]+")


def plausible_name(value: str) -> bool:
    """Shape check for a name candidate: 1–5 words of letters (hyphens, apostrophes, dots allowed), at
    least one capital, not a known non-name word, not an organisation."""
    if not value or len(value) > 80 or "\n" in value or any(char in _FORBIDDEN_CHARS for char in value):
        return False
    words = value.replace(",", " ").split()
    while words and words[0].strip(".").lower() in _HONORIFIC_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].strip(".").lower() in _POST_NOMINAL_WORDS:
        words = words[:-1]
    if not 1 <= len(words) <= 5 or not any(char.isupper() for char in value):
        return False
    # the Turkish dotted capital lower-cases to `i` and a combining dot (İhsanoğlu)
    lowered = [word.strip(".'’-").lower().replace("\u0307", "") for word in words]
    if len(lowered) == 1 and lowered[0] in _HONORIFIC_WORDS:
        return False
    if lowered[0] in _DETERMINERS:  # `The Billing Team`, `Our Support Desk`
        return False
    if any(word in _GERMAN_PRONOUNS for word in lowered) or lowered[-1] in _HONORIFIC_WORDS:
        return False  # `Ihren Berater`; `Hallo Herr`, `Guten Tag Frau`: the name follows the honorific
    if not all(
        word and word.replace("-", "").replace("'", "").replace("’", "").replace(".", "").isalpha()
        for word in lowered
    ):
        return False
    if any(word in NOT_NAME_WORDS or word in _ORG_SUFFIXES or word in PREMISES_WORDS for word in lowered):
        return False
    if len(lowered) > 1 and lowered[-1] in _PLACE_LAST_WORDS:
        return False  # `Frazer Ville`, `Jersey City`: a place
    if all(word in ROLE_WORDS for word in lowered):
        return False  # `Cardholder`, `Customer`: the role, not the person
    if all(word in COMMON_WORDS for word in lowered):
        return False
    # camelCase product names (iPhone, PayPal), as opposed to McDonald / MacArthur / O'Brien / LeBlanc;
    # technology acronyms with a lower-case letter inside (VoLTE, VoIP, WiMAX): a capital run after one
    for word in words:
        core = _ELIDED_ARTICLE.sub("", word.strip(".'’"))
        if core[:1].islower() and any(char.isupper() for char in core[1:]):
            return False
        if _CAPITALS_AFTER_LOWER.search(core):
            return False
    return True


class PersonRecognizer(LocalRecognizer):
    """Names from field/header/greeting/signature patterns plus pruned spaCy PERSON entities."""

    def __init__(self, supported_language: str = "en"):
        self.patterns = list(PATTERNS)
        self._compiled = [regex.compile(pattern.regex, regex.MULTILINE) for pattern in PATTERNS]
        self._gates = [_PATTERN_GATES.get(pattern.name) for pattern in PATTERNS]
        self._name_field = regex.compile(_NAME_FIELD)
        self._initial_name = regex.compile(rf"(?:\p{{Lu}}\.[ \t]*){{1,2}}[ \t]*{_TITLE_WORD}")  # `B. Remy`
        self._contact_recognizers = None
        self._addressee = regex.compile(_ADDRESSEE)
        self._lower_addressee = regex.compile(_LOWER_ADDRESSEE)
        self._anchored = [
            (name, regex.compile(anchor), regex.compile(before), score)
            for name, anchor, before, score in ANCHORED_BEFORE
        ]
        self._word_before_capital = regex.compile(_WORD_BEFORE_CAPITAL)
        self._name_after_role = regex.compile(_NAME_AFTER_ROLE)
        super().__init__(
            supported_entities=["PERSON"],
            name="PiivaultPersonRecognizer",
            supported_language=supported_language,
            context=list(CONTEXT),
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results = self.pattern_results(text, self._contact_spans(text))
        if nlp_artifacts is not None and getattr(nlp_artifacts, "tokens", None) is not None:
            results.extend(self.ner_results(text, nlp_artifacts.tokens))
        return results

    def _contact_spans(self, text: str) -> list[tuple[int, int, str]]:
        """Inside Presidio's AnalyzerEngine (which calls each recognizer alone), the contact values of the
        text found by piivault's other recognizers; `detect` passes its own."""
        if self._contact_recognizers is None:
            from recognizers.engine import piivault_recognizers

            self._contact_recognizers = [
                r for r in piivault_recognizers() if r.supported_entities != ["PERSON"]
            ]
        return [
            (r.start, r.end, r.entity_type)
            for recognizer in self._contact_recognizers
            for r in recognizer.analyze(text, recognizer.supported_entities)
            if r.score >= 0.5
        ]

    def pattern_results(
        self, text: str, contacts: list[tuple[int, int, str]] | None = None
    ) -> list[RecognizerResult]:
        """Names the patterns find; with `contacts` (`(start, end, entity_type)` of the emails, phones,
        cards and addresses already found in `text`), also the name fields of delimited records that hold
        one of them, and the addressee written before an address."""
        results = self.headed_field_results(text)
        results.extend(
            make_result(self, "PERSON", start, end, 0.85, "name (vCard FN/N)")
            for start, end, kind in vcard_spans(text)
            if kind == "PERSON" and any(char.isalpha() for char in text[start:end])
        )
        results.extend(self.answers_to_name_questions(text))
        phone_starts = [start for start, _, kind in contacts or () if kind == "PHONE_NUMBER"]
        results.extend(self.alternative_contacts(text, phone_starts))
        if contacts:
            results.extend(self.record_field_results(text, [(start, end) for start, end, _ in contacts]))
            address_starts = [start for start, _, kind in contacts if kind == "ADDRESS"]
            results.extend(self.addressee_results(text, address_starts))
            view = left_column_view(text) if address_starts else None
            if view is not None:  # the addressee line of a two-column layout, its right-hand cell set aside
                results.extend(self.addressee_results(view[0], address_starts))
            if "\n" in text:
                results.extend(
                    self.contact_block_headings(
                        text,
                        [start for start, _, kind in contacts if kind in ("PHONE_NUMBER", "EMAIL_ADDRESS")],
                    )
                )
        lowered = text.lower()
        if not lowered.isascii():
            # `(?i)` reads `ſ` as `s` and `İ` as `i`: lower() keeps `ſ`, turns `İ` into `i` + a combining dot
            lowered = lowered.replace("ſ", "s").replace("\u0307", "")
        for pattern, compiled, gate in zip(PATTERNS, self._compiled, self._gates, strict=True):
            if gate is not None and not any(map(lowered.__contains__, gate)):
                continue
            for match in compiled.finditer(text):
                rule = pattern.name
                if rule == COMPOUND_NAME_KEY:
                    rule = _compound_key_rule(match.group("qual"))
                    if rule is None:
                        continue  # `productName`, `file_name`: the name of a thing
                for group in ("dq", "sq", "eq", "fg", "bare", "name"):
                    if group in compiled.groupindex and match.group(group):
                        if (group == "bare" or pattern.name in _WHOLE_VALUE_RULES) and any(
                            char.isdigit() for char in match.group(group)
                        ):
                            break  # `customer=C123456`, `<name>VAN-574</name>`: identifiers hold digits
                        if rule in (NAME_KEY_VALUE, XML_NAME_ELEMENT, COMPOUND_NAME_KEY) and _short_code(
                            match.group(group)
                        ):
                            break  # `<Recipient>TELV</Recipient>`: an operator's or system's code
                        if group == "fg" and not _plausible_family_given(match.group(group)):
                            break  # `Location: Paris, France`
                        if group in ("dq", "sq", "eq") and _COLUMN_GAP.search(match.group(group)):
                            # `"Ann <em>Lee</em>"` with its markup blanked: each part on its own
                            for part in _SPACED_PART.finditer(match.group(group)):
                                offset = match.start(group) + part.start()
                                self._add(
                                    results,
                                    text,
                                    offset,
                                    offset + len(part.group(0)),
                                    rule,
                                    pattern.score,
                                )
                            break
                        self._add(results, text, match.start(group), match.end(group), rule, pattern.score)
                        break
        if " from " in text and "name" in lowered:
            for match in _NAME_CHANGED_FROM_TO.finditer(text):
                for group in ("old", "new"):
                    self._add(results, text, match.start(group), match.end(group), NAME_CHANGE, 0.8)
        results.extend(self.lower_case_introductions(text))
        results.extend(self.lower_case_note_subjects(text))
        results.extend(self.names_in_lower_case_lines(text))
        for name, anchor, before, score in self._anchored:
            for match in anchor.finditer(text):
                found = before.search(text, max(0, match.start() - NAME_BEFORE_WINDOW), match.start())
                if found:
                    self._add(results, text, found.start("name"), found.end("name"), name, score)
        for match in self._word_before_capital.finditer(text):
            if match.group(1).lower() in _ROLE_INTRODUCERS:
                found = self._name_after_role.match(text, match.end())
                if found:
                    self._add(results, text, found.start("name"), found.end("name"), ROLE_TITLE, 0.7)
        return results

    def _add(self, results: list, text: str, start: int, end: int, rule: str, score: float) -> None:
        """Add the name matched at `text[start:end]` by `rule`, trimmed and checked, to `results`."""
        matched = start
        start, end = _strip(text, start, end)
        if rule in POSITIONAL_PATTERNS:
            start = _skip_everyday_words(text, start, end)
        elif _only_a_word_after_a_role(text, matched, start, end):
            return
        value = text[start:end]
        if _only_salutation_words(value):
            return  # `Beste Grüße` is a sign-off, not `Beste` greeting someone called `Grüße`
        if "," in value and rule in _FAMILY_GIVEN_RULES and not _plausible_family_given(value):
            return
        if rule == PNR_NAME:  # `SURNAME/GIVEN`: each side a name
            if all(plausible_name(part) for part in value.split("/")):
                results.append(make_result(self, "PERSON", start, end, score, rule))
            return
        if rule == SQL_COMPARISON:
            if is_name_shaped(value):
                results.append(make_result(self, "PERSON", start, end, score, rule))
            return
        if rule == NAME_PART_KEY_VALUE and not any(char.isupper() for char in value):
            if _is_lower_case_name_part(value):
                results.append(make_result(self, "PERSON", start, end, score, rule))
            return
        if rule in LOWER_CASE_ALLOWED and not any(char.isupper() for char in value):
            if is_lower_case_name(value, dictionary_check=rule not in NAME_KEYS_RULES):
                results.append(make_result(self, "PERSON", start, end, score, rule))
            return
        if rule == COPYRIGHT_HOLDER and (
            _holds_everyday_word(value)
            or (
                not _COPYRIGHT_FIELD.search(text, _line_start(text, start), start)
                and _all_dictionary_words(value)
            )
        ):
            return  # `© 2026 Blue Harbour`; a file's Copyright field holds a name (`Copyright : © Terry Cox`)
        if rule == CAPS_RUN and value.split()[0].lower() in STREET_TYPES:
            return  # `of VIA ADRIANA PENA, 1`: a street named after a person
        if rule == VOICE_SPAN and " " not in value and _all_dictionary_words(value):
            return  # `<v Moderator>`, `<v Narrator>`: a role, not the speaker's name
        if rule in (DASH_SIGNATURE, VOCATIVE) and _holds_everyday_word(value):
            return  # `– Customer Care`
        if rule == PERSON_KEY_VALUE and (
            (" " not in value and (not value.istitle() or _all_dictionary_words(value)))
            or _holds_everyday_word(value)
        ):
            return  # `Tech: FTTH`, `Caller: I paid`: one word must be written as a name, and no stop word
        if (
            plausible_name(value)
            and (rule != LAST_FIRST or _plausible_family_given(value))
            and (rule not in POSITIONAL_PATTERNS or _positional_name(value))
        ):
            results.append(make_result(self, "PERSON", start, end, score, rule))

    def names_in_lower_case_lines(self, text: str) -> list[RecognizerResult]:
        """In a short line written otherwise in lower case (a web search, a chat message: `roaming charges
        spain for Kyle Reed`), the one run of two or three capitalised words is what the writer chose to
        capitalise: a name, when it passes the checks of names read from their position alone and is no
        place (`New York`, a country)."""
        from recognizers.places import country_names
        from recognizers.records import PLACE_NAME_OPENERS

        results = []
        for line in _SHORT_LINE.finditer(text):
            runs = list(_CAPITALISED_RUN.finditer(line.group(0)))
            capitals = sum(1 for _ in _CAPITALISED_WORD.finditer(line.group(0)))
            if len(runs) != 1 or capitals != len(runs[0].group(0).split()):
                continue
            value = runs[0].group(0)
            words = value.lower().split()
            if words[0] in PLACE_NAME_OPENERS or value.lower() in country_names():
                continue
            if any(word in country_names() for word in words):
                continue
            start = line.start() + runs[0].start()
            # trimmed (`Neighbour Colin Russell` -> `Colin Russell`) and checked as a positional name
            self._add(results, text, start, start + len(value), LOWER_CASE_LINE, 0.7)
        return results

    def alternative_contacts(self, text: str, phone_starts: list[int]) -> list[RecognizerResult]:
        """The person to reach instead, named right before `on <phone>` (a found phone, or a run of nine
        digits or more) after `or`, `otherwise`, `call` or a relation (`or call doris on 0471...`,
        `otherwise tony on ...`, `my wife's pilar on ...`): one or two words, none a stop, everyday or
        phone word."""
        results = []
        starts = (
            set(phone_starts) | {m.end() for m in _ON_NUMBER.finditer(text)}
            if " on " in text
            else phone_starts
        )
        for phone_start in sorted(starts):
            match = _ALTERNATIVE_CONTACT.search(text, max(0, phone_start - 80), phone_start)
            if match is None:
                continue
            value = match.group("name")
            start = match.start("name")
            first, _, rest = value.partition(" ")
            if rest and first.lower() in _CONTACT_CUES:  # `or call charles on ...`: the cue, then the name
                start += len(first) + 1
                value = rest.strip()
                start = match.start("name") + match.group("name").index(value, len(first))
            words = [word for word in value.lower().split() if word not in _LOWER_PARTICLES]
            if any(word in _everyday_words() or _PHONE_WORD.fullmatch(word) for word in words):
                continue
            results.append(
                make_result(self, "PERSON", start, start + len(value), 0.7, "name (alternative contact)")
            )
        return results

    def answers_to_name_questions(self, text: str) -> list[RecognizerResult]:
        """In a transcript, the turn that answers a question for a name (`and the name on the card?
        caller: jane williams bot: ...`, `who am I speaking to? customer: Ann Lee`): the whole answer,
        one to four words, none a stop or everyday word."""
        results = []
        if "?" not in text:
            return results
        for match in _NAME_ANSWER.finditer(text):
            from recognizers.dictionary import is_dictionary_word

            value = match.group("name")
            words = [word.lower().strip(".") for word in value.split()]
            if any(word in _everyday_words() or word in _ANSWER_WORDS for word in words):
                continue
            if all(is_dictionary_word(word) for word in words):
                continue
            start = match.start("name")
            results.append(make_result(self, "PERSON", start, start + len(value), 0.75, "name (answer)"))
        return results

    def lower_case_introductions(self, text: str) -> list[RecognizerResult]:
        """Names written in lower case where chat users introduce themselves or someone to call (`hi its
        ann lee`, `my name is joost`, `or call doris on 0471...`) or a note opens on a role (`cardholder
        ann lee denies ...`): the words after the cue up to the first stop, everyday or shorthand word,
        each of three letters at least, less the English dictionary words that end the run (`its raining`,
        `ann lee denies`), unless a verb ends the run (`caller louis david wants ...`) or a new clause starts
        right after it (`this is pauline chevalier i'm calling`, `my name is nina how can i help`) and the
        run holds a word that is no dictionary word or a particle, or the cue asks for a name."""
        from recognizers.dictionary import is_dictionary_word

        results = []
        if "'" not in text and " " not in text:
            return results
        # overlapped: `customer: hi its ann lee` holds two cues, the role and `its`
        for match in _LOWER_INTRODUCTION.finditer(text, overlapped=True):
            words = list(_LOWER_CASE_WORD.finditer(match.group("words")))
            kept = []  # (word, is it a dictionary word)
            breaker, particle_inside = None, False
            for index, word in enumerate(words):
                value = word.group(0)
                if kept and value in _LOWER_PARTICLES and index + 1 < len(words):
                    particle_inside = True
                    continue  # `wouter de clercq`: a particle inside the name
                if kept and (value in _NOTE_SHORTHAND or value in _speech_verbs()):
                    kept = [(kept_word, False) for kept_word, _ in kept]  # `louis david wants ...`
                    break
                if (
                    len(value) < 3
                    or value in _everyday_words()
                    or value in _NOTE_SHORTHAND
                    or value in _ANSWER_WORDS
                    or value in _salutation_words()
                    or _is_contraction(value)
                ):
                    breaker = value
                    break
                kept.append((word, "'" not in value and "’" not in value and is_dictionary_word(value)))
            if (
                kept
                and (breaker in _CLAUSE_OPENERS or (breaker is not None and _is_contraction(breaker)))
                and (
                    particle_inside
                    or len(kept) >= 2
                    or not all(dictionary for _, dictionary in kept)
                    or "name" in match.group(0)[: match.start("words") - match.start()].lower()
                )
                and not _holds_inflected_verb(" ".join(word.group(0) for word, _ in kept))
            ):
                kept = [(kept_word, False) for kept_word, _ in kept]
            while kept and kept[-1][1]:
                kept.pop()
            if kept:
                start = match.start("words")
                end = start + kept[-1][0].end()
                results.append(make_result(self, "PERSON", start, end, 0.7, "name (lower-case introduction)"))
        return results

    def lower_case_note_subjects(self, text: str) -> list[RecognizerResult]:
        """The person a hurried lower-case note opens on, before its verb (`wayne frost called abt roaming`,
        `ann lee rang re bill`): two or three words at the start of a line, right before a speech verb or
        a note's shorthand verb, none a stop or everyday word."""
        results = []
        for match in _LOWER_NOTE_SUBJECT.finditer(text):
            value = match.group("name")
            if is_lower_case_name(value, dictionary_check=False):
                start, end = match.span("name")
                results.append(
                    make_result(self, "PERSON", start, end, 0.7, "name (subject of a lower-case note)")
                )
        return results

    def headed_field_results(self, text: str) -> list[RecognizerResult]:
        """Values of table and SQL columns whose header names them as holding names (`surname`, `Name`,
        see `recognizers.records.headed_name_fields`): the column is the evidence, so one word is enough
        (`Joël` under `first_name`); the value must still be name-shaped (letters, a capital)."""
        from recognizers.records import headed_name_fields

        results = []
        for start, end in headed_name_fields(text):
            value = text[start:end]
            if is_name_shaped(value) and ("," not in value or _plausible_family_given(value)):
                results.append(make_result(self, "PERSON", start, end, 0.75, "name (named column)"))
        return results

    def record_field_results(self, text: str, contact_spans: list[tuple[int, int]]) -> list[RecognizerResult]:
        """Whole fields of delimited records (`C12;Ann Lee;ann@x.com;...`) that are names: two to five
        capitalised words, in a record that also holds a contact field (see `recognizers.records`), with
        no everyday word nor inflected verb; a value of dictionary words only (`Red Hat Enterprise`)
        counts when the record's email address spells one of its words (`Mark Smith;mark.smith@...`)."""
        from recognizers.records import folded, name_field_candidates

        results = []
        for start, end, mailboxes in name_field_candidates(text, contact_spans):
            if not self._name_field.fullmatch(text, start, end):
                continue
            start, end = _strip(text, start, end)  # `Ondergetekende Ann Lee, wonende te ...`
            value = text[start:end]
            if not plausible_name(value) or _holds_everyday_word(value) or _holds_inflected_verb(value):
                continue
            if value.split()[0].lower() in STREET_TYPES:
                continue  # `PASAJE JOAQUINA REGUERA, 61`: a street named after a person
            if "," in value and not _plausible_family_given(value):
                continue  # `Paris, France`
            spelled_in_mailbox = any(
                len(word) > 2 and folded(word) in mailboxes for word in _LETTERS.findall(value)
            )
            if spelled_in_mailbox or not _all_dictionary_words(value):
                results.append(make_result(self, "PERSON", start, end, 0.7, "name (field of a record)"))
        return results

    def contact_block_headings(self, text: str, contact_starts: list[int]) -> list[RecognizerResult]:
        """The name alone on the line above a line holding a phone or an email: the heading of a contact
        block, a phone list or a business card (`Ann Lee\nmob: 0471 12 34 56`, `B. Remy\nGSM ...`);
        held to the checks of names read from their position alone."""
        results, seen = [], set()
        for contact_start in contact_starts:
            line_start = text.rfind("\n", 0, contact_start) + 1
            if line_start == 0 or line_start in seen:
                continue
            seen.add(line_start)
            start, end = _strip(text, text.rfind("\n", 0, line_start - 1) + 1, line_start - 1)
            if start >= end or not (
                self._name_field.fullmatch(text, start, end) or self._initial_name.fullmatch(text, start, end)
            ):
                continue
            value = text[start:end]
            if value.split()[0].strip(".:").lower() in _HEADING_CUES:
                continue  # `ATTN MARIA DUPONT`: the attention line, read by its own rule without the cue
            if plausible_name(value) and _positional_name(value):
                results.append(
                    make_result(self, "PERSON", start, end, 0.7, "name (heading of a contact block)")
                )
        return results

    def addressee_results(self, text: str, address_starts: list[int]) -> list[RecognizerResult]:
        """The name written right before a postal address, as the addressee line of an envelope or a
        delivery note (`Ann Lee, Rue de la Loi 16, ...`, `... to Ann Lee at 12 rue des Lilas, ...`,
        `Ann Lee\n221B Baker Street`); held to the checks of names read from their position alone."""
        results = []
        for address_start in address_starts:
            match = self._addressee.search(text, max(0, address_start - 120), address_start)
            if match is None:
                lower = self._lower_addressee.search(text, max(0, address_start - 80), address_start)
                if lower is not None and is_lower_case_name(lower.group("name")):
                    start, end = lower.span("name")
                    results.append(
                        make_result(self, "PERSON", start, end, 0.7, "name (addressee of an address)")
                    )
                continue
            start, end = _strip(text, match.start("name"), match.end("name"))
            start = _skip_everyday_words(text, start, end)
            if _HOUSE_NUMBER_BEFORE.search(text, max(0, start - 8), start):
                continue  # `102 NUNEZ GLENS      PORT SCOTT, KS`: a street's words, the address's first line
            if _COLUMN_GAP_ONLY.fullmatch(text, match.end("name"), address_start):
                # parted from the address by a column gap: the first field of a fixed-width record, after
                # its record code only (`D000123 ANN LEE      12 MAIN ST`), not a town's field
                if not _RECORD_CODES_ONLY.fullmatch(text, _line_start(text, start), start):
                    continue
            value = text[start:end]
            if "," in value and not _plausible_family_given(value):
                continue
            if plausible_name(value) and _positional_name(value):
                results.append(make_result(self, "PERSON", start, end, 0.7, "name (addressee of an address)"))
        return results

    def ner_results(self, text: str, doc) -> list[RecognizerResult]:
        """spaCy PERSON entities of `doc` (parsed from `text` or a same-length re-cased copy), pruned."""
        results = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start, end = _extend(text, *_drop_lower_words(text, *_strip(text, ent.start_char, ent.end_char)))
            if _only_a_word_after_a_role(text, ent.start_char, start, end):
                continue  # `Engineer Mode`, `Manager Dashboard`
            value = text[start:end]
            if not plausible_name(value) or _is_identifier_part(text, start, end):
                continue
            if _NOT_PERSON_VALUE.search(text, max(0, start - 60), start):
                continue
            if (
                _NOT_PERSON_BEFORE.search(text, max(0, start - 20), start)
                or _NOT_PERSON_AFTER.match(text, end)
                or _after_job_title(text, start)
            ):
                continue  # `The Maltings`, `3450 KE Den Dungen`, `Co. Kerry`, `Easy Switch ID:`
            suffix = _NEXT_WORD.match(text, end)
            if suffix and suffix.group(1).lower() in _ORG_SUFFIXES and suffix.group(1)[0].isupper():
                continue  # `Royal Antwerp FC`, `Jan Smit BV`: the model left the company's suffix out
            if _DATELINE_AFTER.match(text, end) and _DATELINE_BEFORE.search(text, max(0, start - 6), start):
                continue  # `Kassel, den 11/04/2026`, `En Vigasio, a 02/04/2026`: where a letter was signed
            if value.split()[0].split("-")[0].lower() in _place_name_openers() | STREET_TYPES:
                continue  # `San Marino`, `Sankt Augustin`, `Saint-Hubert`: a place
            if value.islower() or _only_salutation_words(value):
                continue  # `Groetjes`, `Beste Grüße`: the sign-off, not the name under it
            if (
                " " not in value
                and _FORM_LABEL.match(text, end)
                and _LABEL_PREFIX.fullmatch(text, _line_start(text, start), start)
            ):
                # `Reader: Gary Lee`, `Kennzeichen: 1-NCV`, `Kreditkarte (Garantie):`: a word of a form's key
                # opening a line
                continue
            if (
                " " not in value
                and _SENTENCE_OPENER.search(text, max(0, start - 3), start)
                and _LOWER_WORD_AFTER.match(text, end)
                and _all_dictionary_words(value)
            ):
                continue  # `Lift out of order`: an everyday word opening a sentence
            words = value.split()
            if (
                len(words) >= 3
                and all(word[0].isupper() and len(word) > 2 for word in words)
                and _all_dictionary_words(value)
            ):
                continue  # `METER READING VISIT` (read re-cased): a heading of three words or more
            if " " not in value and _in_german_text(text, start, end):
                continue  # `Werktagen`, `Rechnung`: German capitalises every noun; a lone word is weak there
            score = 0.85 if " " in value else 0.6
            results.append(make_result(self, "PERSON", start, end, score, "spaCy PERSON entity (pruned)"))
        return results


# A name field's change told in prose, as admin audit logs write it: `changed the name of ann@x.com from
# "Ann Lee" to "Ann Smith"`, `display name changed from 'Ann Lee' to 'Ann Smith'` (CSV-escaped `""` too);
# not the name of a thing (`file name`, `project name`).
_NAME_CHANGED_FROM_TO = regex.compile(
    rf"(?i:(?<![\w])(?<!(?:{_NOT_PERSON_PATHS}|project|folder|channel|team|group|table|column)[ _-]?)"
    r"(?:name|renamed)(?![\w])[^\n\"']{0,80}?[ \t]from[ \t]+)"
    r"(?P<q>\"{1,2}|')(?P<old>(?:(?!(?P=q))[^\n]){1,80}?)(?P=q)[ \t]+(?i:to)[ \t]+"
    r"(?P=q)(?P<new>(?:(?!(?P=q))[^\n]){1,80}?)(?P=q)"
)


# Words that open a new clause in unpunctuated speech (`my name is nina how can i help`)
_CLAUSE_OPENERS = frozenset("i how what and but so we who can could would please".split())
_CONTRACTION = regex.compile(r"(\p{Ll}+)['’](?:s|m|re|ll|ve|d|t)")


def _is_contraction(word: str) -> bool:
    """`that's`, `i'm`, `we'll`: a stop word and its clitic, never part of a name (`o'toole` is)."""
    match = _CONTRACTION.fullmatch(word)
    return match is not None and match.group(1) in _everyday_words()


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return frozenset(word for word in _SPEECH_VERBS.split("|") if " " not in word)


@lru_cache(maxsize=1)
def _salutation_words() -> frozenset[str]:
    return frozenset(word.lower() for word in regex.findall(r"\p{L}{3,}", _SIGN_OFFS + "|" + _GREETINGS))


def _only_salutation_words(value: str) -> bool:
    """Every word of `value` belongs to a greeting or sign-off (`Beste Grüße`, `Groetjes`)."""
    return all(word.lower() in _salutation_words() for word in _LETTERS.findall(value))


@lru_cache(maxsize=1)
def _everyday_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return NOT_NAME_WORDS | COMMON_WORDS | frozenset(STOP_WORDS)


# German function words that are not English words too (`die`, `der`, `den`, `das` are left out)
_GERMAN_WORDS = _GERMAN_PRONOUNS | frozenset(
    "und ist wird nicht mit für auf dem des sich bei eine einen einer im wurde werden haben hat zu von zum "
    "zur nach über unter oder aber auch noch schon bitte vielen dank sehr kein keine ihnen".split()
)
_LOWER_WORD = regex.compile(r"\p{L}+")


def _in_german_text(text: str, start: int, end: int) -> bool:
    """Two German function words or more around `text[start:end]`."""
    around = text[max(0, start - 60) : end + 60].lower()
    return len({word for word in _LOWER_WORD.findall(around) if word in _GERMAN_WORDS}) >= 2


_TITLE_SEPARATOR = regex.compile(r"(\p{L}+)[ \t]*[|·•][ \t]*\Z")


def _after_job_title(text: str, start: int) -> bool:
    """The name stands after a job title and a separator, as a signature's title line writes the company
    (`Office Manager | Bakkerij Lemmens`)."""
    found = _TITLE_SEPARATOR.search(text, max(0, start - 40), start)
    return found is not None and found.group(1).lower() in ROLE_WORDS


def _plausible_family_given(value: str) -> bool:
    """`FAMILY, Given` holds no stop word, log keyword or everyday word (`NOTE, Please`, `ERROR, Timeout`)
    and is not a place and its country (`PARIS, France`)."""
    from recognizers.places import country_names

    if _holds_everyday_word(value):
        return False
    return value.partition(",")[2].strip().lower() not in country_names()


def _all_dictionary_words(value: str) -> bool:
    """Every capitalised word of `value` is an English dictionary word (`Disk Quota Exceeded`, `Red Hat
    Enterprise`): a label, status or product rather than a name (`Mark Smith` is lost to this, `Ann Lee`
    and `Colin Russell` are not)."""
    from recognizers.dictionary import is_dictionary_word

    return all(is_dictionary_word(word) for word in _CAPITALISED_WORDS.findall(value))


def _skip_everyday_words(text: str, start: int, end: int) -> int:
    """Past the stop words that open a clause before a name (`Per Ann Lee's request`, `At Ann Lee's`)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    while True:
        word = _LEADING_WORD.match(text, start, end)
        if not word or word.group(1).lower() not in STOP_WORDS:
            return start
        start = word.end()


def _only_a_word_after_a_role(text: str, matched: int, start: int, end: int) -> bool:
    """Trimming a role word left one dictionary word: `Customer Care`, `Support Desk` name a department."""
    from recognizers.dictionary import is_dictionary_word

    trimmed = text[matched:start].split()
    return (
        bool(trimmed)
        and trimmed[-1].lower() in _ROLE_WORDS
        and " " not in text[start:end]
        and is_dictionary_word(text[start:end])
    )


def is_lower_case_name(value: str, dictionary_check: bool = True) -> bool:
    """A name written in lower case where a cue says a name stands (`holder: ann lee`, `ring joost peeters
    back on ...`): two to four words of letters, none a stop, everyday, log or note-shorthand word, not
    only English dictionary words (`bright idea`) unless the cue is a name key (`name: gregory jacobs`);
    one word alone is as often a user name or a code."""
    from recognizers.dictionary import is_dictionary_word

    words = value.split()
    if not 2 <= len(words) <= 4 or len(value) > 60:
        return False
    for word in words:
        core = word.replace("-", "").replace("'", "").replace("’", "")
        if not core.isalpha() or len(core) < 2 or word in _NOTE_SHORTHAND or word in _ANSWER_WORDS:
            return False
        if word in _everyday_words() and word not in _LOWER_PARTICLES:
            return False
    names = [word for word in words if word not in _LOWER_PARTICLES]
    if len(names) < 2:
        return False
    return not dictionary_check or not all(is_dictionary_word(word) for word in names)


def is_name_shaped(value: str) -> bool:
    """`value`, read from a column whose name says it holds names, looks like one: a name by the shape
    check (`Lee`, `Ann Lee`), or one to four lower-case words of letters, none a stop or everyday word
    (`ann peeters`, `joël`)."""
    if plausible_name(value):
        return True
    from recognizers.dictionary import is_dictionary_word

    words = value.split()
    parts = _SPACES_OR_HYPHENS.split(value)
    return (
        value.islower()
        and 1 <= len(words) <= 4
        and all(word.replace("-", "").replace("'", "").replace("’", "").isalpha() for word in words)
        and not _holds_everyday_word(value)
        # `spare`, `pool-hotdesk`, `team-field`: a desk or a pool assigned in a person's stead
        and not all(is_dictionary_word(part) for part in parts)
        and not ("-" in value and len(parts[0]) >= 4 and is_dictionary_word(parts[0]))
    )


def is_positional_name(value: str) -> bool:
    """`value` passes the shape check and the checks of names read from their position alone."""
    return plausible_name(value) and _positional_name(value)


def _positional_name(value: str) -> bool:
    """The check for names read from where they stand (a record field, before an address, after `by`):
    no everyday or stop word, not only English dictionary words (`Hotel Metropole`, `Red Hat`), and not a
    street named after a person (`Via Adriana Peña`)."""
    return (
        not _holds_everyday_word(value)
        and not _all_dictionary_words(value)
        and value.split()[0].lower() not in STREET_TYPES
    )


def _holds_inflected_verb(value: str) -> bool:
    """A word of `value` is an inflected verb (`Exceeded`, `Pending`): a status, not a name."""
    from recognizers.dictionary import is_verb_form

    return any(is_verb_form(word) for word in _LETTERS.findall(value))


def _holds_everyday_word(value: str) -> bool:
    """A word of `value` is a stop word, log keyword or everyday word (`Payment Failed`, `NOTE, Please`):
    the rules that read a name from its position alone, with no word saying it is one, refuse it."""
    return any(word.lower() in _everyday_words() for word in _WORDS_WITH_APOSTROPHES.findall(value))


_HEADING_CUES = frozenset("attn attention to cc bcc from c/o for care".split()) | ROLE_WORDS
_COLUMN_GAP = regex.compile(r"[ ]{3,}|\t")


_SENTENCE_OPENER = regex.compile(r"(?:^|\n|[.!?][ \t]+)[ \t]*\Z")
_LOWER_WORD_AFTER = regex.compile(r"[ \t]+\p{Ll}")
_FORM_LABEL = regex.compile(r"[ \t]*(?:\([^()\n]{0,40}\))?\)?[ \t]*:[ \t]+\S")
_LABEL_PREFIX = regex.compile(r"[ \t]*(?:\p{L}+[ \t]*(?:[,/]|\()[ \t]*)?")
# What the model leaves out of a name: an initial without its dot before it (`B Henriksen`), capitalised
# particles before it (`Van der Auwera`), the family name after a particle it ended on (`Jens W. Van der`)
_INITIAL_OR_PARTICLES_BEFORE = regex.compile(
    r"(?<![\p{L}\d.'’\-])(?:(?![AI][ \t])\p{Lu}[ \t]+|"
    # dotted initials (`A.-M. Demaret`, `J.K. Rowe`), but not `M.` alone, French for Monsieur
    rf"(?!M\.[ \t]+\Z)(?:{_INITIAL}[ \t]*){{1,3}}|"
    r"(?:Van|Von|De|Del|Della|Di|Du|Ten|Ter)(?:[ \t]+(?:der|den|de|la|van|von))?[ \t]+)\Z"
)
_AFTER_PARTICLE = regex.compile(rf"(?:[ \t]+(?:{_PARTICLE}))*[ \t]+{_TITLE_WORD}")


_SPAN_WORD = regex.compile(r"\S+")


def _drop_lower_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The capitalised part of a span the model ran on into prose (`Ann Lee al ritiro della`, `a Ann Lee`):
    a lower-case word that is no particle ends the name or comes before it."""
    words = list(_SPAN_WORD.finditer(text, start, end))
    if not any(word.group(0)[0].isupper() for word in words):
        return start, end
    runs: list[list] = [[]]
    for word in words:
        value = word.group(0)
        if value[0].islower() and value.rstrip(",.") not in _LOWER_PARTICLES:
            runs.append([])
        else:
            runs[-1].append(word)
    best = max(runs, key=lambda run: sum(1 for word in run if word.group(0)[0].isupper()))
    if not best:
        return start, end
    return best[0].start(), best[-1].end()


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a name the model cut short over an initial or the particles before it and the family name
    after a particle it ended on."""
    before = _INITIAL_OR_PARTICLES_BEFORE.search(text, max(0, start - 12), start)
    if before:
        start = before.start()
    elif text[max(0, start - 3) : start] == "M. " and _m_is_an_initial(text, start - 3):
        start -= 3  # `Regards,\nM. Lee`: the initial the model left out
    last = text[start:end].rsplit(None, 1)[-1] if end > start else ""
    if last.lower() in _LOWER_PARTICLES or last.split("-")[-1] in _LOWER_PARTICLES:
        after = _AFTER_PARTICLE.match(text, end)
        if after:
            end = after.end()
    while end > start and text[start:end].rsplit(None, 1)[-1][0].islower() and " " in text[start:end]:
        end = start + len(text[start:end].rsplit(None, 1)[0])  # a particle ends no name: `Ann Lee al`
    return start, end


# English cues before `M. Lee` that make `M.` an initial rather than French for Monsieur: an English
# honorific, a salutation or attention line, an English sign-off above a signature
_ENGLISH_CUE_BEFORE = regex.compile(
    r"(?i:\b(?:mr|mrs|ms|miss|mx|dr|dear|attn|attention|c/o|faithfully|sincerely|regards|thanks|"
    r"yours|cheers|best))[.,:!]?[ \t]*(?:>?[ \t]*\r?\n[ \t>]*){0,2}\Z"
)


def _m_is_an_initial(text: str, start: int) -> bool:
    """`M.` at `text[start]` follows an English cue (`Mr M. Takács`, `Dear M. Lee`, `Regards,\nM. Lee`)."""
    return _ENGLISH_CUE_BEFORE.search(text, max(0, start - 30), start) is not None


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim spaces, quotes and punctuation, a possessive `'s`, and leading titles (`Ms.`, `Dr`) from a span:
    the name is what identifies the person, the title is not part of it."""
    while start < end and not (text[start].isalpha()):
        start += 1
    while True:
        title = _LEADING_TITLE.match(text, start, end) or _LEADING_WORD.match(text, start, end)
        if not title or title.end() >= end:
            break
        if title.re is _LEADING_WORD and title.group(1).lower() not in _ROLE_WORDS:
            break
        if title.group(0).startswith("M.") and _m_is_an_initial(text, start):
            break  # `Mr M. Takács`, `Yours faithfully,\n\nM. Palmer`: an initial, not Monsieur
        start = title.end()
    gap = _COLUMN_GAP.search(text, start, end)
    if gap:
        end = gap.start()  # a column gap ends the cell: `BERNARD REMY      Date: 12.03.2026`
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    while end > start and not (text[end - 1].isalpha() or text[end - 1] == "."):
        end -= 1
    # a trailing dot belongs to an initial or honorific (`J.`), not to the end of a sentence
    if end - start > 2 and text[end - 1] == "." and text[end - 3 : end - 1].isalpha():
        end -= 1
    return start, end


def _is_identifier_part(text: str, start: int, end: int) -> bool:
    """A word glued into a key, path, URL or dotted identifier (`Order=`, `/Users/`, `com.Acme`)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before in "/\\.@_=-" or after in "=/\\@_(" or after.isdigit():
        return True
    if after == "-" and (text[end + 1 : end + 2].isdigit() or text[end + 1 : end + 2].islower()):
        return True  # INV-0396345792, `Pick-up point`
    return after == ":" and text[end : end + 2] != ": "


_COPYRIGHT_FIELD = regex.compile(r"(?i:copyright)[ \t]*[:=]")
_COLUMN_GAP_ONLY = regex.compile(r"[ ]{3,}")
_RECORD_CODES_ONLY = regex.compile(r"[ \t]*(?:[^\s]*\d[^\s]*[ \t]+)*")
_HOUSE_NUMBER_BEFORE = regex.compile(r"(?<![\w.,/-])\d{1,5}[a-zA-Z]?[ \t]+\Z")
# A letter's dateline: the place, a comma and the date alone on their line
_DATELINE_AFTER = regex.compile(
    r",[ \t]*(?i:(?:den|le|il|a|op|am|the|on)[ \t]+)?\d{1,2}[./-]\d{1,2}[./-]\d{2,4}[ \t.]*(?:\n|$)"
)
_DATELINE_BEFORE = regex.compile(r"(?:^|\n)[ \t]*(?:(?i:en|in|à|a|te|zu)[ \t]+)?\Z")
_NEXT_WORD = regex.compile(r"[ \t]+(\p{L}+)(?![\p{L}'’-])")
_SHORT_CODE = regex.compile(r"[ \t]*\p{Lu}{2,4}[ \t]*")


def _short_code(value: str) -> bool:
    """One word of two to four capitals (`TELV`, `KPNM`, `AWS`): under a key that may name a party or a
    system (`name`, `recipient`), a code rather than a name; a surname key (`surname: LEE`) keeps it."""
    return _SHORT_CODE.fullmatch(value) is not None


def _is_lower_case_name_part(value: str) -> bool:
    """One to four lower-case words under a key of one part of a name (`ud[fn]=ann`, `ln=van den berg`):
    words of letters, none a stop, everyday or log word; dictionary words are names there too (`brooks`)."""
    words = value.split()
    if not 1 <= len(words) <= 4 or len(value) > 60:
        return False
    for word in words:
        core = word.replace("-", "").replace("'", "").replace("’", "")
        if not core.isalpha() or len(core) < 2 or word in _ANSWER_WORDS:
            return False
        if word in _everyday_words() and word not in _LOWER_PARTICLES:
            return False
    return any(word not in _LOWER_PARTICLES for word in words)


@lru_cache(maxsize=1)
def _place_name_openers() -> frozenset[str]:
    """First words of place names that open no personal name (`San`, `Sankt`, `Port`, `New`)."""
    from recognizers.records import PLACE_NAME_OPENERS

    return PLACE_NAME_OPENERS


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


def _compound_key_rule(qualifier: str) -> str | None:
    """The rule a compound name key's value is held to, by the word before `name` (None: no name)."""
    return NAME_KEY_VALUE if qualifier.lower() in _PERSON_QUALIFIERS else None
