"""How comments and chats use a name, read as evidence that a word is one: greeting, thanking or
praising someone (`hey Tanner!`, `Thank you Hendo for ...`, `Great video Shan !`, `thanks obama !`),
speaking to them in the second person (`Kelsey you should ...`, `Jaiden , you are ...`), and owning a
relative or a voice (`Natalia's sister`, `Ariana ' s voice`).

Chats write punctuation as they like, so a space may stand before a comma, `!` or `?` (French typography
puts one before `!`, `?`, `:` and `;`; tokenised text before every mark). The word must still read as a
name (`recognizers.names.evidence.reads_as_name`): no stop, everyday or salutation word, no English verb,
adjective, adverb or plural (`Thanks Guys!`, `Hey Everyone,`, `Great video Today`); written in lower case
only after a greeting and when it is no dictionary word at all (`thanks obama !`, not `hi there !`).
"""

from __future__ import annotations

import regex

from recognizers.names.cues import ADVERBS_BEFORE_A_VERB, KIN_NOUNS, PERSON_NOUNS
from recognizers.names.evidence import camel_case, reads_as_name
from recognizers.names.pieces import LOWER_NAME_2, TITLE_NAME

GREETED = "name (greeted, thanked or praised)"
SPOKEN_TO = "name (spoken to in the second person)"
POSSESSOR = "name (owner of a relative, a voice or a face)"
RECIPIENT = "name (given what is his or hers)"
IN_A_ROLE = "name (in a role only a person has)"
COMPANION = "name (beside the writer: `Dean and I`, `me & Lexa`)"

# greetings, thanks, farewells, wishes and the praise a comment opens with, then the one it is meant for
_CUE = (
    r"hi|hey|heya|hiya|hello|yo|sup|howdy|thanks|thank[ \t]+you|thank[ \t]+u|thanx|thx|ty|bye|goodbye|"
    r"good[ \t]?night|congrats|congratulations|happy[ \t]+(?:birthday|bday|anniversary|new[ \t]+year)|"
    r"(?:good|great|nice)[ \t]+(?:job|work|one)|well[ \t]+done|love[ \t]+(?:you|ya|u)|miss[ \t]+(?:you|u)|"
    r"good[ \t]+luck|welcome[ \t]+back|rip|"
    r"(?:great|nice|good|awesome|amazing|cool|excellent|lovely|beautiful|fantastic|brilliant)[ \t]+"
    r"(?:video|vid|vlog|song|poem|post|stream|episode|stuff|performance|cover)"
)
_LOWER_NAME = r"\p{Ll}[\p{Ll}'’\-]{1,30}"
# where a sentence starts: the text's or a line's start, or after `.`, `!` or `?` that ends no initial
# (`Stefanía K. Oddgeirsdóttir will be talking`)
_SENTENCE_START = r"(?:^|(?<=\n[ \t]*)|(?<=(?<!(?:^|[\s.])\p{Lu})[.!?][ \t]*))"
# what may follow the name: a mark or the end, or the rest of a clause spoken to them
_AFTER = r"(?=[ \t]*(?:[^\w\s'’\-]|$)|[ \t]+(?i:for|and|&|you|u|your|ur|i|we|keep|please|pls|plz)\b)"
_GREETED = regex.compile(
    rf"(?<![\w'’\-])(?i:{_CUE})[ \t]*,?[ \t]+(?P<name>{TITLE_NAME}|(?P<lower>{_LOWER_NAME})){_AFTER}"
)
_GREETING_GATE = (
    "hi", "he", "yo", "sup", "howdy", "th", "bye", "night", "congrat", "happy", "job", "work", "one",
    "done", "love", "miss", "luck", "welcome", "rip", "vid", "vlog", "song", "poem", "post", "stream",
    "episode", "stuff", "performance", "cover",
)  # fmt: skip
# a name opening a sentence, then the second person it is spoken to in (`Kelsey you should`, `Jaiden ,
# you are`, `Jaime please`, `Loey , do you ...`)
_SPOKEN_TO = regex.compile(
    rf"{_SENTENCE_START}(?P<name>{TITLE_NAME})[ \t]*,?[ \t]+"
    r"(?=(?i:you|your|u|ur|please|pls|plz)(?:[ \t]+\p{Ll}|[ \t]*[,.!?]|$)|"
    r"(?i:do|did|can|could|would|will|are|have)[ \t]+(?i:you|u)\b)"
)
_SECOND_PERSON_GATE = ("you", " u ", " ur ", "please", "pls", "plz")
# the owner of a relative, a voice or a face: `Natalia's sister`, `Ariana ' s voice`, `marvin's mom`
_RELATIVE = (
    r"mom|mum|mother|mommy|dad|daddy|father|sister|brother|sis|bro|wife|husband|son|daughter|"
    r"girlfriend|boyfriend|gf|bf|fiancée?|parents|kid|kids|child|children|baby|grandma|grandpa|grandmother|"
    r"grandfather|"
    r"aunt|uncle|cousin|nephew|niece|family|voice|face|hair|eyes|smile|laugh|birthday|wedding|funeral"
)
# the nouns of a relation, which name no one by themselves (`my Mom and I`, `Children need more sleep`)
_RELATIONS = regex.compile(rf"(?i:{KIN_NOUNS}|{_RELATIVE})")
# ... or of the contact details and birth date a person has: `Kian's address`, `Ann's phone number`
_PERSONAL_DATA = (
    r"(?:home[ \t]+|postal[ \t]+|new[ \t]+)?address|(?:phone|mobile)(?:[ \t]+number)?|"
    r"e-?mail(?:[ \t]+address)?|date[ \t]+of[ \t]+birth"
)
_POSSESSOR = regex.compile(
    rf"(?<![\w'’\-])(?P<name>{TITLE_NAME})[ \t]?['’][ \t]?s[ \t]+(?:(?i:little|big|older|younger|"
    rf"new|ex)[ \t]+)?(?i:{_RELATIVE}|{_PERSONAL_DATA})(?![\w'’\-])"
)


def _reads_as_names(value: str) -> bool:
    """One word reads as a name; of several, the first does (`Zac Brown`, not `Great Video`); a word with
    a clitic is none (`What's your name?`)."""
    first = value.split()[0]
    return "'" not in first and "’" not in first and reads_as_name(first, lower_case=first.islower())


def greeted_names(text: str) -> list[tuple[int, int, str]]:
    """The one a greeting, thanks, farewell, wish or a comment's praise is meant for (`hey Tanner!`,
    `Thank you Hendo for ...`, `Great video Shan !`); lower case (`thanks obama !`) when the word is no
    dictionary word."""
    from recognizers.dictionary import is_dictionary_word

    lowered = text.lower()
    if not any(cue in lowered for cue in _GREETING_GATE):
        return []
    found = []
    for match in _GREETED.finditer(text):
        value = match.group("name")
        if match.group("lower"):
            if not reads_as_name(value, lower_case=True) or is_dictionary_word(value):
                continue
        elif not _reads_as_names(value):
            continue
        found.append((match.start("name"), match.end("name"), GREETED))
    return found


def spoken_to_names(text: str) -> list[tuple[int, int, str]]:
    """A name opening a sentence that goes on in the second person (`Kelsey you should ...`)."""
    lowered = f" {text.lower()} "
    if not any(cue in lowered for cue in _SECOND_PERSON_GATE):
        return []
    return [
        (match.start("name"), match.end("name"), SPOKEN_TO)
        for match in _SPOKEN_TO.finditer(text)
        if _reads_as_names(match.group("name"))
    ]


# a verb of giving, its indirect object, then what belongs to it: `had given Lukas his address`, `sent Ann her
# new card` (not `sent Acme its invoice`: `its` owns no person's things)
_RECIPIENT = regex.compile(
    rf"(?<![\w'’\-])(?i:gave|given|give|gives|giving|sent|send|sends|told|tell|tells|showed|shown|show|"
    rf"emailed|texted|handed|passed|mailed)[ \t]+(?P<name>{TITLE_NAME})[ \t]+(?i:his|her)[ \t]+\p{{L}}"
)
# roles only a person fills on an account or a will (not `partner`, `owner` or `contact`: companies are those)
_PERSON_ROLES = (
    r"beneficiary|(?:legal[ \t]+)?guardian|executor|trustee|carer|caregiver|dependant|dependent|nominee|"
    r"next[ \t]+of[ \t]+kin|emergency[ \t]+contact|authori[sz]ed[ \t]+user|spouse|wife|husband|son|daughter|"
    r"child|parent|mother|father"
)
# `add Tünde Hoffmann as a beneficiary`, `we need to add Ryan P Costa as guardian`
_AS_ROLE = regex.compile(
    rf"(?:(?<![\w'’\-])(?P<name>{TITLE_NAME})|"
    # ... in lower case, after the verb that names the person to the role: `add julie novák as a beneficiary`
    rf"(?<![\w'’\-])(?:add|added|adding|name|named|appoint|appointed|make|made|list|listed)[ \t]+"
    rf"(?P<name>{LOWER_NAME_2}))"
    r"[ \t]+as[ \t]+(?:(?i:a|an|the|my|our|his|her)[ \t]+)?"
    rf"(?:(?i:new|joint|second|co-)[ \t]*)?(?i:{_PERSON_ROLES})(?![\w'’\-])"
)


def recipients_and_roles(text: str) -> list[tuple[int, int, str]]:
    """Who is given what is theirs (`Christian had given Lukas his address`) and who is named in a role only a
    person fills (`add Tünde Hoffmann as a beneficiary`): a person, whatever the model calls the word."""
    found = []
    for pattern, rule in ((_RECIPIENT, RECIPIENT), (_AS_ROLE, IN_A_ROLE)):
        found.extend(
            (match.start("name"), match.end("name"), rule)
            for match in pattern.finditer(text)
            if _reads_as_names(match.group("name"))
        )
    return found


def possessors(text: str) -> list[tuple[int, int, str]]:
    """The owner of a relative, a voice, a face, a birthday or contact details (`Natalia's sister`, `Kian's
    address`): a person."""
    if "'" not in text and "’" not in text:
        return []
    return [
        (match.start("name"), match.end("name"), POSSESSOR)
        for match in _POSSESSOR.finditer(text)
        if _reads_as_names(match.group("name"))
    ]


SUBJECT = "name (subject opening a sentence)"
# a retweet's or a reply's opening, the handle quoted and its colon: `RT @narryandliam : `
QUOTED_POST_OPENING = r"(?:^|\n)[ \t]*(?:(?i:rt)[ \t]+)?@\w+[ \t]*:[ \t]+"
# where a retweet's quoted text starts, a sentence's start too (`RT @x : Sooyoung came to ...`)
_QUOTED_POST_START = rf"(?<={QUOTED_POST_OPENING})"
# a capitalised word opening a sentence, the finite verb after it, then prose to the sentence's end (`Themba
# is obsessed`), not a line that opens a block (`Terraform will perform the following actions:`)
_SUBJECT = regex.compile(
    # a sentence's start, a clause's after a conjunction (`..., but Celina just has to ...`), a quoted post's
    rf"(?:{_SENTENCE_START}|(?<=,[ \t]+(?:but|and|so|because|while|when|if)[ \t]+)|{_QUOTED_POST_START})"
    r"(?P<name>(?:Mc|Mac|O['’])?\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}+)?)"
    # an adverb may stand between the subject and its verb
    rf"(?:[ \t]+(?:{ADVERBS_BEFORE_A_VERB}))?"
    r"[ \t]+(?P<verb>\p{Ll}+)(?=[ \t]+\p{Ll}[^:\n]*?(?:[.!?\n]|$))"
)

# people named by what they are, whose plural the dictionary does not index as written (`Women are more
# likely to ...`), or by their relation (`_RELATIONS`): no name as a subject
_PEOPLE_OR_RELATIONS = regex.compile(rf"(?i:{PERSON_NOUNS}|{KIN_NOUNS}|{_RELATIVE})")
DEFINITION = regex.compile(r"[ \t]+(?:is|was|are|were)[ \t]+(?:a|an|the|one)\b")


def sentence_subjects(text: str) -> list[tuple[int, int, str]]:
    """A word opening a sentence, or a clause after a conjunction (`..., but Virpi just has to`), as the
    subject of the finite verb after it, past an adverb (`Themba is obsessed`, `Macy was so mean`): a name
    when it is no dictionary word at all and reads as one; a word stretched for
    emphasis (`Sooo`) is none (`reads_as_name`). A definition (`Zoolander is a 2001 film`, `Telenav is
    the agency ...`) says what a thing is as often as who a person is: no evidence."""
    from recognizers.dictionary import is_dictionary_word, is_finite_verb

    found = []
    for match in _SUBJECT.finditer(text):
        word = match.group("name")
        if DEFINITION.match(text, match.end("name")):
            continue
        if (
            is_finite_verb(match.group("verb"))
            and reads_as_name(word)
            and not is_dictionary_word(word)
            and _PEOPLE_OR_RELATIONS.fullmatch(word) is None
        ):
            found.append((match.start("name"), match.end("name"), SUBJECT))
    return found


# one to three capitalised or ALL-CAPS words, then `and I`/`& me`, or `me and` before them: the writer names
# someone beside themselves (`Tessa and I went`, `HERES THE VIDEO OF DEAN AND I`, `ME &amp; LEXA WILL`)
_COMPANION_WORD = r"\p{Lu}[\p{L}'’\-]+"
_AND = r"[ \t]+(?:and|AND|And|&|&amp;)[ \t]+"
_COMPANION = regex.compile(
    rf"(?<![\w'’@#\-])(?P<before>{_COMPANION_WORD}(?:[ \t]+{_COMPANION_WORD}){{0,2}}){_AND}"
    r"(?:I|i|me|Me|ME)(?![\w'’\-])"
    rf"|(?<![\w'’\-])(?:me|Me|ME){_AND}(?P<after>{_COMPANION_WORD}(?:[ \t]+{_COMPANION_WORD}){{0,2}})"
)
_WORD = regex.compile(r"\S+")
# `back to Uni and I have`: the word is a preposition's object, and `I` opens the next clause
_PLACE_PREPOSITION_BEFORE = regex.compile(r"(?i:\b(?:to|at|in|into|from|on|onto)[ \t]+)\Z")


def _companion_word(word: str) -> bool:
    """A word of the name beside the writer: it reads as a name, and is no relation (`Mom and I`), no
    retweet mark (`RT and i'll give you`) and no handle written in camel case (`MadeByMe and I`)."""
    return (
        reads_as_name(word) and _RELATIONS.fullmatch(word) is None and word != "RT" and not camel_case(word)
    )


def companions(text: str) -> list[tuple[int, int, str]]:
    """Someone the writer names beside themselves (`Tessa and I went`, `me & Lexa`): a person. The name is
    the run of words next to `and` that read as names and no relation (`my Mom and I` holds none); one
    word that does not stops the run (`THE VIDEO OF DEAN AND I` -> `DEAN`)."""
    if " and " not in text.lower() and "&" not in text:
        return []
    found = []
    for match in _COMPANION.finditer(text):
        group = "before" if match.group("before") else "after"
        words = list(_WORD.finditer(match.group(group)))
        if group == "before":
            words.reverse()
        run = []
        for word in words:
            if not _companion_word(word.group(0)):
                break
            run.append(word)
        if not run:
            continue
        offset = match.start(group)
        start, end = offset + min(w.start() for w in run), offset + max(w.end() for w in run)
        if (
            group == "before"
            and match.group(0)[-1] in "Ii"
            and _PLACE_PREPOSITION_BEFORE.search(text, max(0, start - 8), start)
        ):
            continue
        found.append((start, end, COMPANION))
    return found
