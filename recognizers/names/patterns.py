"""The PERSON regex patterns: `PATTERNS`, the rules read back from a word after the name, the addressee
before an address, the name after a role noun, and the recognizer's context words.

Built from `recognizers.names.pieces` and `recognizers.names.cues`, named by `recognizers.names.rules`.
"""

import regex
from presidio_analyzer import Pattern

from recognizers.names.cues import (
    AGENT_VERBS,
    GREETINGS,
    HONORIFICS,
    IN_SINGLE_QUOTES,
    INTERJECTIONS,
    INTRODUCERS,
    KEY_QUALIFIER,
    KEY_VALUE,
    KIN_ADJECTIVES,
    KIN_NOUNS,
    NAME_KEYS,
    NAME_PART_FIELD_KEYS,
    NAME_PART_KEYS,
    NOT_PERSON_PATHS,
    OCCUPATION_NOUNS,
    PERSON_KEYS,
    PERSON_NOUNS,
    SIGN_OFFS,
    SPEECH_VERBS,
    VOLITION_NOUNS,
    WORKS_BY,
    WORKS_OF_A_PERSON,
)
from recognizers.names.pieces import (
    CAPS_FAMILY,
    CAPS_NAME_2,
    END_OF_CAPS_NAME,
    GIVEN,
    INITIALS_NAME,
    LOWER_NAME_2,
    MIXED_NAME_2,
    NAME,
    NAME_2,
    PARTICLE,
    TITLE_NAME,
    TITLE_NAME_2,
    TITLE_WORD,
)
from recognizers.names.rules import (
    ADDRESS_HEADING,
    AFTER_INTRODUCER,
    ANNOUNCED_SPEAKER,
    APPOINTMENT_WITH,
    BIRTH_SUBJECT,
    BY_AGENT,
    CAPS_RUN,
    CAST_MEMBER,
    CLOSING_THANKS,
    COMPOUND_NAME_KEY,
    COPYRIGHT_HOLDER,
    DASH_SIGNATURE,
    ISO20022_PARTY,
    KIN_APPOSITION,
    LAST_FIRST,
    MAKER_OF_A_WORK,
    MANDATE_PARTY,
    MT940_NAME,
    NAME_CHANGE,
    NAME_KEY_VALUE,
    NAME_PART_KEY_VALUE,
    OBJECT_NAME_PART,
    PERSON_KEY_VALUE,
    PERSON_PREDICATE,
    PNR_NAME,
    POSSESSIVE,
    RECIPIENT,
    REVIEW_AUTHOR,
    SQL_COMPARISON,
    TRANSCRIPT_SPEAKER,
    VOCATIVE,
    VOICE_SPAN,
    WORK_OF_A_PERSON,
    XML_NAME_ELEMENT,
)

# A name before an address, separated by a comma, `at`, `c/o` or a line break, ending where it starts.
ADDRESSEE = (
    rf"(?<![\w'’])(?P<name>{TITLE_NAME_2}|{CAPS_NAME_2}|{MIXED_NAME_2}|"
    # `Dufour, Stéphanie` and `DUFOUR Stéphanie` on an envelope's first line
    rf"(?:{TITLE_NAME}|{CAPS_FAMILY}),[ \t]*{GIVEN}(?=[ \t]*\n)|{CAPS_FAMILY}[ \t]+{GIVEN}|"
    rf"{INITIALS_NAME})"
    # ... or the gap between two fields of a fixed-width record (`D000123 ANN LEE      12 MAIN ST`)
    r"(?:[ \t]*,[ \t]*|[ \t]+(?:at|c/o)[ \t]+|[ \t]*\n[ \t]*|[ ]{3,})\Z"
)
# the addressee line written in lower case, alone on its line above the address (`ann lee\n12 Main St`)
LOWER_ADDRESSEE = (
    r"(?m:^)[ \t]*(?P<name>\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+){1,3})[ \t]*\n[ \t]*\Z"
)

PATTERNS = [
    Pattern(
        NAME_KEY_VALUE,
        # a PHP print_r dump closes the key in brackets: `[firstname] => Ann`
        rf"""(?i:\b(?:{NAME_KEYS}))\\?["']?(?:(?<=\[\w+)\])?{KEY_QUALIFIER}"""
        rf"""[ \t]*(?:[:=]|=>|(?<=")[ \t]+(?="))[ \t]*{KEY_VALUE}""",
        0.85,
    ),
    Pattern(
        # keys that name a person by their part in a ticket or a visit (`Reporter`, `Assigned to`, `Tech`,
        # `verified_by`, `Caller: Ann Lee`); `caller` and `tech` as often hold a number or a word, so the
        # value is held to the checks of names read from their position
        PERSON_KEY_VALUE,
        rf"""(?i:\b(?:{PERSON_KEYS}))["']?{KEY_QUALIFIER}[ \t]*(?:[:=]|=>)[ \t]*{KEY_VALUE}""",
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
        rf"""(?i:"path"[ \t]*:[ \t]*"[^"\n]*/(?<!(?:{NOT_PERSON_PATHS})/)(?:{NAME_KEYS})")"""
        r"""[ \t]*,[ \t]*"value"[ \t]*:[ \t]*"""
        r'"(?P<dq>[^"\n]{1,80})"',
        0.85,
    ),
    Pattern(
        "name (member of a structured name object)",
        rf"""(?<=(?i:"(?:{NAME_KEYS})")[ \t]*:[ \t]*\{{[^{{}}]{{0,200}})"""
        rf'(?i:"(?:{NAME_PART_KEYS})")[ \t]*:[ \t]*\[?[ \t]*"(?P<dq>[^"\n]{{1,60}})"',
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
        rf"(?P<name>{NAME})(?=:[ \t])",
        0.8,
    ),
    Pattern(
        # Outlook and Exchange write a display name as `Last, First` before the address
        "name (family, given display name before an address)",
        rf"\b(?<=(?:^|[:;,>\"'][ \t]*))"
        rf"(?P<name>(?:{PARTICLE}[ \t]+)*{TITLE_NAME},[ \t]*{GIVEN})[\"']?[ \t]*"
        r"<[^<>@\s]+@",
        0.85,
    ),
    Pattern(
        XML_NAME_ELEMENT,
        rf"(?i:<(?:[\w.\-]+:)?(?:{NAME_KEYS})(?:[ \t][^<>]*)?>)[ \t]*(?P<name>[^<>\n]{{1,80}}?)[ \t]*</",
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
        rf"\b(?<=\p{{Ll}}[,:;]?[ \t]|[(\[\]][ \t]?)(?P<name>{CAPS_NAME_2}){END_OF_CAPS_NAME}",
        0.7,
    ),
    Pattern(
        # the older mail header form, the name as a comment after the address: `ann@x.org (Ann Lee)`
        "name (comment after an address)",
        rf"(?<=[\w.+\-])@[\w\-]+(?:\.[\w\-]+)+[ \t]*\((?P<name>{NAME})\)",
        0.85,
    ),
    Pattern("name (display name before an address)", rf"(?P<name>{NAME_2})[\"']?[ \t]*<[^<>@\s]+@", 0.85),
    Pattern(
        "name (after an honorific)",
        # lower case too as notes write them (`dhr. Rowe`, `mme Smeets`)
        rf"\b(?<![.\-])(?:{HONORIFICS}|mr|mrs|ms|dr|mme|mlle|dhr|mevr|herr|frau)\.?[ \t]+"
        rf"(?P<name>{TITLE_NAME})",
        0.85,
    ),
    Pattern(
        # a transcript's speaker in capitals, a courtesy title or an office before the family name, opening
        # a line of prose (`MR KIRBY: Thanks, everybody.`, `SECRETARY KERRY: We obviously talked ...`)
        TRANSCRIPT_SPEAKER,
        r"(?m)^[ \t]*(?:MR|MRS|MS|DR|PROF|SECRETARY|PRESIDENT|MINISTER|AMBASSADOR|SENATOR|GOVERNOR|GENERAL|"
        r"ADMIRAL|JUDGE)\.?[ \t]+(?P<name>\p{Lu}{2,}(?:[-'’]\p{Lu}{2,})?)"
        r"(?=[ \t]*:[ \t]+(?:[\"“'‘]?[\w’']+[,.!?\"”'’]*[ \t]+){0,3}[\"“'‘]?\p{Ll}+\b)",
        0.7,
    ),
    Pattern(
        "name (after a greeting)",
        # ... or a dash (`Hoi Quinten - can I come and see it?`)
        rf"\b(?:{GREETINGS})[ \t]+(?P<name>{TITLE_NAME})(?=[ \t]*[,!:\n]|[ \t]+[-–—][ \t])",
        0.7,
    ),
    Pattern(
        # the signature block after the `-- ` delimiter line (RFC 3676): its first line is the name
        "name (first line of a signature block)",
        rf"(?m)^--[ ]?\r?\n[ \t]*(?P<name>{NAME}|{INITIALS_NAME}(?:[ \t]+{TITLE_WORD})?)[ \t]*$",
        0.8,
    ),
    Pattern(
        # the person thanked or welcomed at the end of the opening line (`Thanks for your order, Ann!`)
        "name (addressed at the end of a thanks)",
        rf"(?im)^[ \t]*(?:thanks|thank you|merci|bedankt|danke|grazie|gracias|welcome|bienvenue|welkom|"
        rf"willkommen)\b[^\n!?.,]{{0,50}},[ \t]*(?P<name>{TITLE_NAME})[ \t]*!",
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
        rf"\b(?i:signed)[ \t]*:?[ \t]+(?P<name>{INITIALS_NAME}|{TITLE_NAME_2})"
        rf"(?![\p{{L}}'’])",
        0.75,
    ),
    Pattern(
        # the sign-off opens a line or a sentence (`... on its way. Regards,`); the name is alone on the next
        "name (sign-off line)",
        # a letter leaves a blank line for the handwritten signature: `Yours faithfully,\n\nE.A. Povilonis`
        rf"(?im)(?:^|(?<=[.!?][ \t]))[ \t]*(?:{SIGN_OFFS})[,!.]?[ \t]*\n(?:[ \t]*\n)?[ \t]*"
        rf"(?P<name>{NAME}|{INITIALS_NAME}(?:[ \t]+{TITLE_WORD})?)[ \t]*$",
        0.8,
    ),
    Pattern(
        # family name in capitals, comma, given name (`MOSS, Luke`), as forms, bookings and registers write
        # it; the name ends at a delimiter, a number or a capital, never runs into lower-case prose
        LAST_FIRST,
        rf"(?<!\p{{Lu}}[ \t]{{1,3}})(?<![\p{{L}}\d])(?P<name>{CAPS_FAMILY},[ \t]*{GIVEN})"
        rf"(?=[ \t]*(?:$|[-–;:|()/\n,.]|[ \t]\p{{Lu}}|[ \t]\d))",
        0.75,
    ),
    Pattern(
        AFTER_INTRODUCER,
        rf"(?i:\b(?:{INTRODUCERS})(?:[ \t]+(?:is|was|named|called))?[ \t]*:?)[ \t]+"
        rf"(?P<name>{TITLE_NAME_2}|(?:{CAPS_NAME_2}|{MIXED_NAME_2}){END_OF_CAPS_NAME})",
        0.7,
    ),
    Pattern(
        # the agent of a passive verb of request or approval: `was requested by Justin Cowan`
        BY_AGENT,
        rf"\b(?i:{AGENT_VERBS})(?:[ \t]+(?:at|in|on)[ \t]+[^\n]{{1,40}}?)?"
        r"[ \t]+(?i:by)(?:[ \t]*:)?[ \t]+"
        rf"(?P<name>{TITLE_NAME}|{CAPS_NAME_2}|{MIXED_NAME_2})"
        rf"(?![\p{{L}}\d'’])",
        0.7,
    ),
    Pattern(
        # a recipient line of a message: `cc: Ann Lee`, `To: Ann Lee; Bob Smith`
        RECIPIENT,
        rf"\b(?i:to|cc|bcc|attn|attention)[ \t]*:[ \t]*(?P<name>{TITLE_NAME_2}|{CAPS_NAME_2}|"
        rf"{MIXED_NAME_2})(?=[ \t]*(?:$|[,;<(\n|]))",
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
        rf"(?i:\b(?:\w+\.)?(?:{NAME_KEYS})\)?[ \t]*(?:=|like|ilike)[ \t]*)'(?P<sq>[^'\n%_]{{1,60}})'",
        0.8,
    ),
    Pattern(
        # a form field in a browser breadcrumb (Sentry): `input[name="fullName"] = Ann Lee`
        NAME_KEY_VALUE,
        rf"""(?i:input\[name=\\?["']?(?:{NAME_KEYS})\\?["']?\])[ \t]*=[ \t]*"""
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
        rf"(?P<name>{TITLE_NAME}(?:,[ \t]*{GIVEN})?|{CAPS_NAME_2}|{MIXED_NAME_2}|"
        rf"{CAPS_FAMILY}[ \t]+{GIVEN}|"
        r"\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+){1,3})[ \t]*$",
        0.8,
    ),
    Pattern(
        # a mention in a chat (Slack, Teams, Mattermost write a member's display name after `@`)
        "name (chat mention)",
        rf"(?<![\w@.\-])@(?P<name>{TITLE_NAME_2})(?![\p{{L}}\d'’.@-])",
        0.8,
    ),
    Pattern(
        # the signature of a reply after a dash, alone or before a team (`– Ann, Customer Care`)
        DASH_SIGNATURE,
        rf"(?:^|(?<=[.!?)][ \t]))[ \t]*[–—][ \t]*(?P<name>{TITLE_NAME})(?=[ \t]*(?:,[^\n]{{0,40}})?$)",
        0.7,
    ),
    Pattern(
        "name (introducing oneself: '<name> here')",
        rf"\b(?P<name>{TITLE_NAME_2}|{CAPS_NAME_2}|{MIXED_NAME_2})[ \t]+(?:here|hier)(?![\w])",
        0.7,
    ),
    Pattern(
        # the person addressed after an interjection, between commas, as chats and transcripts write it
        # (`Great, Ann, I'll send the summary`, `Sure, Ann Lee, one moment`)
        VOCATIVE,
        rf"\b(?:{INTERJECTIONS}),[ \t]+(?P<name>{TITLE_NAME}),[ \t]",
        0.7,
    ),
    Pattern(
        # a key whose last word is `name`, written in camelCase, PascalCase or snake_case (`ownerName`,
        # `PatientName`, `driver_name`): the word before it says whose name (see `compound_key_rule`)
        COMPOUND_NAME_KEY,
        r"(?<=(?<![\w\-.])(?P<qual>\p{Ll}{2,20}|\p{Lu}\p{Ll}{1,19})(?:_|(?<=\p{Ll})))(?:Name|name)"
        rf"""\\?["']?{KEY_QUALIFIER}[ \t]*(?:[:=]|=>)[ \t]*{KEY_VALUE}""",
        0.8,
    ),
    Pattern(
        # the person an appointment is with, in reminders (`your appointment with S Powell on`, `uw afspraak
        # bij Dr. A Kilbane`, `votre rendez-vous avec A Marques`, `Ihr Termin bei L Hayes`)
        APPOINTMENT_WITH,
        r"(?i:appointment|afspraak|rendez-vous|rdv|termin|appuntamento|cita)[^\n.!?]{0,20}?[ \t]"
        r"(?i:with|bij|avec|bei|con|met)[ \t]+"
        rf"(?:(?:{HONORIFICS}|dr|mr|mrs|ms)\.?[ \t]+)?(?P<name>{TITLE_NAME_2})(?![\p{{L}}'’])",
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
        rf"(?P<name>{TITLE_NAME_2}|{CAPS_FAMILY}[ \t]+{GIVEN}|{CAPS_NAME_2}|{MIXED_NAME_2})"
        r"(?=[ \t]*[,;]|[ \t]+\p{Ll})",
        0.8,
    ),
    Pattern(
        # the key of one part of a name: one word in lower case is a name there (`ud[fn]=ann`)
        NAME_PART_KEY_VALUE,
        rf"""(?i:\b(?:{NAME_PART_FIELD_KEYS}))\\?["']?\]?{KEY_QUALIFIER}"""
        rf"""[ \t]*(?:[:=]|=>)[ \t]*{KEY_VALUE}""",
        0.85,
    ),
    Pattern(
        # the new (or old) value after an arrow, as audit and merge logs write a change of a name field:
        # `Name: 'Ann Lee' <- 'ann lee'`, `name="Ann Lee" -> "Ann Smith"`
        NAME_CHANGE,
        rf"""(?<=(?i:(?<![\w])(?:{NAME_KEYS}))["']?[ \t]*[:=][ \t]*"""
        rf"""(?:"[^"\n]{{1,80}}"|'{IN_SINGLE_QUOTES}')"""
        rf"""[ \t]*(?:<-|->|→|←|=>|⇒)[ \t]*)(?:"(?P<dq>[^"\n]{{1,80}})"|'(?P<sq>{IN_SINGLE_QUOTES})')""",
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
        rf"(?:(?i:by)[ \t]+)?(?P<name>{TITLE_NAME_2}|{CAPS_NAME_2}|{MIXED_NAME_2})"
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
        rf"[ \t]+(?P<name>{TITLE_NAME})(?=[ \t]*,|[ \t]+(?:will|is|has|had|was|can|could|would|may|shall|"
        r"should)(?![\w]))",
        0.75,
    ),
    Pattern(
        # a film's or a show's cast, as credits and reviews write it: `directed by Ann Lee and starring Bob
        # Smith`, `co-starring Eva Moreau`
        CAST_MEMBER,
        r"(?<![\w'’])(?:[Cc]o-)?(?:[Ss]tarring|STARRING)[ \t]+"
        rf"(?P<name>{TITLE_NAME}|{CAPS_NAME_2})(?![\p{{L}}'’\-])",
        0.7,
    ),
    Pattern(
        # a person's name used before a work of theirs, as one speaks of an author's book or a singer's show:
        # `Unlike the Sokolov novel`, `Have you been to a Homero Portillo concert?`
        WORK_OF_A_PERSON,
        # ... or of two or three words in lower case, as a chat writes it (`a claudia nakajima concert`)
        rf"\b(?i:the|a|an)[ \t]+(?P<name>{TITLE_NAME}|{LOWER_NAME_2})"
        rf"[ \t]+(?:{WORKS_OF_A_PERSON})(?![\p{{L}}'’\-])",
        0.7,
    ),
    Pattern(
        # a speaker or performer heard or seen at it, a name of two words or more: `have you heard Tamara T
        # Stanković speak yet?`, `we saw Ann Lee sing`
        ANNOUNCED_SPEAKER,
        r"\b(?i:heard|hear|seen|see|saw|watched|watch)[ \t]+"
        rf"(?P<name>{TITLE_NAME_2})[ \t]+(?:speak|sing|play|perform|talk|present)(?![\p{{L}}'’\-])",
        0.7,
    ),
    Pattern(
        # the maker of a work, after `by`: a name of two words (`a song by Kimberly Kovačić`; one word is as
        # often a band or a studio, `a song by Metallica`), or of one after a former member's `ex-`, which
        # only a person is (`This song by ex-Zombie Kastner`)
        MAKER_OF_A_WORK,
        rf"\b(?i:{WORKS_BY})[ \t]+by[ \t]+"
        rf"(?:(?i:ex-|former[ \t]+)\p{{Lu}}[\p{{L}}'’]+[ \t]+(?P<name>{TITLE_NAME})|(?P<name>{TITLE_NAME_2}))"
        r"(?![\p{L}\d'’])",
        0.7,
    ),
    Pattern(
        # a relative or friend named after the noun of the relation, in prose: `remove my kid Lukas from the
        # will`, `my daughter Grace is ill`, `my great great grandmother was called Lily Nolan`; one word is
        # enough, as people name their own by the given name. The noun is written in lower case, so a title
        # (`My Son Has Gone`) is not read so
        KIN_APPOSITION,
        rf"\b(?i:my|our|your|his|her|their)[ \t]+(?:(?:{KIN_ADJECTIVES})[ \t]+){{0,2}}(?:{KIN_NOUNS})[ \t]+"
        r"(?:(?:is|was)[ \t]+(?:called|named)[ \t]+)?"
        # ... whole: not `Bashar` of `his brother Bashar al-Assad`, which NER reads
        rf"(?P<name>{TITLE_NAME})(?![\p{{L}}'’\-]|[ \t]+\p{{Ll}}{{1,4}}-\p{{Lu}})",
        0.7,
    ),
]

# A record field that is a name and nothing else: 2-5 words, Title-case or ALL CAPS, particles between.
NAME_FIELD = (
    rf"{TITLE_NAME_2}|{CAPS_NAME_2}|{MIXED_NAME_2}|(?:{PARTICLE}[ \t]+)*{TITLE_NAME},[ \t]*{GIVEN}|"
    rf"{CAPS_FAMILY}[ \t]+{GIVEN}|"  # `TORRES Leticia`
    rf"{INITIALS_NAME}(?:[ \t]+(?:{PARTICLE}[ \t]+)*{TITLE_WORD})?"  # `O.T. Carroll`
)
# Rules read from a word after the name back to the name: cheaper than trying a name at every capital.
# (rule name, the word after the name, the name before it up to the end of the searched text, score)
_NAME_BEFORE = rf"(?<![\w'’])(?P<name>{TITLE_NAME}|{CAPS_NAME_2}|{MIXED_NAME_2})"
NAME_BEFORE_WINDOW = 160
ANCHORED_BEFORE = [
    (
        # the speaker announced at an event, a name of two words or more: `Willemine ten Pas will be talking
        # in the conference` (one word is as often a service: `Node will be talking to the broker`), not only
        # dictionary words (`Blue Harbour will be presenting`)
        ANNOUNCED_SPEAKER,
        r"\b(?:will|is|was|are)[ \t]+(?:be[ \t]+)?(?:talking|speaking|presenting)(?![\w])",
        rf"(?<![\w'’])(?P<name>{TITLE_NAME_2})[ \t]+\Z",
        0.7,
    ),
    (
        # the subject of a speech or request verb; a parenthetical or an apposition may sit between the
        # name and its verb: `Ann Lee (0471 12 34 56) reported ...`, `Ann Lee, the cinematographer, said`
        "name (subject of a speech or request verb)",
        rf"\b(?:{SPEECH_VERBS})(?![\w])",
        rf"{_NAME_BEFORE}(?:\*\*|__)?"
        r"(?:[ \t]*\([^()\n]{1,40}\)|,[ \t]+(?:the|a|an|our|my)[ \t]+[^,\n]{1,40},)?[ \t]+\Z",
        0.7,
    ),
    (
        # the person born on a date, as contracts and registers introduce a party: `Ann Lee, né(e) le
        # 03/04/1980`, `Lee, Ann, born on ...`, `ann lee, geboren am ...`
        BIRTH_SUBJECT,
        r"\b(?:né\(e\)|née?|nat[oa]|nacid[oa])(?:[ \t]+(?:le|il|el|a|à))?[ \t]+(?=\d)|"
        r"\b(?:geb\.|geboren(?:[ \t]+(?:am|op))?|born(?:[ \t]+on)?)[ \t]+(?=\d)",
        rf"(?<![\w'’])(?P<name>{TITLE_NAME},[ \t]*{GIVEN}|{CAPS_FAMILY},[ \t]*{GIVEN}|"
        rf"{CAPS_FAMILY}[ \t]+{GIVEN}|{TITLE_NAME}|{CAPS_NAME_2}|{MIXED_NAME_2}|"
        rf"(?:\p{{Lu}}\.[ \t]*){{1,2}}{TITLE_WORD}|"
        r"\p{Ll}[\p{Ll}'’\-]+[ \t]+(?:(?:van|von|de|der|den|del|di|da|du|le|la|ten|ter)[ \t]+)*"
        r"\p{Ll}[\p{Ll}'’\-]+)"
        r"[ \t]*,?[ \t]*\Z",
        0.75,
    ),
    (
        # the subject of a sentence that says it is a person, or a relative or friend of someone:
        # `Scott is a very sympathetic person`, `Ann Lee is my neighbour`, `Signe was a huge Mark Zielinski
        # fan`; a determiner first, then up to three words that qualify the noun
        PERSON_PREDICATE,
        r"\b(?:(?:is|was|are|were)[ \t]+(?:(?:a|an|the|such|one|of|my|our|your|his|her|their)[ \t]+){1,3}"
        rf"(?:[\p{{L}}][\p{{L}}'’\-]*[ \t]+){{0,3}}(?:{PERSON_NOUNS}|{KIN_NOUNS}|{OCCUPATION_NOUNS})|"
        # an occupation in the plural needs no determiner: `were precision engineers`
        rf"(?:are|were)[ \t]+(?:[\p{{L}}][\p{{L}}'’\-]*[ \t]+){{0,2}}(?:{OCCUPATION_NOUNS}))"
        r"(?![\p{L}'’\-])",
        # two subjects joined by `and` share the predicate: `Sousa and Ball were precision engineers`
        rf"(?:(?<![\w'’])(?P<first>{TITLE_NAME})[ \t]+and[ \t]+)?{_NAME_BEFORE}[ \t]+\Z",
        0.7,
    ),
    # the owner of a request, consent or signature: `Per Mathijs van der Mast's request`
    (POSSESSIVE, rf"['’]s[ \t]+(?:{VOLITION_NOUNS})(?![\p{{L}}])", rf"{_NAME_BEFORE}\Z", 0.7),
]
# A role or relation noun written as a title before a name (`Neighbour Colin Russell`): the word is found
# first, then checked against ROLE_WORDS, then the name after it.
WORD_BEFORE_CAPITAL = r"\b(\p{L}+),?[ \t]+(?=\p{Lu})"  # `technician, Ann Lee, ...` too
NAME_AFTER_ROLE = (
    rf"(?P<name>(?:{PARTICLE}[ \t]+)*{TITLE_NAME},[ \t]*{GIVEN}(?![\p{{L}}'’])|"  # `Cardholder Lee, Ann`
    rf"{CAPS_FAMILY}[ \t]+{GIVEN}(?=[ \t]+\p{{Ll}}|[ \t]*[,;.:)]|[ \t]*$)|"  # `Cardholder LEE Ann denies`
    rf"{TITLE_NAME_2}|(?:{CAPS_NAME_2}|{MIXED_NAME_2}){END_OF_CAPS_NAME})"
)
CONTEXT = ["name", "customer", "holder", "agent", "mr", "mrs", "ms", "dear", "regards"]

# A name field's change told in prose, as admin audit logs write it: `changed the name of ann@x.com from
# "Ann Lee" to "Ann Smith"`, `display name changed from 'Ann Lee' to 'Ann Smith'` (CSV-escaped `""` too);
# not the name of a thing (`file name`, `project name`).
NAME_CHANGED_FROM_TO = regex.compile(
    rf"(?i:(?<![\w])(?<!(?:{NOT_PERSON_PATHS}|project|folder|channel|team|group|table|column)[ _-]?)"
    r"(?:name|renamed)(?![\w])[^\n\"']{0,80}?[ \t]from[ \t]+)"
    r"(?P<q>\"{1,2}|')(?P<old>(?:(?!(?P=q))[^\n]){1,80}?)(?P=q)[ \t]+(?i:to)[ \t]+"
    r"(?P=q)(?P<new>(?:(?!(?P=q))[^\n]){1,80}?)(?P=q)"
)
# ... or the name it is to be changed to, the name field named before in the same sentence (`The name in the
# account is not correct, please change it to Sofia Lima`, `please update my name to ann lee`; not a thing's
# name, `the name of the file`, `project name`)
NAME_CHANGED_TO = regex.compile(
    rf"(?i:(?<!(?:{NOT_PERSON_PATHS}|project|folder|channel|team|group|table|column|product|company)[ _-]?)"
    r"\bname\b(?![ \t]+of\b)[^.!?\n]{0,60}?\b(?:change|update|correct|set)(?:d|s)?"
    r"[ \t]+(?:it|this|that)[ \t]+to|"
    r"\b(?:change|update|correct|set)(?:d|s)?[ \t]+(?:my|his|her|the|our|their)[ \t]+name[ \t]+to)[ \t]+"
    rf"(?P<new>{TITLE_NAME}|{LOWER_NAME_2})(?=[ \t]*(?:[.,;!?]|$))"
)
