"""Short English prose read whole, and the model's lower-case persons kept where a sentence uses them as
persons (issue 12, third round: `recognizers.names.prose`). Rows written for these tests, each easy row
beside the hard ones that keep its rule honest."""

import pytest

from recognizers import detect
from recognizers.names.lower_case import lower_case_full_name
from recognizers.names.prose import PROSE_LIMIT, confirmed_hints, english_prose
from recognizers.names.spans import name_between_separators


def found(text):
    return [text[f.start : f.end] for f in detect([text])[0] if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a lower-case person inside a post that also has capitals, the subject of a finite verb or of `'s`
        ("Honestly i think jonas is right about this", ["jonas"]),
        ("OMG did you see what kevin did at the game", ["kevin"]),
        ("Heading out now , ingmar 's picking me up at six", ["ingmar"]),
        ("So helga was right all along", ["helga"]),
        ("Long day . . . ingmar you are the best , thanks for the help", ["ingmar"]),
        # the model's hits that are no person stay out: a street with its number, a company, a town
        ("Kerkstraat 12 is closed for the market", []),
        ("The usb cable is broken again and the router is dead", []),
        ("We walked to lisbon and back in one day", []),
        # Dutch and German records are no English prose: the model's `Betaald`, `Visa` stay out
        ("Betaald met Visa op 12-03-2026", []),
        ("Wifi down again at the office", []),
    ],
)
def test_lower_case_persons_in_english_posts(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("is it just me or is his voice scary", True),
        ("Katrin up 6-0 after the first set", True),
        # links, handles and hashtags are no words of the sentence
        ("Ozzie at GQ Men Of The Year Party - Red Carpet http://t.co/GgKsppRdjS", True),
        ("Betaald met Visa @winkel #bon http://t.co/GgKsppRdjS", False),
        ("Betaald met Visa op 12-03-2026", False),
        ("Kerkstraat 12, 1017 AB Amsterdam", False),
        ("user=anna action=login status=ok from 10.0.0.1", False),
        ("hi there", False),  # too short to tell
        ("the cable is down and " * 30, False),  # a document, not a post: windows as before
    ],
)
def test_english_prose(text, expected):
    assert len("the cable is down and " * 30) > PROSE_LIMIT
    assert english_prose(text) is expected


def test_a_hint_needs_the_sentence_to_use_it_as_a_person():
    text = "so oksana says hi , and oksana tea is the best"
    says = (text.index("oksana"), text.index("oksana") + 6)
    tea = (text.rindex("oksana"), text.rindex("oksana") + 6)
    assert [span[:2] for span in confirmed_hints(text, [says, tea])] == [says]
    # a dictionary word is no name in lower case, whatever follows it
    assert confirmed_hints("the weather is fine and the mood is good", [(0, 3)]) == []
    # outside English prose a hint stays a hint
    assert confirmed_hints("oksana heeft betaald met visa", [(0, 6)]) == []


@pytest.mark.parametrize(
    "text, hint, confirmed",
    [
        # the cues that make a capitalised word a name, read in lower case: speech, naming, addressing
        ("i'm so jealous! said ingmar to the others", "ingmar", True),
        ("well that went badly, says oksana.", "oksana", True),
        ("i'm so jealous! said petra to ingmar", "ingmar", True),
        ("she named him joshua after his grandfather", "joshua", True),
        ("ross, can i please speak to your boss?", "ross", True),
        # the same words without the cue stay hints
        ("the ingmar shelf is back in stock", "ingmar", False),
        ("we drove past ross on the way home", "ross", False),
    ],
)
def test_speech_naming_and_addressing_confirm_a_hint(text, hint, confirmed):
    start = text.index(hint)
    assert bool(confirmed_hints(text, [(start, start + len(hint))])) is confirmed


def test_a_lower_case_span_the_model_ran_over_to_or_and_is_two_names():
    """`william to christina` is one PERSON to the model: each side is judged alone, and the speech verb
    before them confirms both."""
    assert found("i'm so jealous! said william to christina") == ["william", "christina"]


@pytest.mark.parametrize(
    "span, expected",
    [
        # the model ran a name into the fields around it: the name is the longest title-case run between
        # separators, less a handle it opens on
        ("RT @fan4321 : Mirela Dobrescu | MirelaDobrescuOfficial", "Mirela Dobrescu"),
        ("Patricia Morrow #", "Patricia Morrow"),
        ("-- Amy Keller and @onedirection Saturday", "Amy Keller"),
        ("@SummerFestOrg Weekend Pass", "Weekend Pass"),  # the handle is no part of what is left
        # one word or a run of five cut out of a post is a heading or a product, not a name
        ("@news : Weekly | Update", ""),
        ("Mint GoPro Hero3+ Plus Black Edition Camera Bundle", ""),
        # without a separator the span is the model's, whole
        ("Mirela Dobrescu", "Mirela Dobrescu"),
    ],
)
def test_a_name_between_separators(span, expected):
    start, end = name_between_separators(span, 0, len(span))
    assert span[start:end] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a key's word inside a handle makes no key: `Org :` of `@SummerFestOrg :`
        ("@SummerFestOrg : A very happy birthday to the wonderful Mirela Dobrescu !", ["Mirela Dobrescu"]),
        ("org: Mirela Dobrescu Holdings", []),
        # a lower-case word that is a dictionary word too, as the subject of the finite verb after it
        ("when mike lets me know , I will let you know .", ["mike"]),
        ("The weather is nice so the dog wants a walk", []),
        # whoever's name it is, introduced in lower case
        ("As u can see her name is taylor and i love her like a sister", ["taylor"]),
        ("his name was mike and he was really rude to me", ["mike"]),
        # the one spoken to, after the speaker of a verb of speech
        ("I'm so jealous! said Carla to Sandra", ["Carla", "Sandra"]),
        ("Get out, said Carla to the dog.", ["Carla"]),
        # an Arabic particle joined to the family name by a hyphen belongs to the name
        ("Minister Karim al-Rashidi met officials in Basra yesterday.", ["Karim al-Rashidi"]),
        ("Ich bin Ann Lee al ritiro della", ["Ann Lee"]),
    ],
)
def test_handles_lower_case_subjects_introductions_and_particles(text, expected):
    assert found(text) == expected


def test_a_speaker_is_read_with_the_whole_dialogue_not_its_window():
    # NER reads the last turn in a window that holds no other turn; the labels of the whole text make it
    # a dialogue, so `Casimir:` is a speaker, not a form's key
    text = (
        "Grace: What a wife.\n"
        "Hope: Remember me, Marta? When I killed your brother, I talked just like this!\n"
        "Casimir: You saved my life! How can I ever repay you?"
    )
    assert "Casimir" in found(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a middle initial, with or without its dot, belongs to the name a cue introduces
        ("My name is Vanessa P. Hertzog but everyone calls me Vanessa", ["Vanessa P. Hertzog", "Vanessa"]),
        ("I have lost my card. My name is Ruth R Montez.", ["Ruth R Montez"]),
        # `I` without a dot is the pronoun
        ("My name is Ann I am calling about my bill", ["Ann"]),
        # ... and to the family name the model read alone, the given name before it too (thirteenth round)
        ("Juliusz A Kwiatkowski said the invoice was wrong", ["Juliusz A Kwiatkowski"]),
        ("Since A Smith joined we have grown", []),
    ],
)
def test_middle_initials(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a lower-case person of two words or more the model reads in English prose: each word may be a
        # dictionary word (`rick`, `mark`, `grace`) when one of them is none (issue 12, seventh round)
        ("we are huge fans of rick okonkwo and his band", ["rick okonkwo"]),
        ("my friends love mark brzezinski and his show", ["mark brzezinski"]),
        ("you can tell she was a big fan of grace van der wiel , the singer", ["grace van der wiel"]),
        # all dictionary words, or everyday and chat words: no name
        ("i think the keyboard player and the bass guy were the best", []),
        ("this is the best lol ok thing i have seen all day", []),
        ("is it just me or is the new cable box so slow", []),
    ],
)
def test_lower_case_full_names_in_english_prose(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("rick okonkwo", True),
        ("tammy szabolcsi", True),
        ("okonkwo", False),  # one word: `lone_lower_case_name` and the hints decide
        ("keyboard player", False),  # dictionary words only
        ("lol okonkwo", False),  # a chat word
        ("the okonkwo", False),  # a stop word
        ("rick okonkwo3", False),  # not letters
    ],
)
def test_lower_case_full_name(value, expected):
    assert lower_case_full_name(value) is expected
