"""Word lists a PERSON candidate is checked against: role nouns, log keywords, everyday words, premises,
street types, honorifics, particles, note shorthand.

Lower case, so that each check is a set lookup.
"""

from functools import lru_cache

import regex

from recognizers.names.cues import GREETINGS, SIGN_OFFS, SPEECH_VERBS

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
ROLE_INTRODUCERS = ROLE_WORDS - {"account", "contact", "holder", "courier"}

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
PLACE_LAST_WORDS = frozenset("ville city town village township".split())
HONORIFIC_WORDS = frozenset(
    "mr mrs ms miss mx dr prof univ univ.prof mme mlle m herr herrn frau sr sra srta sig sig.ra dott "
    "dott.ssa dhr "
    "mevr sir madam ing dipl.-ing monsieur madame mademoiselle signor signora señor señora doña dña".split()
)
POST_NOMINAL_WORDS = frozenset("md phd mba dds dvm jr sr ii iii b.eng m.sc b.sc b.a m.a ll.m".split())
ORG_SUFFIXES = frozenset(
    "inc ltd llc plc gmbh ag bv nv sa sarl srl spa sl corp corporation co company group bank telecom "
    "services solutions systems technologies labs holding holdings foundation university "
    "hotel restaurant cafe café pharmacy clinic hospital school college museum theatre theater cinema "
    "airport agency shop store boutique express logistics "
    # sports clubs (Royal Antwerp FC, Hertha BSC, Shamrock Rovers)
    "fc afc cf sc bsc sv fk rovers rangers wanderers athletic".split()
)

# Street types written before a street named after a person (`Pasaje Joaquina Reguera`, `Via Adriana Peña`)
STREET_TYPES = frozenset(
    "place plaza piazza rue avenue boulevard quai calle callejón platz via viale vicolo corso pasaje "
    "acceso camino cuesta vial paseo avenida travesía carrer praça rua".split()
)

# Words written before a name (`Customer Ann Lee`, `Neighbour Colin Russell`), trimmed from the span.
WORDS_BEFORE_A_NAME = ROLE_WORDS | frozenset(
    "dear hi hello hey hallo hoi salut bonjour bonsoir coucou hola ciao servus moin hej buongiorno beste "
    "geachte estimado estimada gentile liebe lieber thanks escalated spoke attn attention "
    # the undersigned of a mandate and the person it delegates to (`Ondergetekende Ann Lee`, `delego Ann Lee`)
    "ondergetekende soussigné soussignée unterzeichnete unterzeichneter sottoscritto sottoscritta delego "
    "autorizo".split()
)

# determiners never open a name; German and Dutch articles neither (`Die Lieferung erfolgt`), though `der`,
# `den` and `de` stand inside one (`van der Berg`)
DETERMINERS = frozenset(
    "the our your my his her their this that these those die das dem des ein eine het een mijn uw onze jouw "
    "mon ma mes votre vos notre nos il mio mia miei suo sua nostro vostro mi mis nuestro nuestra".split()
)
# German pronouns and possessives, capitalised in the polite form (`Sie`, `Ihr Router`, `Änderung Ihrer
# Anschrift`) and the demonstratives: never a word of a name (`die`, `der` are name particles).
GERMAN_PRONOUNS = frozenset(
    "sie ihr ihre ihren ihrer ihrem ihres ihnen mein meine meinen meiner meinem "
    "unser unsere unseren unserer unserem euer eure dieser diese "
    "dieses wir".split()
)

# Shorthand of hurried call notes that follows a name (`compl re outage`, `abt roaming chrgs`)
NOTE_SHORTHAND = frozenset(
    "rang rung compl abt chrgs tkt addr pls plz cb wrt asap esc cust cx msg rcvd recd".split()
)

ANSWER_WORDS = frozenset("yes yeah yep no nope sure okay ok right correct sorry pardon what".split())

LOWER_PARTICLES = frozenset("van von de der den del della di da du dos das le la ten ter ó ní uí".split())
# Arabic particles joined by a hyphen to the family name they open (`Haider al-Abadi`, `Abdel Fattah
# el-Sisi`, `Salah ad-Din`): with the hyphen and a capital after it they are no word of a sentence
HYPHENATED_PARTICLE = regex.compile(r"(?:al|el|ad|ar|as|at|az|ash|an|abu|bin|ibn|bint)-\p{Lu}")
# the Arabic particles that are also written apart (`Ahmed abu Khattalah`); not `el`, Spanish's article, nor
# `bin`, German's `am` (`Ich bin Ann Lee`)
ARABIC_PARTICLES = frozenset("al abu ibn bint".split())


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """The one-word speech verbs (`asked`, `wants`): they end a lower-case name run (`louis david wants`)."""
    return frozenset(word for word in SPEECH_VERBS.split("|") if " " not in word)


@lru_cache(maxsize=1)
def salutation_words() -> frozenset[str]:
    """The words of greetings and sign-offs (`beste`, `grüße`): never a name's words."""
    return frozenset(word.lower() for word in regex.findall(r"\p{L}{3,}", SIGN_OFFS + "|" + GREETINGS))


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """Log keywords, everyday words and English stop words: no word of a name read without a cue."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return NOT_NAME_WORDS | COMMON_WORDS | frozenset(STOP_WORDS)


# German function words that are not English words too (`die`, `der`, `den`, `das` are left out)
GERMAN_WORDS = GERMAN_PRONOUNS | frozenset(
    "und ist wird nicht mit für auf dem des sich bei eine einen einer im wurde werden haben hat zu von zum "
    "zur nach über unter oder aber auch noch schon bitte vielen dank sehr kein keine ihnen".split()
)

HEADING_CUES = frozenset("attn attention to cc bcc from c/o for care".split()) | ROLE_WORDS


# Nouns for a group or an institution that speaks as one (`Police said`, `Management asked`, `Council
# wants`): the subject of a speech verb, singular, and no person
GROUP_NOUNS = frozenset(
    """
    police government management council committee board court army military navy press media public
    crowd staff team family audience parliament congress senate ministry department administration
    authority authorities union company firm bank opposition prosecution defence defense jury panel
    """.split()
)


def subject_may_be_a_name(word: str) -> bool:
    """A lone word before a verb of speech may be a name: no group noun (`Police`), and a singular noun or
    no dictionary word (`Jade`, `Mehrudin`; not `Analysts`, `Officials`, see `noun_a_name_may_be`)."""
    from recognizers.dictionary import noun_a_name_may_be

    return word.lower() not in GROUP_NOUNS and noun_a_name_may_be(word)
