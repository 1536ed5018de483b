"""Names in comments and chats (issue 12, second round): greeted, thanked or praised, spoken to in the
second person, owning a relative or a voice, opening a sentence as a verb's subject, listed with a space
before the comma; and what chats glue to a name or write in its place (@handles, #hashtags, laughter,
shorthand, terms of address, shouting). Rows written for these tests, each easy row beside the hard ones
that keep its rule honest."""

import pytest

from recognizers import detect
from recognizers.dictionary import noun_a_name_may_be
from recognizers.names.evidence import chat_trimmed, is_chat_word


def found(text):
    return [text[f.start : f.end] for f in detect([text])[0] if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # greeted, thanked, praised: the cue, then the one it is meant for
        ("Thank you Hendrika for what you did", ["Hendrika"]),
        ("Great video Solveig ! Hope you had fun", ["Solveig"]),
        ("bye Ottoline !", ["Ottoline"]),
        ("thanks zbigniewa !", ["zbigniewa"]),  # lower case: no dictionary word
        ("thanks everyone !", []),
        ("hi there !", []),
        ("Thanks Guys!", []),
        ("Good job today !", []),
        # spoken to in the second person, opening a sentence
        ("Marisol you should dye your hair again", ["Marisol"]),
        ("Jozefien , you are so kind", ["Jozefien"]),
        ("Dude your hair is amazing", []),
        ("Omg you craft better than me", []),
        ("Sorry you had to wait.", []),
        # `u` is a preposition in Czech place names, not `you`
        ("Kámen u Pacova", []),
        # the owner of a relative, a voice or a face
        ("How come Rosalind ' s sister is never in the vlog ?", ["Rosalind"]),
        ("I love Ileana's voice", ["Ileana"]),
        # ... or of contact details: the model may call the owner a place or a group
        ("As promised, here's Gregorina's address:", ["Gregorina"]),
        ("Can you send me Tihomila's phone number?", ["Tihomila"]),
        ("What's the store's address?", []),
        ("It was a done thing between him and Franciska's kid; and everybody thought so.", ["Franciska"]),
        # who is given what is theirs, and who is named in a role only a person fills
        ("Christian had given Lukas his address: 15 Via Carlo Cattaneo", ["Lukas"]),
        ("We sent Acme its invoice", []),
        ("I want to add Tünde Hoffmann as a beneficiary to my account", ["Tünde Hoffmann"]),
        ("we need to add Ryan P Costa as guardian", ["Ryan P Costa"]),
        ("Please add Acme as a partner", []),
        # ... in lower case too, after the verb naming them to it (issue 12's twelfth round)
        ("in case of my child's account, we need to add zsófia gyarmathy as guardian", ["zsófia gyarmathy"]),
        ("add my wife as guardian", []),
        # a relation noun introduces its name, unless a verb follows it in a title-cased sentence
        ("my son Will Okafor is here", ["Will Okafor"]),
        ("My Son Has Gone", []),
        ("My Son Was Taken From Me", []),
        ("we added the new user as guardian", []),
        ("What's your name?", []),
        ("Murphy's law strikes again", []),
        # someone the writer names beside themselves (issue 12's thirteenth round)
        ("Tessa and I went to the park", ["Tessa"]),
        ("HERES THE VIDEO OF DEAN AND I MEETING YALL", ["DEAN"]),
        ("ME &amp; LEXA WILL ROAD TRIP TO SA TOMORROW", ["LEXA"]),
        ("Between Ann Lee and me there is nothing", ["Ann Lee"]),
        ("my Mom and I went shopping", []),
        ("me and my bestie", []),
        ("Section A and I were merged", []),
        ("me and Netflix tonight", []),
        ("Ha the day I go back to Uni and I have the worst sleep", []),
        ("RT and i will give you a shoutout", []),
        ("MadeByMe and I have been waiting years", []),
        # a sentence's subject before its finite verb, when it is no dictionary word
        ("Themba is obsessed with it", ["Themba"]),
        # ... or a clause's after a conjunction, an adverb between (issue 12's twelfth round)
        ("He's injured from the waist down, but Virpi just has to get laid.", ["Virpi"]),
        ("I went home, but Acme still has my money.", []),
        # ... or a retweet's quoted text (thirteenth round)
        ("RT @USER2356 : Sooyoung came to tiff 's party", ["Sooyoung"]),
        ("RT @x : Payment is due tomorrow", []),
        ("RT @USER1411 : Women are more likely to experience it", []),
        ("Children need more sleep than adults", []),
        ("Ledgend lives on", ["Ledgend"]),  # a misspelt word reads as a name: the rule's known cost
        ("Havent slept in days", []),
        ("Sooo plans for tomorrow ?", []),
        ("Payment is due tomorrow", []),
        # ... not a definition, which says what a thing is as often as who a person is
        ("Telenavix is a design agency based in Kulusuk.", []),
        ("Terraform will perform the following actions:\n  + resource", []),
    ],
)
def test_names_people_use_in_chats(text, expected):
    assert sorted(found(text)) == sorted(expected)


@pytest.mark.parametrize(
    "text, named, not_named",
    [
        # a list written with a space before its commas
        (
            "If you keep Vin , Dwayne , Ty , Luda , Jason & Michelle . . . I will",
            {"Dwayne", "Luda", "Michelle"},
            set(),
        ),
        # a pair only when its words are no dictionary words (the model calls `Discipline` a person here)
        ("Capitalized words like Wisdom and Discipline are often mistaken with names", set(), {"Wisdom"}),
        # and no pair before a house number: a street (the model calls `Democracia 4183` a person)
        ("Please return to Neville and Democracia 4183 in case of an issue", set(), {"Neville"}),
    ],
)
def test_the_other_items_of_a_list(text, named, not_named):
    names = set(found(text))
    assert named <= names and not (not_named & names)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a speech verb's lone subject: NER decides between a name and a common noun
        ("Police said the man fled the scene.", []),
        ("Analysts said the market would fall.", []),
        ("He said he would call back.", []),
        ("Bill said he would call back.", ["Bill"]),
        # a handle or a hashtag is no name; chat words at a name's edges are not part of it
        ("@JoshRamsayArmy Kay sorry ... Well my dad left", ["Kay"]),
        ("@Ann Lee can you check the invoice?", ["Ann Lee"]),
        ("Awwwww Didga so cute baby !", ["Didga"]),
        ("GWOOOOD SHIIIIT !", []),
        ("Customer: Owokoniran K.   Account 3517078233", ["Owokoniran K."]),  # an initial is no chat word
        ('"You picked a fine time to leave me Guy, four hungry children"', ["Guy"]),
        # an attribution after a dash, a name before an ellipsis, a name after a handle ending in a key word
        ("Strike that , reverse it . -Roald Dahl", ["Roald Dahl"]),
        ("Wow .. saw pictures of Robert .... spent 2 years with him .", ["Robert"]),
        ("RT @_youhadonejob : Richard may need some help .", ["Richard"]),
    ],
)
def test_what_chats_write_beside_or_instead_of_names(text, expected):
    assert sorted(found(text)) == sorted(expected)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("Loooool", True),
        ("hahaha", True),
        ("Omg", True),
        ("Imma", True),
        ("Havent", True),
        ("Fellas", True),
        ("Blerghhhhh", True),
        ("Kay", False),
        ("Hannah", False),
        ("Lola", False),
        ("Noah", False),
    ],
)
def test_chat_words(word, expected):
    assert is_chat_word(word) is expected


def test_chat_trimmed_drops_the_handle_and_the_laughter():
    text = "@KaulitzClub Hahaha Ann Lee"
    start, end = chat_trimmed(text, 1, len(text))
    assert text[start:end] == "Ann Lee"
    assert chat_trimmed("#ZodiacFacts", 1, 12) == (1, 1)


@pytest.mark.parametrize(
    "word, expected",
    [
        ("David", True),
        ("Bill", True),
        ("Police", True),
        ("Analysts", False),
        ("Wrong", False),
        ("Little", False),
    ],
)
def test_a_noun_a_name_may_be(word, expected):
    assert noun_a_name_may_be(word) is expected
