"""The keys and phrases that announce a name (`name=`, `Dear`, `Regards`, `asked`, `requested by`).

Regex alternations the PERSON patterns embed, kept apart from the patterns so a language's word is added in
one place.
"""

from recognizers.names.pieces import CAPS_FAMILY, GIVEN, PARTICLE, TITLE_NAME

NAME_KEYS = (
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
NAME_PART_KEYS = (
    r"given|family|first|last|middle|given_?names?|family_?name|first_?name|last_?name|surname|"
    r"formatted"  # SCIM's (RFC 7643) full name, beside its parts
)
HONORIFICS = (
    r"(?:Univ\.[ \t]?)?Prof|Dipl\.-Ing|Ing|Mr|Mrs|Ms|Miss|Mx|Dr|Mme|Mlle|M\.|Herrn|Herr|Frau|Sr|Sra|Srta|"
    r"Sig|Sig\.ra|sig|sig\.ra|Dott|Dott\.ssa|Dhr|Mevr|Sir|Madam|Monsieur|Madame|Mademoiselle|Signor|Signora|"
    r"Señor|Señora|Doña|Dña"
)
GREETINGS = (
    r"Thank you|Thanks|Good (?:morning|afternoon|evening)|Dear|Hi|Hello|Hey|Hallo|Bonjour|Beste|Geachte|"
    r"Hola|Estimado|Estimada|Ciao|Gentile|Sehr geehrte[rs]?|Hoi|Salut|Bonsoir|Coucou|Servus|Moin|Hej|"
    r"Buongiorno|Buenos días|Buenas tardes|Guten Tag|Goedemorgen|Goedemiddag|Olá|"
    r"Sehr geehrte Damen und Herren"
)
SIGN_OFFS = (
    r"(?:Kind |Best |Warm |With kind )?regards|Best|Thanks|Thank you|Cheers|Sincerely|"
    r"Yours(?: sincerely| truly| faithfully)?|"
    r"Cordialement|Bien à vous|Groeten|Met vriendelijke groet(?:en)?|Mit freundlichen Grüßen|Viele Grüße|"
    r"Saludos|Un saludo|Atentamente|Cordiali saluti|Distinti saluti|Groetjes|Hartelijke groeten|"
    r"Liebe Grüße|Grüße|Beste Grüße|Bien cordialement|Amitiés|Bisous|Un abrazo|Saluti|Cari saluti|"
    r"Take care|Many thanks|All the best|Vielen Dank|Danke|Alvast bedankt|Merci d'avance|Grazie mille|"
    r"Muchas gracias"
)

INTRODUCERS = (
    r"my name is|name is|name was|in the name of|name of|named|this is|I am|I'm|spoke (?:with|to)|"
    r"talked to|speaking with|follow(?:ed|ing)? up with|customer|client|caller|"
    r"(?:booked|ordered|scheduled|reserved|registered|issued|shipped|opened|created) for|"
    r"agent|subscriber|cardholder|card holder|account holder|holder|signed by|on behalf of|contact person|"
    r"my (?:partner|wife|husband|son|daughter|mother|father|colleague)|attn:?|"
    r"(?:identified|known|registered|listed) as"
)

# Nouns of a family or personal relation, after which a person names their own by the given name alone
# (`my kid Lukas`, `her husband Ahmed`), and the words that qualify them (`my little sister Ella`)
KIN_NOUNS = (
    r"wife|husband|spouse|fiancée?|fiancee?|girlfriend|boyfriend|son|daughter|kid|child|baby|"
    r"stepson|stepdaughter|mother|father|mum|mom|dad|stepmother|stepfather|brother|sister|grandmother|"
    r"grandfather|grandma|grandpa|granny|grandson|granddaughter|aunt|auntie|uncle|nephew|niece|cousin|"
    r"friend|neighbour|neighbor|flatmate|roommate|housemate|colleague|coworker|boss|"
    r"hubby|wifey|bae|bestie|bff|mama|papa|mommy|daddy"
)
# Nouns that only a person is, as a sentence says what its subject is: `Scott is a very sympathetic person`
PERSON_NOUNS = (
    r"person|man|woman|guy|girl|boy|lady|gentleman|fellow|bloke|chap|dude|individual|human|"
    r"people|persons|men|women|guys|girls|boys|ladies|gentlemen|humans|fan|fans"
)
# Occupations only a person holds, singular and plural, as a sentence says what its subject is: `Usamov and
# Bowers were precision engineers`, `Ann Lee is a nurse` (not `partner`, `owner`, `contractor`, `advisor`,
# which companies are too, nor a word that also names a device, `speaker`, `driver`)
OCCUPATION_NOUNS = (
    r"engineers?|nurses?|lawyers?|solicitors?|attorneys?|accountants?|secretary|secretaries|receptionists?|"
    r"technicians?|plumbers?|electricians?|teachers?|doctors?|surgeons?|professors?|musicians?|singers?|"
    r"actors?|actress|actresses|ceos?"
)
# Works named after the one person who wrote, sang or lived them: `the Sokolov novel`, `a Portillo concert`
WORKS_OF_A_PERSON = r"novel|novels|concert|concerts|biography|biopic|memoir|memoirs|autobiography"
# Works whose maker `by` names: `a song by Kimberly Kovačić`, `the novel by Ann Lee` (not `play` nor `record`,
# which a sports report's `26 yard play by Ohio State` and `record by` read too)
WORKS_BY = (
    r"songs?|tracks?|albums?|novels?|books?|poems?|paintings?|films?|movies?|essays?|memoirs?|biograph(?:y|ies)|"
    r"photos?|photographs?|portraits?|sculptures?|singles?|remix(?:es)?|versions?"
)
KIN_ADJECTIVES = r"little|big|older|younger|elder|eldest|oldest|youngest|late|best|new|baby|twin|great"
# Adverbs that stand between a subject and its verb: `Dean still needs`, `Kirk actually needs`
ADVERBS_BEFORE_A_VERB = r"just|really|also|still|always|never|only|even|actually|finally|already|\p{Ll}{2,}ly"

# Verbs whose subject in support notes is a person: `Jade prefers WhatsApp`, `Ms. Royer asked for...`
SPEECH_VERBS = (
    r"prefers|preferred|asked|asks|said|says|called|calls|wants|wanted|wrote|writes|requested|requests|"
    r"commented|comments|"
    r"confirmed|confirms|disputes|disputed|reported|reports|mentioned|agreed|declined|complained|replied|"
    r"phoned|emailed|visited|insists|insisted|explained|promised|signed|collected|shouted|yelled|whispered|"
    # where a person lives, as the other languages' `habite`, `wohnt`, `vive` below
    r"lives|lived|resides|resided|"
    # the same in Dutch, French, German, Spanish and Italian notes (`Klant Ann Lee belde`, `... solicita`)
    r"belde|schreef|vroeg|meldde|wil|appelle|demande|signale|souhaite|habite|ruft|rief|schreibt|bittet|meldet|"
    r"wohnt|solicita|pide|reclama|llamó|vive|chiede|segnala|abita|ha comunicato|ha chiamato|ha chiesto"
)
# Past participles whose agent (`... by <name>`) is a person in support and billing notes.
AGENT_VERBS = (
    r"requested|approved|authori[sz]ed|signed|countersigned|submitted|reported|raised|initiated|ordered|"
    r"placed|confirmed|cancelled|canceled|witnessed|received|collected|accepted|disputed|filed|lodged|"
    # the author of a ticket's comment or change (`comment by F. Patiño`, `updated by Ann Lee`)
    r"comment|commented|edited|updated|closed|resolved|escalated|created|modified|assigned|"
    # the maker of a work, as credits write it (`Directed By: Ann Lee`, `photographed by Ann Lee`)
    r"directed|written|composed|photographed|illustrated|narrated|painted|authored"
)
# Nouns of what a person asks, wants or signs: `<name>'s request`
VOLITION_NOUNS = (
    r"request|requests|behalf|instructions?|consent|approval|permission|wish|wishes|authori[sz]ation|"
    r"signature|complaint|objection|mandate"
)

INTERJECTIONS = (
    "Great|Sure|Thanks|Thank you|OK|Okay|Right|Perfect|Yes|No|Sorry|Hi|Hello|Hey|Well|Alright|Cheers"
)

# Path segments that make a `name` below them something other than a person's (`/plan/name`).
NOT_PERSON_PATHS = (
    "product|file|host|table|service|company|org|organisation|organization|app|plan|bundle|device|campaign|"
    "event|queue|topic|bucket|domain|brand|merchant|vendor|tariff|offer|option"
)
# A qualifier between a form's key and its colon: `Holder (as on contract):`, `Name (as on card):`
# ... or a COBOL copybook's PICTURE clause, as record dumps print a field: `05 CUST-SURNAME PIC X(30) : LEE`
KEY_QUALIFIER = (
    r"(?:[ \t]*\([^()\n]{1,30}\)|[ \t]*/[ \t]*\p{L}[\p{L} '’]{0,30}(?=[ \t]*:)|"
    r"[ \t]+(?i:PIC(?:TURE)?)[ \t]+[-+$.,/*ABESVXZ9()\d]{1,30})?"
)
# Keys of one part of a person's name; their value is a name even as one word in lower case
# (`ud[fn]=ann`, `CUST-GIVEN ... : CLAIRE`). `given` alone is a key only as the last part of a compound
# key (`CUST-GIVEN`); `fn`/`ln` only in brackets, as the Meta pixel and Conversions API write user data.
NAME_PART_FIELD_KEYS = (
    r"first[ _-]?name|last[ _-]?name|given[ _-]?names?|family[ _-]?name|surname|fore_?names?|"
    r"middle[ _-]?names?|maiden[ _-]?name|"
    r"(?<=\w[-.])given|voornaam|achternaam|pr[ée]nom|vorname|nachname|familienname|apellidos?|cognome|"
    r"(?<=\w\[)(?:fn|ln)(?=\])"
)
# a single-quoted value: an apostrophe between letters stays inside it (`'Gillian O'Hare'`)
IN_SINGLE_QUOTES = r"(?:[^'\n]|(?<=\p{L})'(?=\p{L})){1,80}"
# A key's value: quoted, `Family, Given` up to the end of the field, or bare words up to a delimiter or a
# parenthesis (`On-site contact: Ann Lee (0471 12 34 56)`)
KEY_VALUE = (
    rf"""(?:\[?[ \t]*"(?P<dq>[^"\n\\]{{1,80}})"|'(?P<sq>{IN_SINGLE_QUOTES})'|"""
    r"""\\"(?P<eq>[^"\n\\]{1,80})\\"|"""
    rf"""(?P<fg>(?:(?:{PARTICLE}[ \t]+)*{TITLE_NAME}|{CAPS_FAMILY}),[ \t]*{GIVEN})"""
    r"""(?=[ \t]*(?:$|[;|&(\n]))|"""
    r"""(?P<bare>[^\s,;&|}\]"'=<>(][^\s,;&|}\]"=<>(]*(?:[ \t]+(?![^\s&]*[=:])[^\s,;&|}\]"=<>(]+){0,4}))"""
)
PERSON_KEYS = (
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
