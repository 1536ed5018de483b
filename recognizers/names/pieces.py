"""Regex pieces of a written name (a word, a particle, initials, an ALL-CAPS family name, `FAMILY, Given`).

The PERSON patterns are built from these, so that every rule spells a name the same way.
"""

_NOT_HONORIFIC = r"(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Mme|Mlle|Herrn|Herr|Frau|Sr|Sra|Dhr|Mevr|Sir)\b)"
_WORD = (
    rf"(?:{_NOT_HONORIFIC}(?:O['’]|Mc|Mac|D['’])?\p{{Lu}}[\p{{L}}'’]*(?:-\p{{L}}[\p{{L}}'’]*)*\.?|"
    r"(?:\p{Lu}\.){2,3})"  # initials written together: `J.M.F. Mayoral`
)
# Title-case only (Ann, O'Brien, Jean-Luc): prose patterns must not run on through ALL-CAPS sentences.
TITLE_WORD = (
    rf"(?:{_NOT_HONORIFIC}(?:O['’]|Mc|Mac|D['’])?\p{{Lu}}\p{{Ll}}[\p{{L}}'’]*(?:-\p{{L}}[\p{{L}}'’]*)*)"
)
# ... and the Irish patronymic particles written apart (`Daren Ó Murchaidhe`, `Máire Ní Bhriain`)
PARTICLE = r"(?:van|von|de|der|den|del|della|di|da|du|dos|das|los|las|die|le|la|ten|ter|zu|y|bin|al|Ó|Ní|Uí)"
# initials before a name's first word (`J. Mosley`, `F. de la Cruz`, `A.C. Lo Sgalambro`), or one initial
# without its dot as British forms write it (`B Henriksen`; not `A` or `I`, the article and the pronoun)
# an initial of a hyphenated given name keeps its hyphen: `J.-P. Sartre`, `H.-U. Oestrovsky`
INITIAL = r"\p{Lu}\.(?:-\p{Lu}\.)?"
_LEADING_INITIALS = rf"(?:(?:{INITIAL}[ \t]*){{1,3}}|(?![AI][ \t])\p{{Lu}}[ \t]+(?=\p{{Lu}}\p{{Ll}}))"
# Post-nominal letters that belong to the written name (Courtney Johnson MD, Jonathan Plath MBA.)
_POST_NOMINAL = (
    r"(?:[ \t]+(?:MD|PhD|MBA|DDS|DVM|Jr|Sr|II|III|B\.Eng|M\.Sc|B\.Sc|B\.A|M\.A|LL\.M)\.?(?![\w]))?"
)
NAME = rf"{_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)*{_WORD}){{0,4}}{_POST_NOMINAL}"
NAME_2 = rf"{_WORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)*{_WORD}){{1,4}}{_POST_NOMINAL}"  # at least two words
# a middle initial between a name's words, with or without its dot (`Vanessa P. Hertzog`, `Ruth R Montez`;
# not `A` or `I` without a dot, the article and the pronoun)
_MIDDLE_INITIAL = rf"(?:{INITIAL}|(?![AI][ \t])\p{{Lu}}(?=[ \t]))[ \t]+"
_NEXT_TITLE_WORD = rf"[ \t]+(?:{_MIDDLE_INITIAL})?(?:{PARTICLE}[ \t]+)*{TITLE_WORD}"
TITLE_NAME = (
    rf"(?:{_LEADING_INITIALS}(?:{PARTICLE}[ \t]+)*)?"
    rf"{TITLE_WORD}(?:{_NEXT_TITLE_WORD}){{0,4}}{_POST_NOMINAL}"
)
TITLE_NAME_2 = (
    rf"(?:{TITLE_WORD}(?:{_NEXT_TITLE_WORD}){{1,4}}{_POST_NOMINAL}|"
    rf"{_LEADING_INITIALS}(?:{PARTICLE}[ \t]+)*{TITLE_WORD}"
    rf"(?:[ \t]+(?:{PARTICLE}[ \t]+)*{TITLE_WORD}){{0,3}})"
)

# a nickname in double quotes between a name's words, as news writes it: `Col. John “J.D.” Dorrian`,
# `Richard "Tex" Coe`
NICKNAME = r"[ \t]+[\"“]\p{Lu}[\p{L}.'’ -]{0,20}[\"”]"

# initials before a family name: `G. Smeets`, `O.T. Carroll`, `J. M. Lee`
INITIALS_NAME = rf"(?:{INITIAL}[ \t]*){{1,3}}{TITLE_WORD}"
_ALL_CAPS_WORD = r"(?:(?:O['’]|MC|MAC|D['’])?\p{Lu}{2,}(?:[-'’]\p{Lu}+)*)"
CAPS_FAMILY = rf"{_ALL_CAPS_WORD}(?:[ \t]+{_ALL_CAPS_WORD}){{0,2}}"  # VAN DER BERG
GIVEN = rf"{TITLE_WORD}(?:[ \t]+{TITLE_WORD})?"
CAPS_NAME_2 = rf"{_ALL_CAPS_WORD}(?:[ \t]+{_ALL_CAPS_WORD}){{1,3}}"
# given name, then the family name in capitals, as French and Belgian forms write it: Benoît DELORME
MIXED_NAME_2 = rf"{TITLE_WORD}(?:[ \t]+{_ALL_CAPS_WORD}){{1,2}}"
# an ALL-CAPS name inside mixed-case prose ends where the next word is lower case or the clause ends
END_OF_CAPS_NAME = r"(?=[ \t]*(?:[,.;:!?()\n<]|$)|[ \t]+\p{Ll})"
# a name of two or three words written in lower case, as a chat writes it (`julie novák`, `david lange`)
LOWER_NAME_2 = r"\p{Ll}[\p{Ll}'’\-]+(?:[ \t]+\p{Ll}[\p{Ll}'’\-]+){1,2}"
