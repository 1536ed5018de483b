"""The eighth held-out corpus: what people type to a company and to each other about it — live chats,
WhatsApp and SMS threads, support tickets and the agents' replies, call-centre notes, DMs to a brand,
marketplace messages — in each region's own language and habits (Dutch, French, German, British, Irish
and American English, Spanish, Italian), written blind (without looking at how detection works, and
without running it while writing). Nobody tunes on it: it only ever prints the honest estimate for chat
and ticket text.

    python -m bench.corpora heldout8 --lines 2000 --seed 0 [-o heldout8.jsonl] [--no-labels]

Shapes (24 positive): live-chat transcripts, WhatsApp exports between friends (Android and iOS layouts),
SMS threads with a courier's driver, customer-written tickets, agents' replies quoting the customer's mail,
call-centre notes, DMs to a brand's social account, ALL-CAPS complaints, all-lower-case messages
(`hello this is dr. christopher lundgren`), tickets about relatives and neighbours, group bookings listing
who comes (`names: silvana, adam, Rose`), name corrections, moving notices (old and new address), orders
to US military addresses (PSC/Unit/CMR boxes, ships; APO/FPO/DPO), PO boxes and `c/o`, `chez`, `p/a`,
`presso` deliveries, Irish addresses without an Eircode, call-back requests with extensions (Canadian
numbers too), emails spelled out in the writer's language (`sanne punt devries apenstaartje gmail punt
com`), card numbers pasted into a chat, appointment bookings, marketplace messages (Marktplaats,
leboncoin, Kleinanzeigen, Gumtree, DoneDeal, Craigslist, Wallapop, Subito), voicemail transcriptions,
agents' internal hand-over notes, family-account tickets (possessives, names opening a sentence).

Negative shapes (7, about a fifth of the records): football forum tables and odds
(`Dunfermline 14 4 5 5 19 27 17`, `3-1`, `16-1`, clubs such as `Willem II`), travel questions about stations
and places named after saints and people (`Victoria station`, `Saint-Denis`, `aéroport Charles-de-Gaulle`),
survey comments whose words are names (`Will recommend`, `Frank und frei`, `Dolores de cabeza`), tickets full
of reference numbers (a social security number after its cue, IBANs, order and tracking numbers, a 16-digit
reference failing Luhn), chats about products and brands named after people (`Tommy Hilfiger`, `Dr. Martens`),
chatbot menus and delivery-slot chats; none holds any of the five entities.

People: `PeopleGenerator` people of its nine regions (BE NL FR DE GB IE ES IT US, drawn with this corpus's
own seed offset); about a quarter are renamed with Latin-script names of Faker locales the generator does
not use and heldout7 did not use either (EXTRA_LOCALES: Nigerian English, Hausa, Swahili, Pakistani
English, Thai English — none used by any earlier corpus — and Portuguese, Polish, Romanian, Slovak,
Hungarian, Slovene, Lithuanian, Latvian, Irish-language, Vietnamese, Argentinian, Colombian, Indonesian,
Zulu). A few others get names that are also words in their language (`Will`, `Rose`, `Mark`,
`Jason Little`, `Roos`, `Pierre`, `Ernst`, `Dolores`, `Serena`); on top, some get two given names, a
hyphenated double surname, a particle (`de`, `van der`, `von`, `del`, `Di`) or an apostrophe (`O'Brien`,
`D'Amico`); their email addresses then follow the new name. A record writes in its subject's language
(Belgians in Dutch or French by their street); the agent, relatives and neighbours may come from anywhere.

Renderings of its own (as people type them):
- names: full, given name only, lower case, ALL CAPS, nicknames, `Sanne V.`, surname only after a title
  (`mevrouw Jansen`, `Frau Schulz`, `la Sra. Blanco`), with the writer's own typo left in (`Jaosn
  Little`), possessive (`Faina's`), opening a sentence (`Brian is…`), signed `^Mark` under a brand's reply;
- addresses: as the region writes them, without commas, lower case (often without diacritics), over two
  lines, street types abbreviated (`Kerkstr.`, `r.`, `C/`, `V.le`, `St`, `Cyn`), the postcode after the
  town or before it, Dutch postcodes without their space, typed floors and doors (`3º izq`, `int. 4`,
  `3e étage`, `2. OG`, `#12`), the country after the town (in the writer's language), split over two
  messages, PO boxes, US military addresses, Irish addresses with `Co. Mayo` and no Eircode;
- phones: national, compact, `06-12345678`, `0475/12.34.56`, dots, `+32 (0)475…`, `0032…`, E.164,
  `1-201-555-0123`, Canadian `(905) 772-5962`, followed by `ext. 79103`, `poste 12`, `toestel 12`;
- emails: plain, autocorrect-capitalised (`Sanne.devries@…`), upper case, `[at]`/`(at)`, spelled with the
  language's words (`punt`/`apenstaartje`, `point`/`arobase`, `Punkt`/`at`, `punto`/`arroba`/`chiocciola`,
  `dot`/`at`), with a typo in the domain (`gmial.com`);
- cards: by fours with spaces or dashes, bare, or split at random places by the writer.

Labelling decisions (spans are recorded while each text is built, never searched for afterwards):
- PERSON: the name as written — typos, lower case, capitals, nicknames and `Sanne V.` included — with
  courtesy titles, ranks and honorifics outside (`Mrs`, `dr.`, `mevrouw`, `Mme`, `Herr`, `la Sra.`,
  `Sig.ra`, `SGT`, `fam.`); a possessive `'s` and a signature's `^` are outside too. Sender names in a chat
  or export are labelled every time they occur; agents, drivers, stylists and neighbours are people. Bot
  names (`Nova`), brands, couriers, marketplaces, teams, stations and places named after people are not.
  Usernames and handles (`@NorviaHelp`, `@sanne_88`, `ajacied_010`) are not names.
- ADDRESS: a person's postal address as typed from its first element (the unit or the street or house
  number; a PO box or a military `PSC`/`Unit`/`CMR` line or a ship) to its last (town, postcode, state,
  county or the country when written after it), separators as typed inside the span (`, `, spaces, line
  breaks). A `c/o` (`chez`, `p/a`, `presso`, `bei`) name is a PERSON span of its own and the ADDRESS
  starts after it. When a writer sends the street in one message and the postcode and town in the next,
  only the message with the street and house number is labelled (heldout7's rule for split fields).
  A station, square or street without a house number is a place, not an address.
- PHONE_NUMBER: the number as written, without the extension and its word (`ext. 79103` is outside); a sender
  shown as a number (unsaved in WhatsApp, texting a salon) is labelled. Social security and other national
  numbers, PINs, locker codes, order and tracking numbers are not phones.
- EMAIL_ADDRESS: the address as written — one span for a spelled-out or `[at]` address, and for one with
  a typo in it.
- CREDIT_CARD: a full Luhn-valid PAN however it is split; masked cards (`**** 1111`), expiry dates and
  CVCs are not cards. IBANs are not labelled (heldout7's convention), nor BSNs, NI, PPS, SSN, DNI,
  Steuer-ID or codice fiscale numbers (in call notes and in anonymous tickets, after their cue).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import random
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

import phonenumbers
from phonenumbers import PhoneNumberFormat

from bench.corpora.base import LabelledText, Sample, cast_corpus
from bench.corpora.noise import PRODUCTS, Noise
from bench.corpora.people import NICKNAMES, Names, email_for, mail_word, renamed_population
from bench.corpora.values import Context, fold, iban_of, street_line
from flows.demo.synthetic_people import Person, random_phone_number, render_card

__all__ = [
    "EXTRA_LOCALES",
    "HELDOUT8_SHAPES",
    "NEGATIVE_SHAPES",
    "POSITIVE_SHAPES",
    "SPELLED_AT",
    "SPELLED_DOT",
    "build_heldout8_corpus",
    "build_population",
]

SEED_OFFSET = 80_027  # people differ from those of the other corpora at the same --seed

Shape = Callable[["Ctx"], Sample]
Value = str | tuple[str, str]  # plain text, or (text, entity) to label where it lands

# -- people -----------------------------------------------------------------------------------------

# Latin-script Faker locales neither flows/demo/synthetic_people.py nor heldout7 uses
EXTRA_LOCALES = (
    "en_NG", "ha_NG", "sw", "en_PK", "en_TH", "pt_PT", "pl_PL", "ro_RO", "sk_SK", "hu_HU", "sl_SI",
    "lt_LT", "lv_LV", "ga_IE", "vi_VN", "es_AR", "es_CO", "id_ID", "zu_ZA",
)  # fmt: skip
EXTRA_LOCALE_SHARE = 0.25
WORD_NAME_SHARE = 0.1  # of the people not renamed from another locale
# given names and surnames that are also words of the region's language
WORD_NAMES = {
    "GB": (("Will", "Rose", "Mark", "Grace", "Hope", "Jack", "Amber", "Daisy", "Faith", "Guy", "Holly",
            "Ivy"),
           ("Little", "Baker", "Young", "King", "Wood", "Hill", "Bird", "Fox", "Church", "Long", "Brown")),
    "IE": (("Grace", "Rose", "Hope", "Mark", "Will", "Faith", "Sunny"),
           ("Power", "Fox", "Hand", "Grace", "Swan", "Bird", "Moody")),
    "US": (("Jason", "Will", "Rich", "Hunter", "Summer", "Chase", "Sandy", "Bill", "Hope", "Autumn"),
           ("Little", "Young", "King", "Hill", "Rich", "Strong", "Rice", "Price", "Banks", "Woods",
            "Fields")),
    "NL": (("Roos", "Fleur", "Bram", "Storm", "Sterre", "Merel", "Jade", "Daan"),
           ("de Boer", "Bakker", "Visser", "de Groot", "Koning", "Smit", "Kok", "Schipper", "Klein")),
    "BE": (("Roos", "Fleur", "Pierre", "Merel", "Rose", "Lotte"),
           ("De Smet", "Maes", "Leroy", "Lenoir", "De Backer", "Koning", "Boulanger")),
    "FR": (("Pierre", "Rose", "Blanche", "Olive", "Prudence", "Constance", "Clément", "Victoire", "Désiré"),
           ("Petit", "Blanc", "Boulanger", "Marchand", "Leroy", "Lebrun", "Chevalier", "Fontaine",
            "Meunier")),
    "DE": (("Wolf", "Rosa", "Ernst", "Frank", "Kai", "Heide", "Lotte", "Sonne"),
           ("Müller", "Fischer", "Klein", "Lang", "Fuchs", "Vogel", "Koch", "Bauer", "Jung", "Sommer",
            "Winter")),
    "ES": (("Rosario", "Dolores", "Consuelo", "Amparo", "Pilar", "Sol", "Luz", "Ángel", "Rosa", "Soledad"),
           ("Blanco", "Rubio", "Moreno", "Delgado", "Calvo", "Bueno", "Cordero", "Castillo", "Iglesias")),
    "IT": (("Rosa", "Fortunato", "Felice", "Gioia", "Speranza", "Serena", "Chiara", "Bianca", "Angelo"),
           ("Bianchi", "Ferrari", "Fabbri", "Gallo", "Lupo", "Marino", "Bassi", "Conte", "Monti")),
}  # fmt: skip
PARTICLES = {
    "NL": ("van", "de", "van der", "van 't"), "BE": ("Van", "De", "Vander", "Van de"), "FR": ("de", "Le"),
    "DE": ("von", "von der"), "ES": ("de", "del", "de la"), "IT": ("Di", "De", "Lo"), "pt_PT": ("da", "dos"),
}  # fmt: skip
# apostrophe particles: (particle, only before a vowel)
APOSTROPHES = {"IE": ("O'", False), "GB": ("O'", False), "IT": ("D'", True),
               "FR": ("d'", True)}  # fmt: skip


def _renamed(p: Person, rng: random.Random, names: Names) -> Person:
    """The person as this corpus names them: other locales, word names, two given names, particles."""
    locale, first, last = p.locale, p.first_name, p.last_name
    female = rng.random() < 0.5
    if rng.random() < EXTRA_LOCALE_SHARE:
        locale = rng.choice(EXTRA_LOCALES)
        first, last = names.given(locale, female), names.family(locale, female)
    elif rng.random() < WORD_NAME_SHARE:
        given_words, family_words = WORD_NAMES[p.region]
        roll = rng.random()
        first = rng.choice(given_words) if roll < 0.65 else first
        last = rng.choice(family_words) if roll > 0.35 else last
    if rng.random() < 0.1:
        second = names.given(locale, female)
        if second != first and " " not in second and " " not in first:
            first = f"{first}{'-' if locale.startswith('fr') and rng.random() < 0.6 else ' '}{second}"
    roll = rng.random()
    native = p.region if locale == p.locale else None
    key = locale if locale in PARTICLES else native
    if roll < 0.05:
        last = f"{last}-{names.family(locale, female)}"
    elif roll < 0.11 and " " not in last and key in PARTICLES:
        last = f"{rng.choice(PARTICLES[key])} {last}"
    elif roll < 0.16 and " " not in last and native in APOSTROPHES:
        particle, vowel_only = APOSTROPHES[native]
        if not vowel_only or fold(last[0]).lower() in "aeiou":
            last = f"{particle}{last}"
    if (first, last) == (p.first_name, p.last_name):
        return p
    email = email_for(rng, first, last, p.region, locale)
    return dataclasses.replace(p, locale=locale, first_name=first, last_name=last, email=email)


def build_population(seed: int, count: int) -> list[Person]:
    """`count` people of this corpus: the generator's people, a quarter renamed from other locales."""
    return renamed_population(seed, count, SEED_OFFSET, 467, _renamed)


# -- what people write, by language -------------------------------------------------------------------

# the language a person writes in: Belgians by their street (French street words, else Dutch)
_REGION_LANG = {"NL": "nl", "FR": "fr", "DE": "de", "GB": "en_GB", "IE": "en_IE", "US": "en_US", "ES": "es",
                "IT": "it"}  # fmt: skip
_FRENCH_STREETS = ("Rue", "Avenue", "Chaussée", "Place", "Boulevard")


def lang_of(p: Person) -> str:
    if p.region == "BE":
        return "fr" if p.address.street.split()[0] in _FRENCH_STREETS else "nl"
    return _REGION_LANG[p.region]


# Phrases by language: `{slots}` are filled by `fill`. The English regions share "en" and override it.
BANK: dict[str, dict[str, tuple[str, ...]]] = {
    "nl": {
        "ask_email": ("wat is je e-mailadres?",),
        "hi": ("Hoi", "Hallo", "Goedemiddag", "Goedemorgen", "Dag", "hoi", "Hey"),
        "intro": ("hoi, met {name}", "Goedemiddag, u spreekt met {name}.", "Mijn naam is {name}.",
                  "ik ben {name}", "Met {name} hier.", "Hallo, {name} hier."),
        "sign": ("Groetjes, {given}", "Groetjes,\n{given}", "Met vriendelijke groet,\n{name}", "Mvg,\n{name}",
                 "gr. {given}", "Vriendelijke groeten,\n{name}", "Alvast bedankt!\n\n{given}",
                 "Groeten, {name}"),
        "addr": ("Mijn adres is {addr}", "ik woon op {addr}", "Het nieuwe adres is {addr}",
                 "Graag bezorgen op {addr}", "adres: {addr}"),
        "phone": ("Je kunt me bellen op {phone}", "mijn nummer is {phone}", "Bel gerust: {phone}",
                  "mobiel {phone}", "Telefoon: {phone}"),
        "email": ("Mijn mail is {email}", "stuur het maar naar {email}", "e-mail: {email}",
                  "mailadres is {email}"),
        "thanks": ("Bedankt!", "Top, dank je wel!", "Fijn, bedankt voor de snelle reactie.", "ok dankjewel"),
        "relation": ("mijn man", "mijn vrouw", "mijn vriend", "mijn vriendin", "mijn dochter", "mijn zoon",
                     "mijn moeder", "mijn schoonvader"),
        "neighbour": ("mijn buurvrouw mevrouw {family}", "de buurman, meneer {family},",
                      "mijn buurvrouw mevr. {family}", "de buren (fam. {family})"),
        "reason": ("ik ben verhuisd en wil mijn adres aanpassen",
                   "mijn pakket is naar mijn oude adres gestuurd",
                   "ik wil mijn gegevens wijzigen", "de monteur kon mijn adres niet vinden"),
        "agent_hi": ("Hoi {given}, ", "Hallo {given}, ", "Beste {given}, ", "Dag {given}, "),
        "ask_addr": ("wat is het nieuwe adres?", "kun je het volledige adres sturen?",
                     "naar welk adres mag het?"),
        "ask_phone": ("En op welk nummer kunnen we je bereiken?", "Welk telefoonnummer mag ik noteren?"),
        "done": ("Ik heb het adres aangepast naar {addr}. De bevestiging gaat naar {email}.",
                 "Gelukt! Nieuw adres: {addr}. Je krijgt een bevestiging op {email}."),
        "agent_sign": ("Groet,\n{agent}\nKlantenservice Norvia", "Met vriendelijke groet,\n{agent} | Norvia",
                       "Fijne dag!\n{agent}"),
        "device": ("Verstuurd vanaf mijn iPhone", "Verzonden vanaf mijn Galaxy", ""),
    },
    "fr": {
        "ask_email": ("quelle est votre adresse e-mail ?",),
        "hi": ("Bonjour", "Bonsoir", "Salut", "Coucou", "bjr", "Bonjour à vous"),
        "intro": ("Bonjour, je m'appelle {name}", "je suis {name}", "Ici {name}.", "C'est {name}.",
                  "{name}, cliente depuis 2019.", "Moi c'est {name}."),
        "sign": ("Bisous, {given}", "Cordialement,\n{name}", "Bien à vous,\n{name}",
                 "Merci d'avance,\n{given}",
                 "Bonne journée,\n{name}", "Cdlt,\n{name}", "Bises\n{given}"),
        "addr": ("mon adresse : {addr}", "adresse de livraison : {addr}", "la nouvelle adresse c'est {addr}",
                 "à livrer à cette adresse : {addr}", "adresse {addr}"),
        "phone": ("mon numéro : {phone}", "vous pouvez me joindre au {phone}", "tel {phone}",
                  "appelez-moi au {phone}", "mon portable c'est le {phone}"),
        "email": ("mon mail : {email}", "écrivez-moi à {email}", "adresse mail : {email}",
                  "mon adresse e-mail est {email}"),
        "thanks": ("Merci beaucoup !", "Super merci", "Merci pour votre aide.", "ok merci bcp"),
        "relation": ("mon mari", "ma femme", "mon copain", "ma copine", "ma fille", "mon fils", "ma mère",
                     "mon beau-père"),
        "neighbour": ("ma voisine, Mme {family},", "mon voisin M. {family}",
                      "la voisine du dessous (Mme {family})",
                      "la famille {family} d'à côté"),
        "reason": ("j'ai déménagé et je voudrais changer mon adresse",
                   "mon colis est parti à mon ancienne adresse",
                   "je voudrais mettre à jour mes coordonnées", "le technicien n'a pas trouvé chez moi"),
        "agent_hi": ("Bonjour {given}, ", "Bonjour {given} ! ", "Re-bonjour {given}, "),
        "ask_addr": ("quelle est la nouvelle adresse ?", "pouvez-vous me donner l'adresse complète ?"),
        "ask_phone": ("Et à quel numéro peut-on vous joindre ?", "Un numéro de téléphone pour le livreur ?"),
        "done": ("C'est fait : l'adresse est maintenant {addr}. La confirmation part à {email}.",
                 "Modifié ! Nouvelle adresse : {addr}. Vous recevrez un mail sur {email}."),
        "agent_sign": ("Belle journée,\n{agent}\nService client Norvia",
                       "Cordialement,\n{agent} – Service client",
                       "Bien à vous,\n{agent}"),
        "device": ("Envoyé de mon iPhone", "Envoyé depuis mon smartphone Samsung Galaxy", ""),
    },
    "de": {
        "ask_email": ("wie lautet deine E-Mail-Adresse?",),
        "hi": ("Hallo", "Guten Tag", "Moin", "Servus", "Hi", "Grüß Gott", "Guten Morgen"),
        "intro": ("hier ist {name}", "Mein Name ist {name}.", "Ich bin {name}", "Hallo, {name} hier.",
                  "ich heiße {name}"),
        "sign": ("LG {given}", "Liebe Grüße\n{given}", "Viele Grüße,\n{name}", "MfG\n{name}",
                 "Mit freundlichen Grüßen\n{name}", "VG {given}", "Gruß, {name}", "Danke und Gruß\n{given}"),
        "addr": ("Meine Adresse ist {addr}", "ich wohne in der {addr}", "neue Anschrift: {addr}",
                 "Lieferadresse: {addr}", "bitte an {addr} liefern"),
        "phone": ("Meine Nummer: {phone}", "erreichbar unter {phone}", "Tel. {phone}",
                  "ruft mich an: {phone}",
                  "Handy: {phone}"),
        "email": ("Mail: {email}", "meine E-Mail ist {email}", "schreibt mir an {email}",
                  "E-Mail-Adresse: {email}"),
        "thanks": ("Danke!", "Vielen Dank!", "Super, danke euch", "Dankeschön"),
        "relation": ("mein Mann", "meine Frau", "mein Freund", "meine Freundin", "meine Tochter", "mein Sohn",
                     "meine Mutter", "mein Schwiegervater"),
        "neighbour": ("meine Nachbarin Frau {family}", "der Nachbar, Herr {family},",
                      "Familie {family} nebenan",
                      "Frau {family} von gegenüber"),
        "reason": ("ich bin umgezogen und möchte meine Adresse ändern", "mein Paket ging an die alte Adresse",
                   "ich möchte meine Daten aktualisieren", "der Techniker hat meine Adresse nicht gefunden"),
        "agent_hi": ("Hallo {given}, ", "Hi {given}, ", "Guten Tag {given}, "),
        "ask_addr": ("wie lautet die neue Adresse?", "schick mir bitte die vollständige Adresse."),
        "ask_phone": ("Und unter welcher Nummer erreichen wir dich?",
                      "Hast du eine Handynummer für den Fahrer?"),
        "done": ("Erledigt, die neue Adresse ist {addr}. Die Bestätigung geht an {email}.",
                 "Habe ich geändert: {addr}. Bestätigung kommt per Mail an {email}."),
        "agent_sign": ("Viele Grüße\n{agent}\nNorvia Kundenservice", "Beste Grüße,\n{agent}",
                       "Schönen Tag noch!\n{agent}"),
        "device": ("Von meinem iPhone gesendet", "Gesendet von meinem Smartphone", ""),
    },
    "en": {
        "ask_email": ("what's your email address?",),
        "hi": ("Hi", "Hello", "Hey", "Good morning", "hiya", "Hi there"),
        "intro": ("my name is {name}", "this is {name}", "{name} here.", "Hi, it's {name}.", "I'm {name}"),
        "sign": ("Thanks,\n{given}", "Kind regards,\n{name}", "Best,\n{name}", "Many thanks,\n{name}"),
        "addr": ("my address is {addr}", "I live at {addr}", "new address is {addr}",
                 "please deliver to {addr}",
                 "address: {addr}"),
        "phone": ("my number is {phone}", "you can reach me on {phone}", "call me at {phone}",
                  "mobile: {phone}"),
        "email": ("my email is {email}", "email me at {email}", "email: {email}"),
        "thanks": ("Thanks!", "Thank you so much.", "cheers", "Great, thanks for your help"),
        "relation": ("my husband", "my wife", "my partner", "my daughter", "my son", "my mum",
                     "my father-in-law"),
        "neighbour": ("my neighbour Mrs {family}", "my neighbour, Mr {family},",
                      "the lady next door (Mrs {family})",
                      "the {family} family at number 14"),
        "reason": ("I've moved and need to update my address", "my parcel went to my old address",
                   "I need to change my details", "the engineer couldn't find my house"),
        "agent_hi": ("Hi {given}, ", "Hello {given}, ", "Thanks {given}, "),
        "ask_addr": ("what's the new address?", "could you send me the full address?"),
        "ask_phone": ("And what's the best number to reach you on?",
                      "Can I grab a phone number for the driver?"),
        "done": ("Done, your address is now {addr}. The confirmation is on its way to {email}.",
                 "All updated to {addr}. You'll get a confirmation at {email}."),
        "agent_sign": ("Best,\n{agent}\nNorvia Support", "Kind regards,\n{agent} | Norvia Customer Care",
                       "Have a great day!\n{agent}"),
        "device": ("Sent from my iPhone", "Sent from Outlook for Android", ""),
    },
    "en_GB": {
        "sign": ("Cheers,\n{given}", "Ta, {given} x", "Kind regards,\n{name}", "Many thanks\n{name}",
                 "Cheers {given}"),
        "phone": ("my mobile is {phone}", "ring me on {phone}", "you can get me on {phone}", "mob {phone}"),
        "relation": ("my husband", "my wife", "my other half", "my daughter", "my son", "my mum", "my nan"),
    },
    "en_IE": {
        "hi": ("Hi", "Hello", "Howya", "Morning", "Hi there"),
        "sign": ("Thanks a million,\n{given}", "Cheers, {given}", "Regards,\n{name}",
                 "Go raibh maith agat,\n{given}",
                 "Thanks again\n{name}"),
        "phone": ("my mobile is {phone}", "give me a ring on {phone}", "mob: {phone}"),
        "relation": ("my husband", "my wife", "my mam", "my young lad", "my daughter", "my da"),
        "thanks": ("Grand, thanks a million", "brilliant thanks", "Thanks a mill"),
    },
    "en_US": {
        "sign": ("Thanks!\n{given}", "Best,\n{name}", "Thank you,\n{name}", "Sincerely,\n{name}",
                 "- {given}"),
        "phone": ("my cell is {phone}", "call me at {phone}", "text me at {phone}", "cell: {phone}"),
        "relation": ("my husband", "my wife", "my mom", "my son", "my daughter", "my boyfriend",
                     "my father-in-law"),
        "neighbour": ("my neighbor Mrs. {family}", "my neighbor, Mr. {family},",
                      "the {family} family next door"),
        "reason": ("I moved and need to update my address", "my package went to my old address",
                   "I need to update my info", "the tech couldn't find my place"),
    },
    "es": {
        "ask_email": ("¿cuál es tu correo electrónico?",),
        "hi": ("Hola", "Buenas", "Buenos días", "Buenas tardes", "holaa"),
        "intro": ("soy {name}", "Me llamo {name}.", "Le escribe {name}.", "Hola, soy {name}.",
                  "mi nombre es {name}"),
        "sign": ("Un saludo, {given}", "Un saludo,\n{name}", "Saludos,\n{name}",
                 "Gracias de antemano,\n{given}",
                 "Atentamente,\n{name}", "Besos, {given}", "Un abrazo\n{given}"),
        "addr": ("mi dirección es {addr}", "vivo en {addr}", "la nueva dirección: {addr}", "enviar a {addr}",
                 "dirección: {addr}"),
        "phone": ("mi móvil es el {phone}", "me podéis llamar al {phone}", "tlf {phone}",
                  "llamadme al {phone}",
                  "teléfono: {phone}"),
        "email": ("mi correo es {email}", "escribidme a {email}", "email: {email}", "mi email: {email}"),
        "thanks": ("¡Gracias!", "Muchas gracias", "Vale, gracias", "mil gracias!!"),
        "relation": ("mi marido", "mi mujer", "mi novio", "mi novia", "mi hija", "mi hijo", "mi madre",
                     "mi suegro"),
        "neighbour": ("mi vecina, la Sra. {family},", "el vecino del 2º, el Sr. {family},",
                      "la vecina de enfrente (Dña. {family})"),
        "reason": ("me he mudado y quiero cambiar la dirección", "el paquete ha ido a mi antigua dirección",
                   "quiero actualizar mis datos", "el técnico no encontraba mi casa"),
        "agent_hi": ("Hola {given}, ", "Buenos días {given}, ", "Gracias {given}, "),
        "ask_addr": ("¿cuál es la nueva dirección?", "¿me pasas la dirección completa?"),
        "ask_phone": ("¿Y un teléfono de contacto?", "¿Me dejas un móvil para el repartidor?"),
        "done": ("Listo, la dirección ahora es {addr}. Te enviamos la confirmación a {email}.",
                 "Cambiado: {addr}. Recibirás un correo en {email}."),
        "agent_sign": ("Un saludo,\n{agent}\nAtención al cliente Norvia", "Saludos,\n{agent}",
                       "¡Que tengas buen día!\n{agent}"),
        "device": ("Enviado desde mi iPhone", "Enviado desde mi smartphone Samsung Galaxy", ""),
    },
    "it": {
        "ask_email": ("qual è il tuo indirizzo email?",),
        "hi": ("Ciao", "Buongiorno", "Salve", "Buonasera", "ciao"),
        "intro": ("sono {name}", "Mi chiamo {name}.", "Buongiorno, sono {name}.", "vi scrive {name}",
                  "Salve, sono {name}."),
        "sign": ("Ciao, {given}", "Un saluto,\n{name}", "Cordiali saluti,\n{name}", "Grazie mille,\n{given}",
                 "Saluti\n{name}", "Un abbraccio, {given}", "Distinti saluti\n{name}"),
        "addr": ("il mio indirizzo è {addr}", "abito in {addr}", "nuovo indirizzo: {addr}",
                 "spedire a {addr}",
                 "indirizzo: {addr}"),
        "phone": ("il mio cellulare è {phone}", "potete chiamarmi al {phone}", "tel. {phone}", "cell {phone}",
                  "chiamatemi al {phone}"),
        "email": ("la mia mail è {email}", "scrivetemi a {email}", "email: {email}"),
        "thanks": ("Grazie!", "Grazie mille", "Perfetto, grazie", "ok grazie"),
        "relation": ("mio marito", "mia moglie", "il mio ragazzo", "la mia ragazza", "mia figlia",
                     "mio figlio",
                     "mia madre", "mio suocero"),
        "neighbour": ("la mia vicina, la sig.ra {family},", "il vicino, il sig. {family},",
                      "la signora {family} del piano di sopra"),
        "reason": ("ho traslocato e devo cambiare indirizzo", "il pacco è andato al vecchio indirizzo",
                   "vorrei aggiornare i miei dati", "il tecnico non trovava casa mia"),
        "agent_hi": ("Ciao {given}, ", "Buongiorno {given}, ", "Gentile {given}, "),
        "ask_addr": ("qual è il nuovo indirizzo?", "mi mandi l'indirizzo completo?"),
        "ask_phone": ("E un numero di telefono per contattarti?", "Mi lasci un cellulare per il corriere?"),
        "done": ("Fatto, l'indirizzo ora è {addr}. La conferma arriva a {email}.",
                 "Aggiornato: {addr}. Riceverai una mail su {email}."),
        "agent_sign": ("Un saluto,\n{agent}\nServizio clienti Norvia", "Cordiali saluti,\n{agent}",
                       "Buona giornata!\n{agent}"),
        "device": ("Inviato da iPhone", "Inviato dal mio smartphone Samsung Galaxy", ""),
    },
}  # fmt: skip

# words of a spelled-out email address, by language
SPELLED_AT = {
    "nl": "apenstaartje",
    "fr": "arobase",
    "de": "at",
    "en": "at",
    "es": "arroba",
    "it": "chiocciola",
}
SPELLED_DOT = {"nl": "punt", "fr": "point", "de": "Punkt", "en": "dot", "es": "punto", "it": "punto"}
_DOMAIN_TYPOS = {"gmail.com": ("gmial.com", "gmail.co", "gmai.com"), "hotmail.com": ("hotmial.com",),
                 "yahoo.com": ("yaho.com",), "outlook.com": ("outlok.com",),
                 "hotmail.co.uk": ("hotmail.co.k",),
                 "libero.it": ("libreo.it",), "orange.fr": ("ornage.fr",), "web.de": ("wed.de",)}  # fmt: skip

# street types as people shorten them, by language (the first that matches is shortened)
ABBREVIATIONS = {
    "nl": ((r"straat\b", "str."), (r"laan\b", "ln"), (r"steenweg\b", "stwg"), (r"plein\b", "pl."),
           (r"singel\b", "sngl")),
    "fr": ((r"\b[Rr]ue\b", "r."), (r"\b[Aa]venue\b", "av."), (r"\b[Bb]oulevard\b", "bd"), (r"\b[Pp]lace\b",
                                                                                           "pl."),
           (r"\b[Cc]hemin\b", "ch."), (r"\b[Ii]mpasse\b", "imp."), (r"\b[Aa]llée\b", "all."),
           (r"\b[Cc]haussée\b", "chée"), (r"\b[Rr]oute\b", "rte")),
    "de": ((r"straße\b", "str."), (r"Straße\b", "Str."), (r"platz\b", "pl."), (r"Platz\b", "Pl.")),
    "en": ((r"\bStreet\b", "St"), (r"\bRoad\b", "Rd"), (r"\bAvenue\b", "Ave"), (r"\bLane\b", "Ln"),
           (r"\bDrive\b", "Dr"), (r"\bCourt\b", "Ct"), (r"\bSquare\b", "Sq"), (r"\bCrescent\b", "Cres"),
           (r"\bGardens\b", "Gdns"), (r"\bCanyon\b", "Cyn"), (r"\bBoulevard\b", "Blvd"), (r"\bMountain\b",
                                                                                          "Mtn"),
           (r"\bHeights\b", "Hts"), (r"\bParkway\b", "Pkwy"), (r"\bHighway\b", "Hwy"), (r"\bCorners\b",
                                                                                        "Cors"),
           (r"\bJunction\b", "Jct"), (r"\bPoint\b", "Pt"), (r"\bRidge\b", "Rdg"), (r"\bSprings\b", "Spgs"),
           (r"\bStation\b", "Sta"), (r"\bFort\b", "Ft"), (r"\bHarbor\b", "Hbr"), (r"\bMeadows\b", "Mdws"),
           (r"\bMount\b", "Mt"), (r"\bRapids\b", "Rpds"), (r"\bValley\b", "Vly"), (r"\bVillage\b", "Vlg"),
           (r"\bCircles?\b", "Cir"), (r"\bTrail\b", "Trl"), (r"\bCenter\b", "Ctr"), (r"\bKnolls?\b", "Knl"),
           (r"\bIsland\b", "Is"), (r"\bTerrace\b", "Ter"), (r"\bPlains\b", "Plns"), (r"\bCreek\b", "Crk")),
    "es": ((r"^(?:Calle|C\.)(?: de(?: la| los| las)?)? ", "C/ "), (r"^Avenida (?:de )?", "Avda. "),
           (r"^Plaza (?:de )?", "Pza. "), (r"^Paseo (?:de )?", "Pº "), (r"^Camino (?:de )?", "Cno. "),
           (r"^Cuesta (?:de )?", "Cta. "), (r"^Pasaje (?:de )?", "Pje. "), (r"^Ronda (?:de )?", "Rda. "),
           (r"^Travesía (?:de )?", "Trva. "), (r"^Glorieta (?:de )?", "Gta. "), (r"^Carretera (?:de )?",
                                                                                 "Ctra. ")),
    "it": ((r"^Viale\b", "V.le"), (r"^Piazza\b", "P.zza"), (r"^Corso\b", "C.so"), (r"^Vicolo\b", "Vic."),
           (r"^Largo\b", "L.go"), (r"^Contrada\b", "C.da"), (r"^Strada\b", "Str."), (r"^Borgo\b", "B.go"),
           (r"^Via\b", "V.")),
}  # fmt: skip
# the country after a town, in the writer's language (nl fr de en es it)
_LANGS = ("nl", "fr", "de", "en", "es", "it")
COUNTRIES = {
    "BE": ("België", "Belgique", "Belgien", "Belgium", "Bélgica", "Belgio"),
    "NL": ("Nederland", "Pays-Bas", "Niederlande", "Netherlands", "Países Bajos", "Paesi Bassi"),
    "FR": ("Frankrijk", "France", "Frankreich", "France", "Francia", "Francia"),
    "DE": ("Duitsland", "Allemagne", "Deutschland", "Germany", "Alemania", "Germania"),
    "GB": ("Verenigd Koninkrijk", "Royaume-Uni", "Großbritannien", "UK", "Reino Unido", "Regno Unito"),
    "IE": ("Ierland", "Irlande", "Irland", "Ireland", "Irlanda", "Irlanda"),
    "ES": ("Spanje", "Espagne", "Spanien", "Spain", "España", "Spagna"),
    "IT": ("Italië", "Italie", "Italien", "Italy", "Italia", "Italia"),
    "US": ("VS", "États-Unis", "USA", "USA", "EE. UU.", "USA"),
}
IRISH_COUNTIES = ("Cork", "Kerry", "Galway", "Mayo", "Clare", "Donegal", "Wexford", "Tipperary", "Kilkenny",
                  "Sligo", "Roscommon", "Leitrim", "Laois", "Offaly", "Westmeath", "Meath", "Louth", "Cavan",
                  "Monaghan", "Wicklow", "Carlow", "Longford", "Limerick", "Waterford",
                  "Kildare")  # fmt: skip
# how a region's numbers are typed (see `typed_phone`)
PHONE_STYLES = {
    "BE": ("national", "slash", "compact", "intl", "e164", "trunk", "intl00"),
    "NL": ("dashes", "national", "compact", "intl", "e164", "trunk"),
    "FR": ("national", "dots", "compact", "intl", "intl00", "trunk"),
    "DE": ("national", "slash", "compact", "intl", "trunk", "e164"),
    "GB": ("national", "compact", "intl", "trunk", "e164"), "IE": ("national", "compact", "dashes", "intl",
                                                                   "e164"),
    "ES": ("national", "compact", "intl", "e164", "intl00", "threes"),
    "IT": ("national", "compact", "intl", "e164", "intl00", "dashes"),
    "US": ("national", "dashes", "dots", "compact", "intl", "e164", "one"),
    "CA": ("national", "dashes", "dots", "intl", "one"),
}  # fmt: skip
_TRUNK = frozenset({"BE", "NL", "FR", "DE", "GB", "IE"})
MILITARY_SHIPS = ("USS Wasp (LHD 1)", "USS Essex (LHD 2)", "USS Kearsarge (LHD 3)", "USS Boxer (LHD 4)",
                  "USS Bataan (LHD 5)", "USS Tripoli (LHA 7)")  # fmt: skip
RANKS = ("SGT", "SPC", "PFC", "CPT", "LT", "SSG", "Sgt.", "PO2", "Capt.", "Maj.")


# -- filling phrases ------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")


def fill(
    t: LabelledText, template: str, case: Callable[[str], str] | None = None, **values: Value
) -> LabelledText:
    """`template` with its `{slots}` filled from `values`: a value given as `(text, entity)` is labelled
    where it lands. `case` (str.upper, str.lower) applies to the text and the values alike, before their
    spans are recorded."""
    at = 0
    for match in _SLOT.finditer(template):
        piece = template[at : match.start()]
        t.add(case(piece) if case else piece)
        value = values[match.group(1)]
        if isinstance(value, tuple):
            text, entity = value
            assert text, f"empty {entity} for {{{match.group(1)}}}"
            t.pii(case(text) if case else text, entity)
        else:
            t.add(case(value) if case else value)
        at = match.end()
    rest = template[at:]
    return t.add(case(rest) if case else rest)


def per(text: str) -> tuple[str, str]:
    return (text, "PERSON")


def adr(text: str) -> tuple[str, str]:
    return (text, "ADDRESS")


def tel(text: str) -> tuple[str, str]:
    return (text, "PHONE_NUMBER")


def mail(text: str) -> tuple[str, str]:
    return (text, "EMAIL_ADDRESS")


def pan(text: str) -> tuple[str, str]:
    return (text, "CREDIT_CARD")


def _lt() -> LabelledText:
    return LabelledText()


# -- typing values as people do -----------------------------------------------------------------------

_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def typo(word: str, rng: random.Random) -> str:
    """`word` with one slip of the thumb: two letters swapped, one dropped, doubled or a neighbouring key."""
    inner = [i for i in range(1, len(word) - 1) if word[i].isalpha() and word[i].isascii()]
    if len(word) < 4 or not inner:
        return word + word[-1]
    i = rng.choice(inner)
    op = rng.choice(("swap", "drop", "double", "near"))
    if op == "swap" and word[i + 1].isalpha() and word[i + 1].lower() != word[i].lower():
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if op == "drop":
        return word[:i] + word[i + 1 :]
    if op == "near":
        row = next((r for r in _KEYBOARD if word[i].lower() in r), "")
        at = row.index(word[i].lower()) if row else -1
        if row and 0 < at < len(row) - 1:
            near = row[at + rng.choice((-1, 1))]
            return word[:i] + (near.upper() if word[i].isupper() else near) + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def typed_phone(e164: str, style: str) -> str:
    """An E.164 number as people type it in `style` (see PHONE_STYLES)."""
    number = phonenumbers.parse(e164)
    cc, nsn = number.country_code, phonenumbers.national_significant_number(number)
    region = phonenumbers.region_code_for_number(number)
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    groups = [g for g in re.split(r"[\s()-]+", national) if g]
    if style == "compact":
        return "".join(groups)
    if style == "dashes":
        return "-".join(groups)
    if style == "dots":
        return ".".join(groups)
    if style == "slash":
        return f"{groups[0]}/{'.'.join(groups[1:]) if region == 'BE' else ''.join(groups[1:])}"
    if style == "intl":
        return intl
    if style == "e164":
        return e164
    if style == "intl00":
        return "00" + intl[1:]
    if style == "trunk" and region in _TRUNK:
        return f"+{cc} (0){intl.split(' ', 1)[1]}"
    if style == "threes":
        return " ".join(nsn[i : i + 3] for i in range(0, len(nsn), 3))
    if style == "one":
        return "1-" + "-".join(groups)
    return national


def spelled_email(address: str, lang: str) -> str:
    """`sanne.devries@gmail.com` as `sanne punt devries apenstaartje gmail punt com`."""
    base = lang.split("_")[0]
    local, domain = address.split("@", 1)
    dot = f" {SPELLED_DOT[base]} "
    return f"{local.replace('.', dot)} {SPELLED_AT[base]} {domain.replace('.', dot)}"


def typed_card(number: str, style: str, rng: random.Random) -> str:
    if style == "split":  # the writer's own grouping: cut at two or three random places
        cuts = sorted(rng.sample(range(2, len(number) - 1), rng.randint(2, 3)))
        bounds = [0, *cuts, len(number)]
        return " ".join(number[a:b] for a, b in itertools.pairwise(bounds))
    return render_card(number, style)


def abbreviate(line: str, lang: str) -> str:
    for pattern, short in ABBREVIATIONS[lang.split("_")[0]]:
        if re.search(pattern, line):
            if short == "r.":  # keep the writer's capital: `Rue` -> `R.`, `rue` -> `r.`
                return re.sub(pattern, lambda m: "R." if m.group()[0] == "R" else "r.", line, count=1)
            return re.sub(pattern, short, line, count=1)
    return line


def military_address(rng: random.Random) -> tuple[str, str]:
    """A US military mailing address: (the box, unit or ship; `APO|FPO|DPO AE|AP|AA zip`)."""
    zone = rng.choice(("AE", "AE", "AP", "AA"))
    zip_code = {
        "AE": rng.randint(9002, 9898),
        "AP": rng.randint(96201, 96698),
        "AA": rng.randint(34002, 34098),
    }
    box = rng.randint(1, 9999)
    kind = rng.choice(("psc", "unit", "cmr", "ship", "dpo"))
    if kind == "psc":
        first, post = f"PSC {rng.randint(1000, 9999)}, Box {box}", "APO"
    elif kind == "unit":
        first, post = f"Unit {rng.randint(1000, 9999)} Box {box}", "APO"
    elif kind == "cmr":
        first, post = f"CMR {rng.randint(400, 499)} Box {box}", "APO"
    elif kind == "ship":
        first, post = rng.choice(MILITARY_SHIPS), "FPO"
    else:
        first, post = f"Unit {rng.randint(8000, 8999)} Box {box:04d}", "DPO"
    return first, f"{post} {zone} {zip_code[zone]:05d}"


# -- the context of a record ----------------------------------------------------------------------------


class Clock:
    """The times of a conversation's messages, a few seconds to minutes apart."""

    def __init__(self, start: datetime, rng: random.Random) -> None:
        self.at, self.rng = start, rng

    def tick(self, fmt: str = "%H:%M") -> str:
        self.at += timedelta(seconds=self.rng.randint(6, 300))
        return f"{self.at:{fmt}}"


class Ctx(Context):
    """What one record is built from: the seeded rng and noise, four people (the writer, a relative or
    friend, an agent, a neighbour), the population by region (for records that need a local), and the
    ways people type each value."""

    def __init__(
        self,
        rng: random.Random,
        noise: Noise,
        people: Sequence[Person],
        by_region: dict[str, list[Person]] | None = None,
        crowd: Sequence[Person] = (),
    ) -> None:
        super().__init__(rng, noise, people)
        self.agent, self.fourth = people[2], people[3]
        self.lang = lang_of(self.person)
        self.by_region = by_region or {}
        self._crowd = crowd

    @property
    def base(self) -> str:
        return self.lang.split("_")[0]

    def local(self, *regions: str) -> Person:
        """Somebody living in one of `regions` (for shapes tied to a country's habits)."""
        return self.rng.choice(self.by_region[self.rng.choice(regions)])

    def nearby(self, p: Person | None = None) -> Person:
        """Another person living in the same country as `p` (a host, a new home, a driver)."""
        p = p or self.person
        return self.rng.choice([q for q in self.by_region[p.address.region] if q is not p])

    def crowd(self, n: int) -> list[Person]:
        return self.rng.sample(self._crowd, n)

    def say(self, key: str, lang: str | None = None) -> str:
        lang = lang or self.lang
        table = BANK[lang] if key in BANK[lang] else BANK[lang.split("_")[0]]
        return self.rng.choice(table[key])

    def _greeting(self, template: str, lang: str | None) -> bool:
        """True when `template` opens with one of the language's greetings (`Hallo, {name} hier`)."""
        table = BANK[lang or self.lang]
        greetings = table["hi"] if "hi" in table else BANK["en"]["hi"]
        first = template.split()[0].strip(",.!").lower()
        return any(first == h.split()[0].strip(",.!").lower() for h in greetings)

    def intro(self, lang: str | None = None, bare: bool = False) -> str:
        """A self-introduction (its `{name}` slot open) without a closing dot; `bare`: without a greeting."""
        table = BANK[lang or self.lang]
        intros = table["intro"] if "intro" in table else BANK["en"]["intro"]
        if bare:
            intros = tuple(i for i in intros if not self._greeting(i, lang))
        return self.pick(*intros).rstrip(".")

    def greet_intro(self, lang: str | None = None) -> str:
        """A greeting and a self-introduction as one opening (`Hola, soy {name}`)."""
        intro, hi = self.intro(lang), self.say("hi", lang)
        if self._greeting(intro, lang):
            return intro
        if intro.startswith(("I ", "I'm", "{")):
            return f"{hi}, {intro}"
        return f"{hi}, {intro[0].lower()}{intro[1:]}"

    def clock(self) -> Clock:
        return Clock(self.noise.when(), self.rng)

    # -- names ------------------------------------------------------------------------------------

    def given(self, p: Person | None = None) -> str:
        return (p or self.person).first_name.split()[0]

    def name(self, p: Person | None = None, style: str | None = None) -> str:
        p = p or self.person
        style = (
            style
            or self.rng.choices(
                ("full", "given", "lower", "typo", "nick", "initial"), weights=(10, 3, 2, 1, 1, 1)
            )[0]
        )
        given = self.given(p)
        if style == "given":
            return given
        if style == "given_lower":
            return given.lower()
        if style == "lower":
            return p.full_name.lower()
        if style == "upper":
            return p.full_name.upper()
        if style == "family":
            return p.last_name
        if style == "nick":
            return NICKNAMES.get(given, given)
        if style == "initial":
            return f"{given} {fold(p.last_name.split()[-1])[0].upper()}."
        if style == "typo":
            if self.rng.random() < 0.5:
                return f"{typo(given, self.rng)}{p.first_name[len(given) :]} {p.last_name}"
            head, _, family = p.last_name.rpartition(" ")
            return f"{p.first_name} {head + ' ' if head else ''}{typo(family, self.rng)}"
        return p.full_name

    # -- phones, emails, cards ----------------------------------------------------------------------

    def phone(self, p: Person | None = None, which: str = "mobile", style: str | None = None) -> str:
        e164 = getattr(p or self.person, which)
        region = phonenumbers.region_code_for_number(phonenumbers.parse(e164))
        return typed_phone(e164, style or self.pick(*PHONE_STYLES.get(region, ("national", "intl"))))

    def canadian(self, style: str | None = None) -> str:
        return typed_phone(
            random_phone_number("CA", "landline", self.rng), style or self.pick(*PHONE_STYLES["CA"])
        )

    def email(self, p: Person | None = None, style: str | None = None, lang: str | None = None) -> str:
        address = (p or self.person).email
        style = (
            style
            or self.rng.choices(
                ("plain", "capital", "upper", "spelled", "at", "typo"), weights=(12, 3, 1, 2, 2, 1)
            )[0]
        )
        local, domain = address.split("@", 1)
        if style == "capital":
            return address[0].upper() + address[1:]
        if style == "upper":
            return address.upper()
        if style == "spelled":
            return spelled_email(address, lang or self.lang)
        if style == "at":
            return self.pick(f"{local}(at){domain}", f"{local} [at] {domain}", f"{local}[at]{domain}")
        if style == "typo" and domain in _DOMAIN_TYPOS:
            return f"{local}@{self.pick(*_DOMAIN_TYPOS[domain])}"
        return address

    def card(self, p: Person | None = None, style: str | None = None) -> str:
        number = (p or self.person).card_number
        return typed_card(
            number, style or self.pick("spaced", "spaced", "plain", "dashed", "split"), self.rng
        )

    # -- addresses ----------------------------------------------------------------------------------

    def address(self, p: Person | None = None) -> str:
        """The address as the region writes it on one line (as an agent types it back)."""
        return ", ".join((p or self.person).address.lines)

    def _street_side(self, p: Person, lang: str) -> list[str]:
        """The unit and the street line, as typed: abbreviated, with floors and doors in the writer's way."""
        a, rng = p.address, self.rng
        line = street_line(p)
        unit_apart = a.unit if a.unit and a.unit not in line else ""
        if rng.random() < 0.35:
            line = abbreviate(line, lang)
        r = a.region
        if r == "ES":
            if a.unit and rng.random() < 0.6:
                floor = a.unit.split("º")[0]
                line = line.replace(
                    a.unit, f"{floor}º {self.pick('izq', 'izq.', 'dcha', 'dcha.', 'B', 'ctro')}"
                )
            elif not a.unit and rng.random() < 0.35:
                line += f", {rng.randint(1, 9)}º {self.pick('izq', 'dcha', 'A', 'B', 'C', '1ª')}"
            if rng.random() < 0.3:
                line = line.replace(f", {a.house_number}", f", nº {a.house_number}", 1)
        elif r == "IT":
            if a.unit and rng.random() < 0.5:
                line = line.replace(a.unit, self.pick(a.unit.replace(".", ""), a.unit.replace("int.",
                                                                                              "interno"),
                                                      f"scala {self.pick(*'ABC')} {a.unit}"))  # fmt: skip
            elif not a.unit and rng.random() < 0.2:
                line += f" int. {rng.randint(1, 30)}"
        elif r == "BE" and a.unit and rng.random() < 0.5:
            n = a.unit.split()[-1]
            line = line.replace(f" {a.unit}", self.pick(f"/{n}", f" b{n}", f" bus {n}", f" bte {n}"))
        elif r == "DE" and rng.random() < 0.1:
            line += f", {rng.randint(1, 5)}. OG"
        elif r == "US" and a.unit and rng.random() < 0.5:
            n = a.unit.split()[-1]
            line = line.replace(a.unit, self.pick(f"#{n}", f"Apt. {n}", f"Unit {n}", f"apt {n}"))
        if r == "FR":
            if unit_apart and rng.random() < 0.5:
                n = unit_apart.split()[-1]
                unit_apart = self.pick(
                    f"appt {n}", f"apt {n}", f"Apt. {n}", f"bât. {self.pick(*'ABC')}, appt {n}"
                )
            elif not unit_apart and rng.random() < 0.15:
                unit_apart = f"{rng.randint(1, 7)}e étage"
            return [line, unit_apart] if unit_apart else [line]
        if unit_apart and r == "IE" and rng.random() < 0.5:
            unit_apart = unit_apart.replace("Apartment", self.pick("Apt", "Apt.", "apt"))
        return [unit_apart, line] if unit_apart else [line]

    def _place_side(self, p: Person, no_postcode: bool = False) -> list[str]:
        """Postcode and town (and state or county), in the order and spacing the writer chose."""
        a, rng = p.address, self.rng
        r, pc, town = a.region, a.postcode, a.city
        if r == "NL":
            pc = self.pick(pc, pc, pc.replace(" ", ""), pc.replace(" ", "").lower())
        if r in ("BE", "NL", "FR", "DE", "ES"):
            return [f"{town} {pc}" if rng.random() < 0.2 else f"{pc} {town}"]
        if r == "IT":
            province = a.lines[-1].rsplit("(", 1)[1].rstrip(")")
            return [self.pick(a.lines[-1], f"{town} ({province})", f"{town} {pc}", f"{pc} {town} {province}")]
        if r == "GB":
            return self.pick([town, pc], [f"{town} {pc}"], [f"{pc} {town}"], [town, pc])
        if r == "IE":
            if no_postcode:
                return self.pick(
                    [town, f"Co. {self.pick(*IRISH_COUNTIES)}"], [town], [f"Co. {self.pick(*IRISH_COUNTIES)}"]
                )
            return self.pick([town, pc], [f"{town} {pc}"], [town])
        city_state, zip_code = a.lines[-1].rsplit(" ", 1)
        return [
            self.pick(a.lines[-1], f"{city_state.replace(',', '')} {zip_code}", f"{city_state}, {zip_code}")
        ]

    def _typed(self, parts: list[str], case: str | None) -> list[str]:
        if case == "lower":
            fold_too = self.rng.random() < 0.5  # typed without accents (`º`, `ª` are on Spanish keyboards)
            return [
                "".join(ch if ch in "ºª" else fold(ch) for ch in x).lower() if fold_too else x.lower()
                for x in parts
            ]
        if case == "upper":
            return [x.upper() for x in parts]
        return parts

    def typed_address(
        self,
        p: Person | None = None,
        sep: str | None = None,
        case: str | None = None,
        no_postcode: bool = False,
        lang: str | None = None,
    ) -> str:
        """The address as a person types it: see the module docstring."""
        p = p or self.person
        lang = lang or lang_of(p)
        parts = self._street_side(p, lang) + self._place_side(p, no_postcode)
        if self.rng.random() < 0.08 and not no_postcode:
            parts.append(COUNTRIES[p.address.region][_LANGS.index(lang.split("_")[0])])
        case = case if case is not None else self.rng.choices(("", "lower"), weights=(4, 1))[0]
        sep = sep if sep is not None else self.rng.choices((", ", " ", "\n", ", "), weights=(5, 3, 1, 1))[0]
        return sep.join(self._typed(parts, case))

    def split_address(self, p: Person | None = None, case: str | None = None) -> tuple[str, str]:
        """(street side, place side) as a writer sends them in two messages."""
        p = p or self.person
        case = case if case is not None else self.pick("", "", "lower")
        street = " ".join(self._typed(self._street_side(p, lang_of(p)), case))
        return street, " ".join(self._typed(self._place_side(p), case))

    def po_box(self, p: Person | None = None) -> str:
        p = p or self.person
        r, n = p.address.region, self.rng.randint(1, 9999)
        box = {
            "BE": self.pick(f"Postbus {n}", f"BP {n}"), "NL": f"Postbus {n}",
            "FR": self.pick(f"BP {n}", f"Boîte postale {n}"),
            "DE": self.pick(f"Postfach {n // 100:02d} {n % 100:02d} {n % 89 + 10}", f"Postfach {n}"),
            "GB": self.pick(f"PO Box {n}", f"P.O. Box {n}"), "IE": self.pick(f"PO Box {n}", f"P.O. Box {n}"),
            "ES": self.pick(f"Apartado de Correos {n}", f"Apdo. {n}", f"Apartado {n}"),
            "IT": self.pick(f"Casella Postale {n}", f"C.P. {n}", f"CP {n}"),
            "US": self.pick(f"PO Box {n}", f"P.O. Box {n}"),
        }[r]  # fmt: skip
        return ", ".join([box, *self._place_side(p)])


def _line(
    t: LabelledText,
    clock: Clock,
    who: Value,
    template: str,
    case: Callable[[str], str] | None = None,
    **values: Value,
) -> LabelledText:
    """One chat line: `[HH:MM] who: text`."""
    t.add(f"[{clock.tick()}] ")
    fill(t, "{who}", who=who)
    t.add(": ")
    return fill(t, template, case, **values).add("\n")


# -- positive shapes --------------------------------------------------------------------------------

_CHAT_UI = {  # header, bot greeting, agent joined, pre-chat name label
    "nl": ("Chat gestart op {d} via norvia.nl",
           "Hallo! Ik ben Nova, de digitale assistent. Waar gaat je vraag over?",
           "{agent} neemt deel aan het gesprek", "Naam"),
    "fr": ("Discussion démarrée le {d} sur norvia.fr",
           "Bonjour ! Je suis Nova, l'assistante virtuelle. Quel est l'objet de votre demande ?",
           "{agent} a rejoint la conversation", "Nom"),
    "de": ("Chat gestartet am {d} über norvia.de",
           "Hallo! Ich bin Nova, die digitale Assistentin. Worum geht es?",
           "{agent} ist dem Chat beigetreten", "Name"),
    "en": ("Chat started {d} on norvia.com", "Hi! I'm Nova, the virtual assistant. What can I help you with?",
           "{agent} joined the chat", "Name"),
    "es": ("Chat iniciado el {d} en norvia.es",
           "¡Hola! Soy Nova, la asistente virtual. ¿Sobre qué es tu consulta?",
           "{agent} se ha unido al chat", "Nombre"),
    "it": ("Chat avviata il {d} su norvia.it", "Ciao! Sono Nova, l'assistente virtuale. Di cosa hai bisogno?",
           "{agent} si è unito alla chat", "Nome"),
}  # fmt: skip


def live_chat_transcript(c: Ctx) -> Sample:
    """A web chat: pre-chat form, the bot, an agent taking over, the customer's address and number."""
    p, ui = c.person, _CHAT_UI[c.base]
    clock = c.clock()
    me = per(c.name(p, style=c.pick("full", "full", "lower", "given", "typo", "given_lower")))
    agent = per(c.name(c.agent, style=c.pick("given", "given", "initial", "full")))
    low = str.lower if c.rng.random() < 0.3 else None
    t = _lt().add(ui[0].format(d=f"{clock.at:%d-%m-%Y %H:%M}") + "\n")
    fill(t, f"{ui[3]}: {{me}} | E-mail: {{email}}\n", me=me, email=mail(c.email(style="plain")))
    _line(t, clock, "Nova", ui[1])
    _line(t, clock, me, c.say("reason"), low)
    t.add(f"[{clock.tick()}] ")
    fill(t, ui[2], agent=agent).add("\n")
    _line(t, clock, agent, c.say("agent_hi") + c.say("ask_addr"), given=per(c.given()))
    if c.rng.random() < 0.3:  # the street in one message, postcode and town in the next
        street, place = c.split_address(case="lower" if low else None)
        _line(t, clock, me, c.say("addr"), low, addr=adr(street))
        _line(t, clock, me, "{place}", place=place)
    else:
        _line(t, clock, me, c.say("addr"), low, addr=adr(c.typed_address(case="lower" if low else None)))
    _line(t, clock, agent, c.say("ask_phone"))
    _line(t, clock, me, c.say("phone"), low, phone=tel(c.phone()))
    _line(t, clock, agent, c.say("done"), addr=adr(c.address()), email=mail(c.person.email))
    return _line(t, clock, me, c.say("thanks"), low).sample("live_chat_transcript")


_WA = {  # end-to-end notice, asking for the address, new number, media omitted, goodbye (with a sign)
    "nl": ("Berichten en oproepen worden end-to-end versleuteld. Niemand buiten deze chat kan ze lezen.",
           ("wat is je adres ook alweer? wil je een kaartje sturen",
            "Hee! Stuur je me even je adres? Voor de uitnodiging 💌",
            "naar welk adres moet het pakketje?"),
           ("o en dit is mijn nieuwe nummer: {phone}", "nieuw nummer trouwens {phone}"), "<Media weggelaten>",
           ("Top, dankjewel! Dikke kus, {sig}", "Thanks!! x {sig}", "Super. Groetjes, {sig}")),
    "fr": ("Les messages et les appels sont chiffrés de bout en bout.",
           ("c'est quoi ton adresse déjà ? pour le faire-part",
            "Coucou ! Tu m'envoies ton adresse ? je t'envoie un colis",
            "tu habites où maintenant ? l'adresse exacte stp"),
           ("au fait mon nouveau numéro : {phone}", "nouveau num {phone}"), "<Médias omis>",
           ("Merci ! Bisous, {sig}", "Top merci 😘 {sig}", "Parfait. Bises, {sig}")),
    "de": ("Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt.",
           ("wie war nochmal deine Adresse? Will dir was schicken",
            "Hey! Schickst du mir kurz deine neue Adresse?",
            "an welche Adresse soll das Paket?"),
           ("übrigens meine neue Nummer: {phone}", "neue Nr. {phone}"), "<Medien ausgeschlossen>",
           ("Danke dir! LG {sig}", "Super, danke 😊 VG {sig}", "Perfekt. Liebe Grüße, {sig}")),
    "en": ("Messages and calls are end-to-end encrypted. No one outside of this chat can read them.",
           ("what's your address again? want to send you something",
            "Hey! Can you send me your new address? for the invite",
            "which address should the parcel go to?"),
           ("oh and this is my new number {phone}", "new number btw {phone}"), "<Media omitted>",
           ("Thanks!! x {sig}", "Perfect, cheers {sig}", "Great thanks. Love, {sig}")),
    "es": ("Los mensajes y las llamadas están cifrados de extremo a extremo.",
           ("¿me pasas tu dirección? que te quiero mandar una cosa",
            "Holaa! Cuál es tu dirección nueva? para la invitación",
            "a qué dirección mando el paquete?"),
           ("por cierto mi número nuevo: {phone}", "nuevo número {phone}"), "<Multimedia omitido>",
           ("Gracias! Besos, {sig}", "Genial, un abrazo {sig}", "Perfecto. Un beso, {sig}")),
    "it": ("I messaggi e le chiamate sono crittografati end-to-end.",
           ("mi ridai il tuo indirizzo? ti devo mandare una cosa",
            "Ciao! Mi mandi il nuovo indirizzo? per l'invito",
            "a che indirizzo mando il pacco?"),
           ("ah questo è il mio nuovo numero: {phone}", "numero nuovo {phone}"), "<Media omessi>",
           ("Grazie! Un bacio, {sig}", "Perfetto, ciao {sig}", "Top. Un abbraccio, {sig}")),
}  # fmt: skip


def whatsapp_export(c: Ctx) -> Sample:
    """A WhatsApp chat export between friends (Android or iOS layout): an address asked for and given."""
    p, friend, w = c.person, c.other, c.noise.when()
    notice, asks, new_phone, media, byes = _WA[c.base]
    ios, us = c.rng.random() < 0.5, c.lang == "en_US"
    if c.rng.random() < 0.2:  # not in the friend's contacts: WhatsApp shows the number
        me: Value = tel(c.phone(style="intl"))
    else:
        me = per(c.name(p, style=c.pick("full", "given", "nick", "initial", "given")))
    them = per(c.name(friend, style=c.pick("full", "given", "given")))
    clock = Clock(w, c.rng)

    def msg(who: Value, template: str, **values: Value) -> None:
        clock.tick()
        at = clock.at
        if ios:
            stamp = f"[{at:%m/%d/%y}, {at:%I:%M:%S %p}] " if us else f"[{at:%d/%m/%y}, {at:%H:%M:%S}] "
        else:
            stamp = (
                f"{at.month}/{at.day}/{at:%y}, {at:%I:%M %p} - " if us else f"{at:%d/%m/%Y}, {at:%H:%M} - "
            )
        t.add(stamp)
        fill(t, "{who}", who=who).add(": ")
        fill(t, template, **values).add("\n")

    t = _lt().add(f"{w:%d/%m/%Y}, {w:%H:%M} - {notice}\n" if not ios else "")
    msg(them, c.pick(*asks))
    if c.rng.random() < 0.4:
        street, place = c.split_address()
        msg(me, "{addr}", addr=adr(street))
        msg(me, "{place}", place=place)
    else:
        msg(me, "{addr}", addr=adr(c.typed_address(sep=c.pick("\n", ", ", " "))))
    if c.rng.random() < 0.5:
        msg(me, c.pick(*new_phone), phone=tel(c.phone(style=c.pick("national", "compact", "intl"))))
    if c.rng.random() < 0.3:
        msg(them, media)
    msg(them, c.pick(*byes), sig=per(c.given(friend)))
    return t.sample("whatsapp_export")


_COURIERS = {"nl": ("PostNL", "DPD", "DHL", "bpost"), "fr": ("Chronopost", "Colissimo", "DPD", "bpost"),
             "de": ("DHL", "Hermes", "GLS", "DPD"), "en_GB": ("Evri", "DPD", "Royal Mail", "Yodel"),
             "en_IE": ("An Post", "DPD", "Fastway"), "en_US": ("UPS", "FedEx", "Amazon"),
             "es": ("SEUR", "Correos Express", "MRW"), "it": ("BRT", "SDA", "GLS")}  # fmt: skip
_SMS = {  # driver's first text, the customer's reply (neighbour / other address), driver's ok, "me"
    "nl": ("Goedemiddag, {driver} van {courier}. Ik heb een pakket voor {recipient}, bent u thuis?",
           ("ben over 10 min thuis, kan het bij {neighbour} op nr 14?",
            "nee sorry, mag het naar {addr}? daar is {rel} thuis"),
           ("Ok, komt goed 👍", "Prima, ik rij er nu heen"), "Ik"),
    "fr": ("Bonjour, {driver} de {courier}, j'ai un colis pour {recipient}, vous êtes là ?",
           ("je rentre dans 10 min, vous pouvez le laisser à {neighbour} au 14 ?",
            "non désolé, vous pouvez le déposer au {addr} ? {rel} est là"),
           ("Ok c'est noté", "D'accord j'y vais"), "Moi"),
    "de": ("Hallo, hier {driver} von {courier}. Ich habe ein Paket für {recipient}, sind Sie zuhause?",
           ("bin in 10 min da, können Sie es bei {neighbour} in Nr. 14 abgeben?",
            "nein leider, geht es an {addr}? da ist {rel} zuhause"),
           ("Ok, mache ich", "Alles klar, bin unterwegs"), "Ich"),
    "en": ("Hi, {driver} from {courier} here. I've got a parcel for {recipient}, are you home?",
           ("back in 10 mins, can you leave it with {neighbour} at no 14?",
            "no sorry, can it go to {addr}? {rel} is in"),
           ("ok no problem", "Ok will do"), "Me"),
    "es": ("Hola, soy {driver} de {courier}. Tengo un paquete para {recipient}, ¿está en casa?",
           ("llego en 10 min, se lo puede dejar a {neighbour} en el 14?",
            "no, lo siento, ¿puede llevarlo a {addr}? está {rel}"),
           ("Vale, perfecto", "Ok, voy para allá"), "Yo"),
    "it": ("Buongiorno, sono {driver} di {courier}. Ho un pacco per {recipient}, è a casa?",
           ("arrivo tra 10 min, può lasciarlo {neighbour} al 14?",
            "no mi spiace, può portarlo in {addr}? c'è {rel}"),
           ("Ok va bene", "Perfetto, arrivo"), "Io"),
}  # fmt: skip


# the neighbour a parcel may go to, as the reply's grammar needs them
_SMS_NEIGHBOUR = {
    "nl": ("mevrouw {family}", "meneer {family}", "de buren (fam. {family})"),
    "fr": ("Mme {family}", "M. {family}", "la famille {family}"),
    "de": ("Frau {family}", "Herrn {family}", "Familie {family}"),
    "en": ("Mrs {family}", "Mr {family}", "the {family} family"),
    "es": ("la Sra. {family}", "Dña. {family}", "los {family}"),
    "it": ("alla sig.ra {family}", "al sig. {family}", "alla signora {family}"),
}


def sms_courier_thread(c: Ctx) -> Sample:
    """An SMS thread with a courier's driver: the recipient's name off the label, a neighbour or another
    address to leave the parcel at."""
    first, replies, oks, me = _SMS[c.base]
    driver = c.nearby()
    driver_phone = tel(c.phone(driver, style=c.pick("intl", "national", "e164")))
    clock = c.clock()
    courier = c.pick(*_COURIERS[c.lang])
    t = _lt().add(f"SMS · {clock.at:%d/%m/%Y}\n")
    recipient = c.name(style=c.pick("upper", "full", "full"))
    _line(
        t, clock, driver_phone, first, driver=per(c.given(driver)), courier=courier, recipient=per(recipient)
    )
    if c.rng.random() < 0.5:
        neighbour = c.pick(*_SMS_NEIGHBOUR[c.base])
        _line(t, clock, me, replies[0].replace("{neighbour}", neighbour), family=per(c.fourth.last_name))
    else:
        typed = c.typed_address(c.nearby(), sep=c.pick(" ", ", "), lang=c.lang)
        _line(t, clock, me, replies[1], addr=adr(typed), rel=c.say("relation"))
    _line(t, clock, driver_phone, c.pick(*oks))
    return t.sample("sms_courier_thread")


_SUBJECT = {"nl": ("Onderwerp", ("Adreswijziging", "verhuizing", "Pakket niet ontvangen",
                                 "gegevens aanpassen")),
            "fr": ("Objet", ("Changement d'adresse", "déménagement", "Colis non reçu", "modif coordonnées")),
            "de": ("Betreff", ("Adressänderung", "Umzug", "Paket nicht erhalten", "Daten ändern")),
            "en": ("Subject", ("Change of address", "moving house", "Parcel not received",
                               "update my details")),
            "es": ("Asunto", ("Cambio de dirección", "mudanza", "Paquete no recibido", "cambiar datos")),
            "it": ("Oggetto", ("Cambio indirizzo", "trasloco", "Pacco non ricevuto",
                               "aggiornare dati"))}  # fmt: skip


def customer_ticket(c: Ctx) -> Sample:
    """A ticket as the customer typed it: greeting, self-introduction, the new address, the number, a card to
    refund to now and then, a sign-off and the phone's signature."""
    label, subjects = _SUBJECT[c.base]
    t = _lt().add(f"{label}: {c.pick(*subjects)}\n\n{c.say('hi')}")
    if c.rng.random() < 0.35:  # a reply to the agent who answered before: `Hi Mark,`
        t.add(" ").pii(c.given(c.agent), "PERSON")
    t.add(",\n\n")
    fill(t, c.intro(bare=True), name=per(c.name(style=c.pick("full", "full", "typo", "lower")))).add(". ")
    reason = c.say("reason")
    t.add(reason[0].upper() + reason[1:] + ". ")
    fill(t, c.say("addr"), addr=adr(c.typed_address())).add(".\n")
    fill(t, c.say("phone") + "\n", phone=tel(c.phone()))
    if c.rng.random() < 0.15:
        fill(t, _REFUND[c.base] + "\n", card=pan(c.card()))
    fill(t, "\n" + c.say("sign"), given=per(c.given()), name=per(c.name(style="full")))
    device = c.say("device")
    return t.add(f"\n\n{device}" if device else "").sample("customer_ticket")


_REFUND = {
    "nl": "Het geld mag terug op mijn kaart {card}.", "fr": "Remboursez sur ma carte {card} svp.",
    "de": "Bitte auf meine Karte {card} erstatten.", "en": "Please refund it to my card {card}.",
    "es": "Devolvedlo a mi tarjeta {card}, por favor.", "it": "Rimborsate sulla mia carta {card}, grazie.",
}  # fmt: skip


_QUOTE_HEAD = {
    "nl": "Op {d:%d-%m-%Y} om {d:%H:%M} schreef {name} <{email}>:",
    "fr": "Le {d:%d/%m/%Y} à {d:%H:%M}, {name} <{email}> a écrit :",
    "de": "Am {d:%d.%m.%Y} um {d:%H:%M} schrieb {name} <{email}>:",
    "en": "On {d:%a, %d %b %Y} at {d:%H:%M}, {name} <{email}> wrote:",
    "es": "El {d:%d/%m/%Y} a las {d:%H:%M}, {name} (<{email}>) escribió:",
    "it": "Il giorno {d:%d/%m/%Y} alle ore {d:%H:%M} {name} <{email}> ha scritto:",
}


def agent_reply_with_quote(c: Ctx) -> Sample:
    """An agent's reply addressing the customer by name, signed, above the customer's quoted mail."""
    p, w = c.person, c.noise.when()
    t = _lt()
    fill(t, c.say("agent_hi").rstrip(", !") + ",\n\n", given=per(c.given()))
    fill(t, c.say("done") + "\n\n", addr=adr(c.address()), email=mail(p.email))
    fill(
        t, c.say("agent_sign") + "\n\n", agent=per(c.name(c.agent, style=c.pick("given", "full", "initial")))
    )
    head = _QUOTE_HEAD[c.base]
    stamp = re.sub(r"\{d:([^}]*)\}", lambda m: f"{w:{m.group(1)}}", head)
    fill(t, stamp + "\n", name=per(c.name(style="full")), email=mail(p.email))
    t.add("> ")
    fill(t, c.say("hi") + ", " + c.say("reason") + ".\n> ", str.lower if c.rng.random() < 0.3 else None)
    fill(t, c.say("addr") + "\n> ", addr=adr(c.typed_address(sep=c.pick(" ", ", "))))
    return fill(t, c.say("sign").replace("\n", "\n> "), given=per(c.given()), name=per(p.full_name)).sample(
        "agent_reply_with_quote"
    )


_NOTES = {
    "nl": "klant ({name}) belde ivm factuur. geverifieerd obv geb.datum. {rel} {other} staat als "
          "gemachtigde. nieuw adres: {addr}. terugbellen op {phone} na 17u. bevestiging naar {email} "
          "- {agent}",
    "fr": "Appel entrant – client ({name}) appelle pour facture. Identité vérifiée. {rel} {other} "
          "autorisé(e) sur le compte. Nvelle adr. : {addr}. Rappeler au {phone} après 17h. Conf. envoyée à "
          "{email}. /{agent}",
    "de": "Kd. ({name}) rief an wg. Rechnung. Legitimation ok. {rel} {other} bevollmächtigt. neue Adr.: "
          "{addr}. RR erbeten unter {phone}. Bestätigung an {email}. -{agent}",
    "en": "inbound call, cust ({name}) rang re bill. ID&V passed ({idv}). spoke w/ {rel} {other} - "
          "authorised on acct. new addr: {addr}. cb req'd on {phone} after 5. conf sent to {email}. /{agent}",
    "es": "Llamada entrante: cliente ({name}) llama por factura. Verificado DNI {dni}. {rel} {other} "
          "autorizado/a. Nueva dir.: {addr}. Devolver llamada al {phone} por la tarde. Conf. enviada a "
          "{email}. -{agent}",
    "it": "Chiamata in entrata: cliente ({name}) chiama per fattura. Verificato CF {cf}. {rel} {other} "
          "delegato/a. Nuovo ind.: {addr}. Richiamare al {phone} dopo le 17. Conferma inviata a {email}. "
          "/{agent}",
}  # fmt: skip
_ID_CUE = {"en_GB": "NI no. ", "en_IE": "PPS ", "en_US": "SSN "}


def call_centre_notes(c: Ctx) -> Sample:
    """An agent's terse notes of a call: the customer, an authorised relative, new address, call-back
    number, and the national number the identity was checked on (SSN, NI, PPS, DNI, codice fiscale),
    left unlabelled."""
    w = c.noise.when()
    dni = f"{c.digits(8)}{c.pick(*'TRWAGMYFPDXBNJZSQVHLCKE')}"
    cf = f"{c.letters(6)}{c.digits(2)}{c.pick(*'ABCDEHLMPRST')}{c.digits(2)}"
    cf += f"{c.pick(*'HFGL')}{c.digits(3)}{c.letters(1)}"  # shaped like a codice fiscale
    idv = _ID_CUE[c.lang] + _IDS[c.lang](c) if c.lang in _ID_CUE else ""
    t = _lt().add(f"{w:%d/%m %H:%M} ")
    fill(
        t,
        _NOTES[c.base],
        name=per(c.name(style=c.pick("full", "upper", "lower"))),
        rel=c.say("relation").split(" ", 1)[-1] if c.base == "en" else c.say("relation"),
        other=per(c.name(c.other, style=c.pick("given", "full"))),
        addr=adr(c.typed_address(case=c.pick("lower", "", ""))),
        phone=tel(c.phone(style=c.pick("compact", "national", "e164"))),
        email=mail(c.email(style=c.pick("plain", "plain", "capital"))),
        agent=per(c.name(c.agent, style=c.pick("given", "initial"))),
        dni=dni,
        cf=cf,
        idv=idv,
    )
    return t.sample("call_centre_notes")


_DM = {  # brand handle, customer's first DM, brand reply (asks number), customer, brand closing
    "nl": ("@norvia_nl", "{intro}, mijn bestelling {order} is nooit aangekomen. moest naar {addr}",
           "Hoi {given}, vervelend! Stuur je ons je telefoonnummer? Dan belt de bezorger je. ^{agent}",
           "Dank voor je nummer! We hebben het doorgezet. ^{agent}"),
    "fr": ("@norvia_fr", "{intro}. ma commande {order} n'est jamais arrivée, elle devait aller au {addr}",
           "Bonjour {given}, désolés ! Vous nous envoyez votre numéro en privé ? Le livreur vous appellera. "
           "^{agent}",
           "Merci, c'est transmis ! ^{agent}"),
    "de": ("@norvia_de", "{intro}. meine Bestellung {order} ist nie angekommen, sollte an {addr}",
           "Hallo {given}, das tut uns leid! Schickst du uns deine Handynummer? Der Fahrer ruft an. ^{agent}",
           "Danke, ist weitergeleitet! ^{agent}"),
    "en": ("@NorviaHelp", "{intro}. my order {order} never arrived, it was meant to go to {addr}",
           "Hi {given}, sorry about that! Could you DM us a phone number so the courier can call? ^{agent}",
           "Thanks, passed on to the courier! ^{agent}"),
    "es": ("@norvia_es", "{intro}. mi pedido {order} nunca llegó, tenía que ir a {addr}",
           "Hola {given}, ¡lo sentimos! ¿Nos pasas tu teléfono por DM? El repartidor te llamará. ^{agent}",
           "¡Gracias, ya está pasado! ^{agent}"),
    "it": ("@norvia_it", "{intro}. il mio ordine {order} non è mai arrivato, doveva andare in {addr}",
           "Ciao {given}, ci dispiace! Ci mandi il tuo numero in DM? Il corriere ti chiamerà. ^{agent}",
           "Grazie, l'abbiamo girato al corriere! ^{agent}"),
}  # fmt: skip


def social_dm_to_brand(c: Ctx) -> Sample:
    """Direct messages to a brand's social account: display name and handle, the brand's `^Agent` replies."""
    brand, first, reply, closing = _DM[c.base]
    p = c.person
    handle = f"@{c.pick(mail_word(c.given()) + '_' + c.digits(2), 'user' + c.digits(7))}"
    display = per(c.name(style=c.pick("full", "lower", "given", "initial")))
    agent = per(c.name(c.agent, style=c.pick("given", "given", "initial")))
    t = fill(_lt(), "{display} (" + handle + ") → " + brand + "\n", display=display)
    intro = c.greet_intro()
    template = first.replace("{intro}", intro)
    fill(t, template + "\n", str.lower if c.rng.random() < 0.5 else None, name=per(c.name(p, style="full")),
         order=f"#{c.rng.randint(100000, 999999)}", addr=adr(c.typed_address()))  # fmt: skip
    fill(t, f"{brand}: " + reply + "\n", given=per(c.given()), agent=agent)
    fill(t, "{display}: {phone}\n", display=display, phone=tel(c.phone()))
    return fill(t, f"{brand}: " + closing, agent=agent).sample("social_dm_to_brand")


_SHOUT = {
    "nl": "DIT IS AL DE DERDE KEER DAT IK MAIL!!! ",
    "fr": "C'EST LA TROISIÈME FOIS QUE J'ÉCRIS !!! ",
    "de": "ICH SCHREIBE JETZT ZUM DRITTEN MAL!!! ",
    "en": "THIS IS THE THIRD TIME I AM WRITING!!! ",
    "es": "¡¡¡ES LA TERCERA VEZ QUE ESCRIBO!!! ",
    "it": "È LA TERZA VOLTA CHE SCRIVO!!! ",
}


def shouting_complaint(c: Ctx) -> Sample:
    """An ALL-CAPS complaint: name, address, number, email (and a card charged twice) shouted with the
    rest."""
    up = str.upper
    t = fill(_lt(), c.say("hi") + "!!! " + _SHOUT[c.base], up)
    fill(t, c.intro(bare=True) + ". ", up, name=per(c.name(style="full")))
    fill(t, c.say("reason") + "!!! ", up)
    if c.rng.random() < 0.35:
        fill(t, _CHARGED[c.base], up, card=pan(c.card()))
    fill(t, c.say("addr") + ". ", up, addr=adr(c.typed_address(case="upper")))
    fill(t, c.say("phone") + " ", up, phone=tel(c.phone()))
    fill(t, c.say("email") + "\n", up, email=mail(c.email(style="plain")))
    return fill(t, c.say("sign"), up, given=per(c.given()), name=per(c.person.full_name)).sample(
        "shouting_complaint"
    )


_CHARGED = {
    "nl": "En jullie hebben twee keer afgeschreven van mijn kaart {card}!!! ",
    "fr": "Et vous avez débité deux fois ma carte {card} !!! ",
    "de": "Und ihr habt zweimal von meiner Karte {card} abgebucht!!! ",
    "en": "And you charged my card {card} twice!!! ",
    "es": "¡¡Y me habéis cobrado dos veces en la tarjeta {card}!! ",
    "it": "E mi avete addebitato due volte sulla carta {card}!!! ",
}


_LOWER_INTRO = {
    "nl": ("goedemiddag, u spreekt met {title} {name}. ", "hallo met {title} {name}, "),
    "fr": ("bonjour ici le {title} {name}, ", "bonjour c'est {title} {name}. "),
    "de": ("hallo hier ist {title} {name}, ", "guten tag, {title} {name} hier. "),
    "en": ("hello this is {title} {name}, ", "hi its {title} {name} here. "),
    "es": ("buenas, le escribe {title} {name}. ", "hola soy {title} {name}, "),
    "it": ("buongiorno sono {title} {name}, ", "salve, qui {title} {name}. "),
}
_LOWER_TITLES = {"nl": ("dr.", "prof.", "dr"), "fr": ("dr", "dr.", "professeur"), "de": ("dr.", "prof. dr.",
                                                                                         "dr"),
                 "en": ("dr.", "dr", "prof."), "es": ("dr.", "dra.", "el dr."), "it": ("dott.", "dr.",
                                                                                       "prof.")}  # fmt: skip


def lowercase_title_intro(c: Ctx) -> Sample:
    """A message typed all in lower case: a title before the name (outside the span), address, number."""
    low = str.lower
    t = _lt()
    fill(
        t,
        c.pick(*_LOWER_INTRO[c.base]),
        low,
        title=c.pick(*_LOWER_TITLES[c.base]),
        name=per(c.name(style="full")),
    )
    fill(t, c.say("reason") + ". ", low)
    fill(t, c.say("addr") + ", ", low, addr=adr(c.typed_address(case="lower", sep=c.pick(" ", ", "))))
    fill(t, c.say("phone") + " ", low, phone=tel(c.phone()))
    return fill(t, c.say("thanks"), low).sample("lowercase_title_intro")


_THIRD = {
    "nl": ("{rel} {other} heeft het besteld op naam van {other_full}, maar ik ben meestal thuis. ",
           "Het nummer van {other} is {phone}. Is er niemand, dan heeft {neighbour} een sleutel. "),
    "fr": ("{rel} {other} a commandé au nom de {other_full}, mais c'est moi qui suis à la maison. ",
           "Le numéro de {other} : {phone}. S'il n'y a personne, {neighbour} a les clés. "),
    "de": ("{rel} {other} hat auf den Namen {other_full} bestellt, aber meistens bin ich zuhause. ",
           "Die Nummer von {other} ist {phone}. Wenn keiner da ist, hat {neighbour} einen Schlüssel. "),
    "en": ("{rel} {other} ordered it under the name {other_full}, but I'm usually the one at home. ",
           "{other}'s number is {phone}. If nobody answers, {neighbour} has a key. "),
    "es": ("{rel} {other} lo pidió a nombre de {other_full}, pero normalmente estoy yo en casa. ",
           "El móvil de {other} es el {phone}. Si no hay nadie, {neighbour} tiene llave. "),
    "it": ("{rel} {other} ha ordinato a nome di {other_full}, ma di solito sono io a casa. ",
           "Il numero di {other} è {phone}. Se non c'è nessuno, {neighbour} ha le chiavi. "),
}  # fmt: skip


def third_party_ticket(c: Ctx) -> Sample:
    """A ticket about other people: a relative by given name and full name, their number, a neighbour with a
    title, and the writer's own name in the sign-off."""
    rel_line, contact_line = _THIRD[c.base]
    other = per(c.given(c.other))
    rel = c.say("relation")
    t = _lt().add(c.say("hi") + ",\n\n")
    fill(t, rel_line, rel=rel[0].upper() + rel[1:], other=other, other_full=per(c.other.full_name))
    neighbour = c.say("neighbour")
    fill(t, contact_line.replace("{neighbour}", neighbour).replace(",,", ",").rstrip() + "\n\n", other=other,
         phone=tel(c.phone(c.other)),
         family=per(c.fourth.last_name))  # fmt: skip
    return fill(t, c.say("sign"), given=per(c.given()), name=per(c.person.full_name)).sample(
        "third_party_ticket"
    )


_BOOKING = {
    "nl": (
        "{hi}! Kan ik een tafel reserveren voor {n} personen op {day} om 19u? Namen voor de lijst: ",
        ". Op naam van {name}, {phone}",
    ),
    "fr": (
        "{hi} ! Une table pour {n} {day} soir à 20h c'est possible ? Les prénoms : ",
        ". Au nom de {name}, {phone}",
    ),
    "de": (
        "{hi}! Habt ihr am {day} um 19 Uhr einen Tisch für {n}? Wir sind: ",
        ". Auf den Namen {name}, Tel {phone}",
    ),
    "en": ("{hi}! Table for {n} on {day} at 8? Names for the list: ", ". Booking under {name}, {phone}"),
    "es": ("{hi}! ¿Mesa para {n} el {day} a las 21:30? Somos: ", ". A nombre de {name}, {phone}"),
    "it": ("{hi}! Un tavolo per {n} {day} alle 20:30? I nomi: ", ". A nome di {name}, cell {phone}"),
}
_WEEKDAYS = {"nl": ("vrijdag", "zaterdag", "zondag"), "fr": ("vendredi", "samedi", "dimanche"),
             "de": ("Freitag", "Samstag", "Sonntag"), "en": ("Friday", "Saturday", "Sunday"),
             "es": ("viernes", "sábado", "domingo"), "it": ("venerdì", "sabato", "domenica")}  # fmt: skip


def group_booking_names(c: Ctx) -> Sample:
    """A group booking by chat: the given names of everyone coming, typed in a list (often lower case)."""
    head, tail = _BOOKING[c.base]
    guests = c.crowd(c.rng.randint(3, 7))
    low = c.rng.random() < 0.5
    t = fill(_lt(), head, hi=c.say("hi"), n=str(len(guests) + 1), day=c.pick(*_WEEKDAYS[c.base]))
    for i, guest in enumerate(guests):
        name = c.given(guest)
        t.add(", " if i else "").pii(name.lower() if low else name, "PERSON")
    return fill(t, tail, name=per(c.name(style=c.pick("full", "given"))), phone=tel(c.phone())).sample(
        "group_booking_names"
    )


_CORRECTION = {
    "nl": ("Mijn naam staat verkeerd op de factuur: er staat {wrong} maar het is {right}. ",),
    "fr": ("Mon nom est mal orthographié sur la facture : c'est écrit {wrong} au lieu de {right}. ",),
    "de": ("Mein Name ist auf der Rechnung falsch geschrieben: da steht {wrong} statt {right}. ",),
    "en": ("My name is spelled wrong on the invoice: it says {wrong} but it should be {right}. ",),
    "es": ("Mi nombre está mal escrito en la factura: pone {wrong} y es {right}. ",),
    "it": ("Il mio nome è scritto male in fattura: c'è scritto {wrong} invece di {right}. ",),
}


def name_correction_ticket(c: Ctx) -> Sample:
    """A customer correcting their misspelt name (the misspelling labelled as written), signing with a typo
    of their own now and then."""
    p = c.person
    wrong = c.name(style="typo")
    if wrong == p.full_name:
        wrong = p.full_name + p.full_name[-1]
    t = fill(
        _lt(), c.say("hi") + ",\n\n" + c.pick(*_CORRECTION[c.base]), wrong=per(wrong), right=per(p.full_name)
    )
    fill(t, c.say("email") + "\n\n", email=mail(c.email()))
    signed = c.name(style=c.pick("full", "full", "typo"))
    return fill(t, c.say("sign"), given=per(c.given()), name=per(signed)).sample("name_correction_ticket")


_MOVING = {
    "nl": "Per 1 {month} verhuis ik van {old} naar {new}. Graag ook aanpassen voor {other}.",
    "fr": "À partir du 1er {month}, je déménage du {old} au {new}. Merci de faire pareil pour {other}.",
    "de": "Ab dem 1. {month} ziehe ich von {old} nach {new} um. Bitte auch für {other} ändern.",
    "en": "From the 1st of {month} I'm moving from {old} to {new}. Please change it for {other} too.",
    "es": "A partir del 1 de {month} me mudo de {old} a {new}. Cambiadlo también para {other}, por favor.",
    "it": "Dal 1° {month} mi trasferisco da {old} a {new}. Per favore cambiate anche per {other}.",
}
_MONTHS = {"nl": ("mei", "juni", "juli"), "fr": ("mai", "juin", "juillet"), "de": ("Mai", "Juni", "Juli"),
           "en": ("May", "June", "July"), "es": ("mayo", "junio", "julio"), "it": ("maggio", "giugno",
                                                                                   "luglio")}  # fmt: skip


def moving_notice(c: Ctx) -> Sample:
    """A moving notice: the old and the new address in one sentence, a relative moving too."""
    t = _lt().add(c.say("hi") + ",\n")
    fill(
        t,
        _MOVING[c.base] + "\n",
        month=c.pick(*_MONTHS[c.base]),
        old=adr(c.typed_address(sep=c.pick(", ", " "))),
        new=adr(c.typed_address(c.nearby(), sep=c.pick(", ", " "), lang=c.lang)),
        other=per(c.name(c.fourth, style=c.pick("full", "given"))),
    )
    return fill(t, c.say("sign"), given=per(c.given()), name=per(c.person.full_name)).sample("moving_notice")


def us_military_order(c: Ctx) -> Sample:
    """An order note from a service member: rank before the name, an APO/FPO/DPO address, a home address."""
    p, home = c.person, c.local("US")
    box, post = military_address(c.rng)
    sep = c.pick("\n", ", ", "\n")
    t = _lt().add(
        c.pick(
            "Hi, I'm deployed overseas, can you ship my order to:\n",
            "Please ship to my military address:\n",
            "hello - I'm stationed abroad, shipping address below\n",
        )  # fmt: skip
    )
    t.add(f"{c.pick(*RANKS)} ").pii(c.name(style=c.pick("full", "upper")), "PERSON").add("\n")
    t.pii(f"{box}{sep}{post}", "ADDRESS").add("\n\n")
    t.add(
        c.pick("If APO doesn't work, send it to ", "Backup address (my parents): ", "or to my mom's place: ")
    )
    t.pii(c.typed_address(home, sep=c.pick(", ", " ")), "ADDRESS").add(".\n")
    fill(t, c.say("phone", "en_US") + "\n", phone=tel(c.phone()))
    return fill(t, c.say("sign", "en_US"), given=per(c.given()), name=per(p.full_name)).sample(
        "us_military_order"
    )


_CARE_OF = {  # the words before a c/o name, and the sentence around it
    "nl": ("p/a", "Stuur het aub naar {co} {name}, {addr}, ik ben daar de komende weken.",
           "Mijn post gaat naar {addr}."),
    "fr": ("chez", "Envoyez-le {co} {name}, {addr}, j'y suis pour quelques semaines.",
           "Mon courrier : {addr}."),
    "de": ("bei", "Bitte schickt es an mich {co} {name}, {addr}, da bin ich die nächsten Wochen.",
           "Post bitte an {addr}."),
    "en": ("c/o", "Please send it to me {co} {name}, {addr}, I'm staying there for a few weeks.",
           "Please use my PO box: {addr}."),
    "es": ("a/a", "Enviadlo {co} {name}, {addr}, estaré allí unas semanas.", "Mi correo va al {addr}."),
    "it": ("presso", "Spedite a me {co} {name}, {addr}, starò lì per qualche settimana.",
           "La posta va a {addr}."),
}  # fmt: skip


def care_of_or_po_box(c: Ctx) -> Sample:
    """A delivery to someone else's home `c/o` them (their name apart from the address) or to a PO box."""
    co, with_host, po = _CARE_OF[c.base]
    if c.base == "en" or c.rng.random() < 0.3:
        co = "c/o"
    t = fill(_lt(), c.greet_intro() + ". ", name=per(c.name(style=c.pick("full", "full", "lower"))))
    if c.rng.random() < 0.5:
        host = c.nearby()
        fill(t, with_host, co=co, name=per(c.name(host, style=c.pick("full", "full", "upper"))),
             addr=adr(c.typed_address(host, sep=", ", lang=c.lang)))  # fmt: skip
    else:
        fill(t, po, addr=adr(c.po_box()))
    t.add("\n")
    return fill(t, c.say("sign"), given=per(c.given()), name=per(c.person.full_name)).sample(
        "care_of_or_po_box"
    )


def irish_address_no_eircode(c: Ctx) -> Sample:
    """An Irish customer's address without an Eircode (a county instead), as a chat message."""
    p = c.local("IE")
    t = fill(_lt(), c.greet_intro("en_IE") + ". ", name=per(c.name(p, style=c.pick("full", "full", "lower"))))
    t.add(c.pick("I don't have the Eircode to hand, the address is ", "no eircode sorry, it's ",
                 "Eircode isn't on the letter but the address is "))  # fmt: skip
    t.pii(c.typed_address(p, no_postcode=True, sep=c.pick(", ", ", ", " ", "\n")), "ADDRESS")
    t.add(c.pick(". It's the yellow house past the church.",
                 ". The house with the red door, beside the GAA pitch.",
                 ". Ring when you're at the cross and I'll come out."))  # fmt: skip
    fill(t, " " + c.say("phone", "en_IE") + "\n", phone=tel(c.phone(p)))
    return fill(t, c.say("sign", "en_IE"), given=per(c.given(p)), name=per(p.full_name)).sample(
        "irish_address_no_eircode"
    )


_CALLBACK = {
    "nl": "Kunnen jullie me terugbellen op kantoor? {phone} toestel {ext}, liefst tussen 14 en 16u.",
    "fr": "Pouvez-vous me rappeler au bureau ? {phone} poste {ext}, plutôt entre 14h et 16h.",
    "de": "Können Sie mich im Büro zurückrufen? {phone} Durchwahl {ext}, am besten zwischen 14 und 16 Uhr.",
    "en": "Could you call me back at the office? {phone} ext. {ext}, ideally between 2 and 4.",
    "es": "¿Me podéis llamar a la oficina? {phone} ext. {ext}, mejor entre las 16 y las 18.",
    "it": "Potete richiamarmi in ufficio? {phone} interno {ext}, meglio tra le 14 e le 16.",
}


def callback_with_extension(c: Ctx) -> Sample:
    """A call-back request with an office number and its extension (outside the span); North American
    writers give Canadian numbers too."""
    template = _CALLBACK[c.base]
    if c.lang == "en_US" and c.rng.random() < 0.6:
        number = c.canadian()
        template = c.pick(template,
                          "I'm at our Toronto office this week: {phone} ext. {ext}, any time after 10.",
                          "please call me back on {phone} x{ext}")  # fmt: skip
    else:
        number = c.phone(which="landline")
    t = fill(_lt(), c.greet_intro() + ". ", name=per(c.name(style="full")))
    fill(t, template + "\n", phone=tel(number), ext=str(c.rng.randint(10, 99999)))
    return fill(t, c.say("sign"), given=per(c.given()), name=per(c.person.full_name)).sample(
        "callback_with_extension"
    )


# a second address, someone else's
_THEIRS = {
    "nl": ("en die van mijn man: {email}", "die van mijn dochter is {email}"),
    "fr": ("et celle de mon mari : {email}", "celle de ma fille : {email}"),
    "de": ("und die von meinem Mann: {email}", "die von meiner Tochter: {email}"),
    "en": ("and my husband's is {email}", "my daughter's is {email}"),
    "es": ("y el de mi marido: {email}", "el de mi hija es {email}"),
    "it": ("e quella di mio marito: {email}", "quella di mia figlia è {email}"),
}


def spelled_email_chat(c: Ctx) -> Sample:
    """A chat where the customer spells their email out in words (or with `(at)`), as told on the phone."""
    clock = c.clock()
    me = per(c.name(style=c.pick("given", "full", "lower")))
    agent = per(c.name(c.agent, style="given"))
    t = _lt()
    _line(t, clock, agent, c.say("agent_hi") + c.say("ask_email"), given=per(c.given()))
    _line(
        t, clock, me, c.say("email"), str.lower, email=mail(c.email(style=c.pick("spelled", "spelled", "at")))
    )
    if c.rng.random() < 0.5:
        _line(t, clock, me, c.pick(*_THEIRS[c.base]), email=mail(c.email(c.other, style="spelled")))
    return _line(t, clock, agent, c.say("thanks")).sample("spelled_email_chat")


_CARD = {
    "nl": ("kan ik ook gewoon met kaart betalen? {card} geldig tot {exp} cvc {cvc}",
           "Graag geen kaartgegevens in de chat delen! Ik heb het nummer verborgen: {masked}",
           "naam op de kaart: {name}"),
    "fr": ("je peux payer par carte ? {card} exp {exp} cryptogramme {cvc}",
           "Merci de ne pas partager vos données de carte ici ! J'ai masqué le numéro : {masked}",
           "nom sur la carte : {name}"),
    "de": ("kann ich mit Karte zahlen? {card} gültig bis {exp} Prüfziffer {cvc}",
           "Bitte keine Kartendaten im Chat teilen! Ich habe die Nummer maskiert: {masked}",
           "Name auf der Karte: {name}"),
    "en": ("can I just pay by card? {card} exp {exp} cvv {cvc}",
           "Please don't share card details in the chat! I've masked the number: {masked}",
           "name on card: {name}"),
    "es": ("¿puedo pagar con tarjeta? {card} caduca {exp} cvv {cvc}",
           "¡Por favor no compartas datos de la tarjeta en el chat! He ocultado el número: {masked}",
           "titular: {name}"),
    "it": ("posso pagare con carta? {card} scad. {exp} cvv {cvc}",
           "Per favore non condividere i dati della carta in chat! Ho oscurato il numero: {masked}",
           "intestatario: {name}"),
}  # fmt: skip


def card_in_chat(c: Ctx) -> Sample:
    """A card number pasted into a chat (however the writer split it), the agent's masked copy unlabelled."""
    ask, warn, holder = _CARD[c.base]
    clock = c.clock()
    me = per(c.name(style=c.pick("given", "full")))
    agent = per(c.name(c.agent, style="given"))
    number = c.person.card_number
    t = _lt()
    expiry = f"{c.rng.randint(1, 12):02d}/{c.rng.randint(27, 31)}"
    _line(t, clock, me, ask, exp=expiry, cvc=c.digits(3), card=pan(c.card()))
    _line(t, clock, me, holder, name=per(c.name(style=c.pick("upper", "full"))))
    _line(t, clock, agent, warn, masked=f"**** **** **** {number[-4:]}")
    return t.sample("card_in_chat")


_BOOK = {
    "nl": ("{intro}. Kan ik {day} om {h} langskomen voor een knipbeurt?",
           "Hoi {given}! {day} om {h} bij {staff} kan. Tot dan!", "Kapsalon"),
    "fr": ("{intro}. Est-ce que je peux prendre rdv {day} à {h} pour une coupe ?",
           "Bonjour {given} ! {day} à {h} avec {staff}, c'est noté.", "Salon"),
    "de": ("{intro}. Hätten Sie {day} um {h} einen Termin frei?",
           "Hallo {given}, {day} um {h} bei {staff} passt. Bis dann!", "Praxis"),
    "en": ("{intro}. Could I book in for {day} at {h}?",
           "Hi {given}! {day} at {h} with {staff} is free, see you then x", "Salon"),
    "es": ("{intro}. ¿Tenéis hueco el {day} a las {h}?",
           "¡Hola {given}! El {day} a las {h} con {staff}, apuntado.", "Peluquería"),
    "it": ("{intro}. Posso prenotare {day} alle {h}?",
           "Ciao {given}! {day} alle {h} con {staff}, perfetto.", "Salone"),
}  # fmt: skip


def appointment_booking(c: Ctx) -> Sample:
    """A booking by message with a salon or practice: self-introduction, the stylist's name, a weekday."""
    ask, answer, place = _BOOK[c.base]
    clock = c.clock()
    me: Value = tel(c.phone(style=c.pick("intl", "national")))
    day, hour = c.pick(*_WEEKDAYS[c.base]), f"{c.rng.randint(9, 17)}:{c.pick('00', '30')}"
    t = _lt()
    intro = c.greet_intro()
    _line(t, clock, me, ask.replace("{intro}", intro), name=per(c.name(style=c.pick("full", "given"))),
          day=day, h=hour)  # fmt: skip
    _line(t, clock, f"{place} Norvia", answer, given=per(c.given()), staff=per(c.name(c.agent,
                                                                                      style="given")),
          day=day if c.base == "es" else day.capitalize(), h=hour)  # fmt: skip
    return _line(t, clock, me, c.say("thanks")).sample("appointment_booking")


_MARKET = {
    "nl": ("Marktplaats", "Hoi, is de fiets nog beschikbaar? Ik kan morgen ophalen.",
           "Ja hoor! Ophalen kan op {addr}, bel even aan. Mijn nummer: {phone}. Groetjes, {given}"),
    "fr": ("leboncoin", "Bonjour, le canapé est toujours dispo ? Je peux passer samedi.",
           "Oui ! C'est au {addr}, sonnez à l'interphone. Mon numéro : {phone}. {given}"),
    "de": ("Kleinanzeigen", "Hallo, ist der Kinderwagen noch da? Würde ihn heute Abend abholen.",
           "Ja, noch da. Abholung: {addr}, einfach klingeln. Handy {phone}. LG {given}"),
    "en_GB": ("Gumtree", "Hi, is the bike still available? Could collect tomorrow.",
              "Yes still here! Collection from {addr}, just knock. My number is {phone}. Cheers, {given}"),
    "en_IE": ("DoneDeal", "Hi is the trailer still for sale? Could call out Saturday.",
              "It is yeah. I'm at {addr}, ring me when you're close {phone}. {given}"),
    "en_US": ("Craigslist", "Hi, is the desk still available? I can pick up tonight.",
              "Yes it is! Pickup at {addr}, text me when you're outside {phone}. - {given}"),
    "es": ("Wallapop", "Hola, ¿sigue disponible la bici? Puedo pasar mañana.",
           "¡Sí! Estoy en {addr}, llama al telefonillo. Mi móvil: {phone}. Un saludo, {given}"),
    "it": ("Subito", "Ciao, la bici è ancora disponibile? Posso passare domani.",
           "Sì! Sono in {addr}, citofono {family}. Cell {phone}. Ciao, {given}"),
}  # fmt: skip


_INBOX = {"nl": "Berichten", "fr": "Messages", "de": "Nachrichten", "en": "Messages", "es": "Mensajes",
          "it": "Messaggi"}  # fmt: skip


def marketplace_message(c: Ctx) -> Sample:
    """Messages on a second-hand marketplace: the seller's pickup address, number and name."""
    site, ask, answer = _MARKET[c.lang]
    buyer = per(c.name(c.other, style=c.pick("given", "initial")))
    seller = per(c.name(style=c.pick("given", "initial", "full")))
    t = _lt().add(f"{site} · {_INBOX[c.base]}\n")
    fill(t, "{who}: " + ask + "\n", who=buyer)
    fill(t, "{who}: " + answer, who=seller, addr=adr(c.typed_address(sep=c.pick(" ", ", "))),
         phone=tel(c.phone(style=c.pick("national", "compact", "dashes"))), given=per(c.given()),
         family=per(c.person.last_name.upper()))  # fmt: skip
    return t.sample("marketplace_message")


_VOICEMAIL = {
    "nl": ("Voicemail van {from} ({dur}) - transcriptie:",
           "hallo met {name} ik bel over mijn factuur kunt u mij terugbellen op {phone} dank u wel"),
    "fr": ("Message vocal de {from} ({dur}) – transcription :",
           "oui bonjour c'est {name} je vous appelle pour ma facture pouvez-vous me rappeler au {phone} "
           "merci"),
    "de": ("Sprachnachricht von {from} ({dur}) – Transkript:",
           "ja hallo hier ist {name} es geht um meine rechnung bitte rufen sie mich zurück unter {phone} "
           "danke"),
    "en": ("Voicemail from {from} ({dur}) - transcript:",
           "hi this is {name} calling about my bill could you call me back on {phone} thanks bye"),
    "es": ("Mensaje de voz de {from} ({dur}) – transcripción:",
           "hola soy {name} llamo por la factura me podéis llamar al {phone} gracias"),
    "it": ("Messaggio vocale da {from} ({dur}) – trascrizione:",
           "buongiorno sono {name} chiamo per la bolletta potete richiamarmi al {phone} grazie"),
}  # fmt: skip


def voicemail_ticket(c: Ctx) -> Sample:
    """A ticket opened from a voicemail: the caller id, then the speech-to-text, lower case and
    unpunctuated."""
    head, body = _VOICEMAIL[c.base]
    t = fill(_lt(), head + "\n", **{"from": tel(c.phone(style="e164")), "dur": f"0:{c.rng.randint(12, 59)}"})
    name = c.name(style=c.pick("lower", "lower", "given_lower"))
    return fill(t, body, name=per(name), phone=tel(c.phone(style=c.pick("compact", "national")))).sample(
        "voicemail_ticket"
    )


_HANDOVER = {
    "nl": "@{agent} kun jij {title} {family} morgen terugbellen ({phone})? {other} (haar zoon) zegt dat het "
          "adres is gewijzigd naar {addr}. Ik ben vrij tot maandag.",
    "fr": "@{agent} tu peux rappeler {title} {family} demain ({phone}) ? {other}, son fils, dit que "
          "l'adresse "
          "est maintenant {addr}. Je suis off jusqu'à lundi.",
    "de": "@{agent} kannst du {title} {family} morgen zurückrufen ({phone})? {other} (der Sohn) sagt, die "
          "Adresse ist jetzt {addr}. Bin bis Montag weg.",
    "en": "@{agent} can you call {title} {family} back tomorrow ({phone})? {other} (her son) says the "
          "address "
          "changed to {addr}. I'm off till Monday.",
    "es": "@{agent} ¿puedes llamar mañana a {title} {family} ({phone})? {other}, su hijo, dice que la "
          "dirección "
          "ahora es {addr}. Estoy libre hasta el lunes.",
    "it": "@{agent} puoi richiamare {title} {family} domani ({phone})? {other}, il figlio, dice che "
          "l'indirizzo "
          "ora è {addr}. Sono in ferie fino a lunedì.",
}  # fmt: skip
_HANDOVER_TITLES = {"nl": ("mevrouw", "mevr."), "fr": ("Mme", "Madame"), "de": ("Frau",), "en": ("Mrs",
                                                                                                 "Mrs."),
                    "es": ("la Sra.", "doña"), "it": ("la sig.ra", "la signora")}  # fmt: skip


_NOTE = {"nl": "Interne notitie", "fr": "Note interne", "de": "Interne Notiz", "en": "Internal note",
         "es": "Nota interna", "it": "Nota interna"}  # fmt: skip


def internal_handover_note(c: Ctx) -> Sample:
    """An internal note between agents: an @mention by display name, a customer by title and surname."""
    t = _lt().add(f"{_NOTE[c.base]} · {c.noise.when():%d/%m %H:%M} · ")
    t.pii(c.name(c.fourth, style="full"), "PERSON").add("\n")
    fill(t, _HANDOVER[c.base], agent=per(c.name(c.agent, style="full")),
         title=c.pick(*_HANDOVER_TITLES[c.base]), family=per(c.person.last_name),
         phone=tel(c.phone(which="landline")), other=per(c.given(c.other)),
         addr=adr(c.typed_address()))  # fmt: skip
    return t.sample("internal_handover_note")


_FAMILY = {
    "nl": ("{a} is de accounthouder, ik beheer het abonnement. ",
           "De telefoon van {b} ({phone}) is gestolen, ",
           "kunnen jullie de simkaart van {b} blokkeren? {a} belt morgen ook nog."),
    "fr": ("{a} est titulaire du compte, c'est moi qui gère. ", "Le téléphone de {b} ({phone}) a été volé, ",
           "pouvez-vous bloquer la carte SIM de {b} ? {a} vous appellera aussi demain."),
    "de": ("{a} ist Vertragsinhaber, ich kümmere mich darum. ",
           "Das Handy von {b} ({phone}) wurde gestohlen, ",
           "könnt ihr die SIM von {b} sperren? {a} ruft morgen auch noch an."),
    "en": ("{a} is the account holder, I manage it. ", "{b}'s phone ({phone}) was stolen yesterday, ",
           "can you block {b}'s SIM? {a} will ring tomorrow as well."),
    "es": ("{a} es el titular, yo lo gestiono. ", "A {b} le han robado el móvil ({phone}), ",
           "¿podéis bloquear la SIM de {b}? {a} os llamará mañana también."),
    "it": ("{a} è l'intestatario, io gestisco il contratto. ", "A {b} hanno rubato il telefono ({phone}), ",
           "potete bloccare la SIM di {b}? {a} vi chiama anche domani."),
}  # fmt: skip


def family_account_ticket(c: Ctx) -> Sample:
    """A family plan: names opening sentences and lines, possessives, the number of the stolen phone."""
    holder_line, stolen, block = _FAMILY[c.base]
    a, b = per(c.name(c.other, style=c.pick("given", "full"))), per(c.given(c.fourth))
    t = _lt().add(c.say("hi") + ",\n")
    fill(t, holder_line, a=a)
    fill(t, stolen, b=b, phone=tel(c.phone(c.fourth)))
    fill(t, block + "\n", a=a, b=b)
    return fill(t, c.say("sign"), given=per(c.given()), name=per(c.person.full_name)).sample(
        "family_account_ticket"
    )


# -- negative shapes --------------------------------------------------------------------------------

_LEAGUES = {
    "en_GB": ("Scottish Championship", ("Dunfermline", "Partick Thistle", "Raith Rovers", "Ayr United",
              "Queen's Park", "Greenock Morton", "Airdrieonians", "Hamilton Academical", "Falkirk",
              "Livingston")),
    "en_IE": ("League of Ireland", ("Shamrock Rovers", "St Patrick's Athletic", "Bohemians", "Derry City",
              "Shelbourne", "Sligo Rovers", "Dundalk", "Drogheda United")),
    "en_US": ("MLS East", ("Inter Miami", "Columbus Crew", "Orlando City", "New England Revolution",
              "Philadelphia Union", "Charlotte FC", "Nashville SC")),
    "nl": ("Eredivisie", ("PSV", "Ajax", "Feyenoord", "AZ", "FC Twente", "Go Ahead Eagles", "Willem II",
           "Sparta Rotterdam", "NEC", "Heracles Almelo", "PEC Zwolle")),
    "fr": ("Ligue 1", ("PSG", "Olympique de Marseille", "AS Saint-Étienne", "Stade Rennais", "RC Lens",
           "OGC Nice", "Stade Brestois", "FC Nantes")),
    "de": ("2. Bundesliga", ("Fortuna Düsseldorf", "Hertha BSC", "Hannover 96", "FC St. Pauli",
                             "Karlsruher SC",
           "SV Darmstadt 98", "1. FC Nürnberg", "Eintracht Braunschweig")),
    "es": ("LaLiga", ("Real Sociedad", "Athletic Club", "Celta de Vigo", "Rayo Vallecano", "Real Betis",
           "Atlético de Madrid", "Deportivo Alavés", "CA Osasuna")),
    "it": ("Serie B", ("Sampdoria", "Palermo", "Bari", "Spezia", "Cremonese", "Südtirol", "Juve Stabia",
           "Carrarese")),
}  # fmt: skip


_MATCHDAY = {"nl": "speelronde", "fr": "journée", "de": "Spieltag", "en": "matchday", "es": "jornada",
             "it": "giornata"}  # fmt: skip


_ODDS = {  # final score, odds, draw, replies
    "nl": ("Uitslag", "Odds volgende week", "gelijk", "reacties"),
    "fr": ("Score final", "Cotes de la semaine prochaine", "nul", "réponses"),
    "de": ("Endstand", "Quoten nächste Woche", "Remis", "Antworten"),
    "en": ("FT", "Next week's odds", "draw", "replies"),
    "es": ("Final", "Cuotas de la próxima jornada", "empate", "respuestas"),
    "it": ("Finale", "Quote della prossima giornata", "pareggio", "risposte"),
}


def football_forum_table(c: Ctx) -> Sample:
    """A fans' forum post: a league table, a result, bookmakers' odds; usernames, no names."""
    league, teams = _LEAGUES[c.lang]
    user = f"{c.pick('pars', 'ajacied', 'ultra', 'kopite', 'tifoso', 'hincha')}_{c.rng.randint(1, 2010)}"
    t = _lt().add(f"{league} — {_MATCHDAY[c.base]} {c.rng.randint(8, 30)} · {user}\n")
    t.add("Pos Team                     P  W  D  L  F  A Pts\n")
    rows = []
    for team in c.rng.sample(teams, 5):
        w, d, lost = c.rng.randint(2, 12), c.rng.randint(1, 7), c.rng.randint(1, 8)
        rows.append((3 * w + d, team, w + d + lost, w, d, lost, c.rng.randint(10, 40), c.rng.randint(10, 40)))
    for pos, (pts, team, p, w, d, lost, f, a) in enumerate(sorted(rows, reverse=True), start=1):
        t.add(f"{pos:>3} {team:<24} {p:>2} {w:>2} {d:>2} {lost:>2} {f:>2} {a:>2} {pts:>3}\n")
    home, away = c.rng.sample(teams, 2)
    final, odds, draw, replies = _ODDS[c.base]
    t.add(f"{final}: {home} {c.rng.randint(0, 4)}-{c.rng.randint(0, 4)} {away}. {odds}: {home} ")
    t.add(f"{c.pick('3-1', '7/2', '11/10', '2.35')}, {draw} {c.pick('16-1', '12/5', '3.40')}, ")
    return t.add(f"{away} {c.pick('9/4', '5-1', '1.95')} — {c.rng.randint(2, 40)} {replies}").sample(
        "football_forum_table"
    )


_PLACES = {
    "en_GB": ("Victoria station", "King's Cross St Pancras", "Paddington", "Liverpool Street", "St Albans"),
    "en_IE": ("Heuston", "Connolly", "Dún Laoghaire", "St Stephen's Green", "Pearse Street"),
    "en_US": ("Penn Station", "Grand Central", "Washington Heights", "Lincoln Center", "San Francisco"),
    "nl": ("Den Bosch", "Sint-Niklaas", "Amsterdam Sloterdijk", "Rotterdam Alexander", "Sint-Truiden"),
    "fr": ("Saint-Denis", "Gare Saint-Lazare", "Gare de Lyon", "Saint-Étienne", "aéroport Charles-de-Gaulle"),
    "de": ("Alexanderplatz", "Sankt Augustin", "Ernst-Reuter-Platz", "Berlin Ostkreuz", "St. Pauli"),
    "es": ("Santa Justa", "Puerta del Sol", "San Sebastián", "Atocha", "Plaza de Cristo Rey"),
    "it": ("Santa Maria Novella", "Porta Garibaldi", "Piazza San Marco", "San Giovanni", "Roma Termini"),
}  # fmt: skip
_TRAVEL = {
    "nl": ("Vraag: hoe kom ik van {a} naar {b}?",
           "Antwoord: neem de trein van {time} vanaf spoor {n}, reistijd {m} min."),
    "fr": ("Question : comment aller de {a} à {b} ?",
           "Réponse : prenez le train de {time} voie {n}, trajet {m} min."),
    "de": ("Frage: Wie komme ich von {a} nach {b}?",
           "Antwort: Zug um {time} ab Gleis {n}, Fahrzeit {m} Min."),
    "en": ("Q: how do I get from {a} to {b}?",
           "A: take the {time} train from platform {n}, about {m} minutes."),
    "es": ("Pregunta: ¿cómo llego de {a} a {b}?",
           "Respuesta: tren de las {time} desde la vía {n}, {m} minutos."),
    "it": ("Domanda: come arrivo da {a} a {b}?",
           "Risposta: treno delle {time} dal binario {n}, circa {m} minuti."),
}  # fmt: skip


def travel_places_chat(c: Ctx) -> Sample:
    """A travel Q&A about stations and places named after saints and people; nobody named."""
    a, b = c.rng.sample(_PLACES[c.lang], 2)
    q, ans = _TRAVEL[c.base]
    t = fill(_lt(), q + "\n", a=a, b=b)
    hh = f"{c.rng.randint(6, 22):02d}:{c.pick('04', '17', '32', '48')}"
    fill(t, ans + "\n", time=hh, n=str(c.rng.randint(1, 19)), m=str(c.rng.randint(8, 95)))
    fare = f"€{c.rng.randint(2, 90)},{c.pick('00', '50', '40')}"
    return t.add(f"({fare} · 👍 {c.rng.randint(2, 60)})").sample("travel_places_chat")


_SURVEY = {
    "nl": ("Rooskleurige hoes kwam beschadigd aan.", "Storm in de regio, dus geen bereik.",
           "Mei was de bundel al op.",
           "Merel op de schotel, geen tv 😂", "Jan en alleman belt me met reclame.", "Top service!"),
    "fr": ("Pierre angulaire du service : la réactivité.", "Coque rose reçue rayée.",
           "Prudence avec les frais cachés.",
           "Constance dans la qualité, merci.", "Victoire ! Enfin la fibre.", "Rien à dire."),
    "de": ("Frank und frei: der Service war schlecht.", "Ist das Ihr Ernst? Schon wieder teurer.",
           "Die rosa Hülle kam zerkratzt an.", "Klein, aber fein.", "Im Mai war das Datenvolumen leer.",
           "Sommer-Angebot war top."),
    "en": ("Will recommend to friends.", "Rose gold case arrived scratched.",
           "Frank answer from support, appreciated.",
           "Hope you fix the app soon.", "Grace period for payment is too short.",
           "Bill was higher than expected again.",
           "Mark my words, I'm switching in June.", "Summer deals were great."),
    "es": ("Dolores de cabeza con la factura cada mes.", "La funda rosa llegó rayada.",
           "Consuelo: al menos en la tienda fueron amables.", "Luz roja en el router desde ayer.",
           "Sol y buena cobertura en la playa.", "Blanco y en botella: me cobráis de más."),
    "it": ("Serena la giornata, pessimo il 5G.", "Sono felice del servizio.",
           "Una risposta chiara, finalmente.",
           "La cover rosa è arrivata graffiata.", "Fortunato chi ha la fibra!",
           "Gioia e dolori con il nuovo router."),
}  # fmt: skip


def survey_comments(c: Ctx) -> Sample:
    """Anonymous survey comments whose words are also names (`Will`, `Frank`, `Dolores`, `Serena`)."""
    t = _lt().add(f"NPS export {c.noise.when():%Y-%m-%d}\n")
    for comment in c.rng.sample(_SURVEY[c.base], 3):
        t.add(f"#{c.rng.randint(10000, 99999)} ({c.rng.randint(0, 10)}/10): {comment}\n")
    return t.sample("survey_comments")


_IDS = {
    "nl": lambda c: c.digits(9),
    "fr": lambda c: " ".join((c.pick("1", "2"), *(c.digits(n) for n in (2, 2, 2, 3, 3, 2)))),
    "de": lambda c: f"{c.digits(2)} {c.digits(3)} {c.digits(3)} {c.digits(3)}",
    "en_GB": lambda c: f"QQ {c.digits(2)} {c.digits(2)} {c.digits(2)} C",
    "en_IE": lambda c: f"{c.digits(7)}{c.pick('FA', 'W', 'T')}",
    "en_US": lambda c: f"{c.rng.randint(1, 665):03d}-{c.rng.randint(1, 99):02d}-{c.rng.randint(1, 9999):04d}",
    "es": lambda c: f"{c.digits(8)}{c.pick(*'TRWAGMY')}",
    "it": lambda c: f"{c.letters(6)}{c.digits(2)}A{c.digits(2)}H{c.digits(3)}Z",
}  # fmt: skip
_EN_ID = {"en_GB": "NI number", "en_IE": "PPS number", "en_US": "social security number"}
_REFS = {
    "nl": "Mijn BSN is {v} en dat heb ik per ongeluk in het telefoonveld gezet, kunnen jullie het wissen? "
          "Bestelling {o}, track & trace {tr}, terugbetaling graag naar {iban}. Referentie {ref}.",
    "fr": "Mon numéro de sécu est {v}, je l'ai mis par erreur dans le champ téléphone, pouvez-vous l'effacer "
          "? "
          "Commande {o}, suivi {tr}, remboursement sur {iban}. Réf. {ref}.",
    "de": "Meine Steuer-ID ist {v}, die habe ich aus Versehen ins Telefonfeld eingetragen, bitte löschen. "
          "Bestellung {o}, Sendungsnummer {tr}, Erstattung bitte auf {iban}. Ref. {ref}.",
    "en": "my {id} is {v} and I put it in the phone field by mistake, can you delete it? Order {o}, tracking "
          "{tr}, refund to {iban} please. Ref {ref}.",
    "es": "Mi DNI es {v} y lo puse por error en el campo del teléfono, ¿lo podéis borrar? Pedido {o}, "
          "seguimiento {tr}, devolución a {iban}. Ref. {ref}.",
    "it": "Il mio codice fiscale è {v}, l'ho messo per errore nel campo telefono, potete cancellarlo? "
          "Ordine {o}, tracking {tr}, rimborso su {iban}. Rif. {ref}.",
}  # fmt: skip
_IBAN_COUNTRY = {"nl": "NL", "fr": "FR", "de": "DE", "en_GB": "GB", "en_IE": "IE", "es": "ES", "it": "IT"}
_BBAN_DIGITS = {"FR": 23, "DE": 18, "ES": 20, "IT": 22}


def reference_numbers_ticket(c: Ctx) -> Sample:
    """An anonymous ticket full of numbers: a national id after its cue (an SSN shaped like a phone number
    among them), order, tracking and a 16-digit reference failing Luhn, an IBAN (a US routing number)."""
    country = _IBAN_COUNTRY.get(c.lang)
    if country is None:
        account = f"routing {c.digits(9)}, account {c.digits(10)}"
    elif country in ("NL", "GB", "IE"):
        account = iban_of(country, "NORV" + c.digits(10 if country == "NL" else 14))
    else:
        account = iban_of(
            country, ("X" if country == "IT" else "") + c.digits(_BBAN_DIGITS[country] - (country == "IT"))
        )
    tracking = c.pick(f"1Z{c.hexs(6).upper()}{c.digits(10)}", f"3S{c.letters(4)}{c.digits(9)}",
                      f"JJD{c.digits(18)}", f"{c.letters(2)}{c.digits(9)}GB")  # fmt: skip
    t = fill(_lt(), _REFS[c.base] + "\n", id=_EN_ID.get(c.lang, ""), v=_IDS[c.lang](c), o=c.noise.order_id(),
             tr=tracking, iban=account, ref=c.noise.luhn_failing_reference())  # fmt: skip
    return t.add(c.say("device") or "--").sample("reference_numbers_ticket")


_BRANDS = ("Tommy Hilfiger", "Dr. Martens", "Ben & Jerry's", "Hugo Boss", "Ralph Lauren", "Calvin Klein",
           "Ted Baker", "Paul Smith", "Marc O'Polo", "Jack Wolfskin", "Tom Tailor", "Karl Lagerfeld",
           "Philips", "Miele", "Dyson", "Ray-Ban", "Louis Vuitton", "Giorgio Armani")  # fmt: skip
_BRAND_CHAT = {
    "nl": "Klant: de {b} jas die ik bestelde (maat {s}) is de verkeerde kleur, en de {p} doet het niet.",
    "fr": "Client : la veste {b} commandée (taille {s}) n'est pas la bonne couleur, et le {p} ne marche pas.",
    "de": "Kunde: die {b} Jacke (Größe {s}) hat die falsche Farbe und das {p} geht nicht.",
    "en": "Customer: the {b} jacket I ordered (size {s}) is the wrong colour and the {p} won't turn on.",
    "es": "Cliente: la chaqueta {b} (talla {s}) es del color equivocado y el {p} no enciende.",
    "it": "Cliente: la giacca {b} (taglia {s}) è del colore sbagliato e il {p} non si accende.",
}


def product_brand_chat(c: Ctx) -> Sample:
    """A bot conversation about products of brands named after people; no person in it."""
    b1, b2 = c.rng.sample(_BRANDS, 2)
    size, product = c.pick("S", "M", "L", "XL", "42"), c.pick(*PRODUCTS)
    t = fill(_lt(), _BRAND_CHAT[c.base] + "\n", b=b1, s=size, p=product)
    t.add(f"Nova: {_RMA[c.base]}: RMA-{c.digits(8)}. ")
    return t.add(f"{b2} {c.pick('outlet', 'store', 'shop-in-shop')} {c.letters(3)}{c.digits(3)}.").sample(
        "product_brand_chat"
    )


_RMA = {"nl": "Retour aangemaakt", "fr": "Retour créé", "de": "Retoure erstellt",
        "en": "Return label created",
        "es": "Devolución creada", "it": "Reso creato"}  # fmt: skip


_MENU = {
    "nl": ("Kies: 1) Factuur 2) Storing 3) Verhuizen",
           "Je bent nummer {q} in de wachtrij (± {w} min). Ticket {tk}.",
           "Hoe tevreden ben je (1-5)?"),
    "fr": ("Choisissez : 1) Facture 2) Panne 3) Déménagement",
           "Vous êtes n° {q} dans la file (env. {w} min). "
           "Ticket {tk}.", "Votre satisfaction (1-5) ?"),
    "de": ("Wähle: 1) Rechnung 2) Störung 3) Umzug", "Du bist Nr. {q} in der Warteschlange (ca. {w} Min.). "
           "Ticket {tk}.", "Wie zufrieden warst du (1-5)?"),
    "en": ("Choose: 1) Billing 2) Fault 3) Moving",
           "You're number {q} in the queue (about {w} min). Ticket {tk}.",
           "How did we do (1-5)?"),
    "es": ("Elige: 1) Factura 2) Avería 3) Mudanza",
           "Eres el número {q} en la cola (unos {w} min). Ticket {tk}.",
           "¿Cómo lo hemos hecho (1-5)?"),
    "it": ("Scegli: 1) Bolletta 2) Guasto 3) Trasloco",
           "Sei il numero {q} in coda (circa {w} min). Ticket {tk}.",
           "Come valuti la chat (1-5)?"),
}  # fmt: skip


_VISITOR = {"nl": "Bezoeker", "fr": "Visiteur", "de": "Besucher", "en": "Visitor", "es": "Visitante",
            "it": "Visitatore"}  # fmt: skip


def bot_menu_transcript(c: Ctx) -> Sample:
    """An automated chat: menu choices, queue position, ticket number, a rating; nobody named."""
    menu, queue, rate = _MENU[c.base]
    clock = c.clock()
    t = _lt()
    _line(t, clock, "Nova", menu)
    _line(t, clock, _VISITOR[c.base], c.pick("2", "3", "1"))
    _line(
        t,
        clock,
        "Nova",
        queue,
        q=str(c.rng.randint(1, 14)),
        w=str(c.rng.randint(2, 25)),
        tk=c.noise.order_id(),
    )
    _line(t, clock, "Nova", rate)
    return _line(t, clock, _VISITOR[c.base], c.pick("5", "4", "1", "5/5")).sample("bot_menu_transcript")


_SLOT_CHAT = {
    "nl": ("Je bestelling {o} komt {day} tussen {a} en {b}. Code pakketautomaat: {code}.",
           "kan het ook {day2}?",
           "Dat kan, nieuw tijdvak {day2} {a}-{b}."),
    "fr": ("Votre commande {o} arrive {day} entre {a} et {b}. Code consigne : {code}.",
           "c'est possible {day2} ?",
           "Oui, nouveau créneau {day2} {a}-{b}."),
    "de": ("Deine Bestellung {o} kommt am {day} zwischen {a} und {b}. Packstation-Code: {code}.",
           "geht auch {day2}?",
           "Ja, neues Zeitfenster {day2} {a}-{b}."),
    "en": ("Your order {o} arrives {day} between {a} and {b}. Locker code: {code}.",
           "can it be {day2} instead?",
           "Sure, new slot {day2} {a}-{b}."),
    "es": ("Tu pedido {o} llega el {day} entre las {a} y las {b}. Código taquilla: {code}.",
           "¿puede ser el {day2}?",
           "Sí, nueva franja {day2} {a}-{b}."),
    "it": ("Il tuo ordine {o} arriva {day} tra le {a} e le {b}. Codice locker: {code}.", "si può {day2}?",
           "Certo, nuova fascia {day2} {a}-{b}."),
}  # fmt: skip


def delivery_slot_chat(c: Ctx) -> Sample:
    """A delivery-slot chat: weekdays, time windows, locker codes, order number; nobody named."""
    first, ask, answer = _SLOT_CHAT[c.base]
    day, day2 = c.rng.sample(_WEEKDAYS[c.base], 2)
    a = c.rng.randint(8, 18)
    values = {"o": c.noise.order_id(), "day": day, "day2": day2, "a": f"{a}:00", "b": f"{a + 2}:00",
              "code": c.digits(6)}  # fmt: skip
    clock = c.clock()
    t = _lt()
    _line(t, clock, "Norvia", first, **values)
    _line(t, clock, _VISITOR[c.base], ask, **values)
    return _line(t, clock, "Norvia", answer, **values).sample("delivery_slot_chat")


POSITIVE_SHAPES: dict[str, Shape] = {
    f.__name__: f
    for f in (
        live_chat_transcript, whatsapp_export, sms_courier_thread, customer_ticket, agent_reply_with_quote,
        call_centre_notes, social_dm_to_brand, shouting_complaint, lowercase_title_intro, third_party_ticket,
        group_booking_names, name_correction_ticket, moving_notice, us_military_order, care_of_or_po_box,
        irish_address_no_eircode, callback_with_extension, spelled_email_chat, card_in_chat,
        appointment_booking, marketplace_message, voicemail_ticket, internal_handover_note,
        family_account_ticket,
    )
}  # fmt: skip
NEGATIVE_SHAPES: dict[str, Shape] = {
    f.__name__: f
    for f in (
        football_forum_table, travel_places_chat, survey_comments, reference_numbers_ticket,
        product_brand_chat, bot_menu_transcript, delivery_slot_chat,
    )
}  # fmt: skip
HELDOUT8_SHAPES: dict[str, Shape] = {**POSITIVE_SHAPES, **NEGATIVE_SHAPES}


def build_heldout8_corpus(lines: int = 2000, seed: int = 0) -> list[Sample]:
    """`lines` labelled samples, the same for the same seed; the first records cover every shape once."""
    rng = random.Random(seed * 23 + 8)
    population = build_population(seed, max(80, lines // 3))
    by_region: dict[str, list[Person]] = {}
    for p in population:
        by_region.setdefault(p.address.region, []).append(p)
    context = functools.partial(Ctx, by_region=by_region, crowd=population)
    return cast_corpus(lines, rng, POSITIVE_SHAPES, NEGATIVE_SHAPES, population, context, cast=4)
