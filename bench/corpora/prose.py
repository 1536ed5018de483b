"""Corpus records written by people rather than programs: support chats, emails and CRM ticket notes.
Names, phones, addresses and card numbers sit in prose here, where context matters most."""

from __future__ import annotations

from datetime import timedelta

from bench.corpora.noise import ORGANISATIONS, PRODUCTS, LabelledText, Sample


def support_chat(rng, noise, write, people) -> Sample:
    """A few chat turns in prose: names, phones, emails, addresses (also on several lines), card numbers."""
    person, relative = people[0], people[1]
    agent = f"agent-{rng.randint(1, 250):03d}"
    b = LabelledText()
    clock = noise.when()

    def turn(who: str) -> LabelledText:
        nonlocal clock
        clock += timedelta(seconds=rng.randint(5, 90))
        return b.add(f"[{clock:%H:%M:%S}] {who}: ")

    turn(agent).add(f"Hello, you are chatting with support. Ticket {noise.order_id()} created.\n")
    openers = (
        ("Hi, my name is ", " and I cannot log in to the app."),
        ("Hello, this is ", ", my invoice looks wrong."),
        ("Good morning, ", " here. My internet has been down since yesterday."),
        ("Hi! Account holder is ", ", I want to change my plan."),
    )
    before, after = rng.choice(openers)
    turn("customer").add(before).pii(write.name(person), "PERSON").add(after + "\n")
    turn(agent).add(
        f"Thanks {rng.choice(('for waiting', 'for contacting us'))}. Can you confirm your details?\n"
    )
    for topic in rng.sample(("phone", "email", "address", "card", "relative", "upgrade"), rng.randint(2, 4)):
        customer = turn("customer")
        if topic == "phone":
            lead, tail = rng.choice((("You can call me back on ", "."), ("my number is ", " thanks"),
                                     ("Reach me at ", " after 6pm.")))  # fmt: skip
            customer.add(lead).pii(write.phone(person), "PHONE_NUMBER").add(tail)
        elif topic == "email":
            customer.add("My email is ").pii(write.email(person), "EMAIL_ADDRESS").add(
                ", please send the PDF there."
            )
        elif topic == "address":
            if rng.random() < 0.35:
                customer.add("I moved, please send the new SIM to:\n")
                customer.pii(person.address.multi_line(), "ADDRESS").add("\nThanks!")
            else:
                customer.add("I moved to ").pii(person.address.one_line(), "ADDRESS").add(" last month.")
        elif topic == "card":
            customer.add("I paid with my card ").pii(write.card(person), "CREDIT_CARD")
            customer.add(f" on {noise.when():%d/%m/%Y} and got charged {noise.amount()} twice.")
        elif topic == "relative":
            customer.add("My partner ").pii(write.name(relative), "PERSON").add(" also uses the landline ")
            customer.pii(write.phone(relative, "landline"), "PHONE_NUMBER").add(".")
        else:
            customer.add(
                f"Can I upgrade to the {rng.choice(PRODUCTS)} with the {rng.choice(PRODUCTS)} bundle?"
            )
        b.add("\n")
    turn(agent).add("Thank you ").pii(person.first_name, "PERSON")
    b.add(f", I have updated your account. Reference {noise.uuid()[:8]}.")
    return b.sample("support_chat")


def email_message(rng, noise, write, people) -> Sample:
    """An email with headers, a body and a signature (name, phones, sometimes a postal address)."""
    person = people[0]
    name = write.name(person) if rng.random() < 0.3 else person.full_name
    b = LabelledText().add("From: ").pii(name, "PERSON").add(" <").pii(write.email(person), "EMAIL_ADDRESS")
    b.add(">\nTo: ").pii(
        rng.choice(("support@proximo-telecom.eu", "billing@proximo-telecom.eu")), "EMAIL_ADDRESS"
    )
    subject = rng.choice(("Change of address", "Wrong invoice", "Cancel contract"))
    b.add(f"\nSubject: {subject} {person.customer_id}")
    b.add(f"\nDate: {noise.when():%a, %d %b %Y %H:%M:%S +0100}\nX-Ticket-Id: {noise.uuid()}\n\n")
    b.add(rng.choice(("Hello,", "Dear support team,", "Hi,")) + "\n\n")
    if rng.random() < 0.5:
        b.add("Please update my address to:\n").pii(person.address.multi_line(), "ADDRESS").add("\n\n")
    else:
        b.add(f"My invoice {noise.order_id()} of {noise.amount()} was charged to card ")
        b.pii(write.card(person), "CREDIT_CARD").add(" although I cancelled in February.\n\n")
    b.add("You can reach me at ").pii(write.phone(person), "PHONE_NUMBER").add(" during office hours.\n\n")
    b.add(rng.choice(("Kind regards,", "Best regards,", "Thanks,", "Met vriendelijke groeten,")) + "\n")
    b.pii(person.full_name, "PERSON").add("\n")
    if rng.random() < 0.5:
        b.add("Mobile: ").pii(write.phone(person, "mobile"), "PHONE_NUMBER").add("\n")
    if rng.random() < 0.4:
        b.pii(person.address.multi_line(), "ADDRESS").add("\n")
    if rng.random() < 0.5:
        b.add(f"\nOn {noise.when():%a %d %b %Y at %H:%M}, Support <")
        b.pii("support@proximo-telecom.eu", "EMAIL_ADDRESS").add("> wrote:\n")
        b.add(f"> Your ticket {noise.order_id()} has been created.\n")
    return b.sample("email")


def crm_note(rng, noise, write, people) -> Sample:
    """A free-text note an agent typed into the CRM after a call, in one of many phrasings."""
    person, other = people[0], people[1]
    b = LabelledText().add(f"{noise.when():%d/%m/%Y %H:%M} [{rng.choice(('note', 'call', 'escalation'))}] ")
    shape = rng.randrange(8)
    if shape == 0:
        b.add("Customer ").pii(write.name(person), "PERSON").add(" called from ")
        b.pii(write.phone(person), "PHONE_NUMBER").add(f" about invoice {noise.order_id()}. ID verified.")
    elif shape == 1:
        b.add("Spoke with ").pii(write.name(person), "PERSON").add(" (")
        b.pii(write.email(person), "EMAIL_ADDRESS")
        b.add("); promised a callback on ").pii(write.phone(person), "PHONE_NUMBER")
        b.add(f" before {noise.when():%d %B}.")
    elif shape == 2:
        b.pii(person.full_name.upper(), "PERSON").add(f" disputes a charge of {noise.amount()} on card ")
        b.pii(write.card(person), "CREDIT_CARD").add(f". Escalated to billing, case {noise.uuid()[:13]}.")
    elif shape == 3:
        b.add("Caller said her name was ").pii(person.full_name, "PERSON")
        b.add(" and that the contract is in the name of ").pii(other.full_name, "PERSON").add(".")
    elif shape == 4:
        b.add(rng.choice(("Mr. ", "Ms. ", "Mrs. ", "Dr. "))).pii(person.last_name, "PERSON")
        b.add(f" asked for a copy of all data we hold (request {noise.uuid()}); due within one month.")
    elif shape == 5:
        b.add("Port-in of ").pii(write.phone(person, "mobile"), "PHONE_NUMBER")
        b.add(f" from {rng.choice(ORGANISATIONS)} approved; SIM to be sent to ")
        b.pii(person.address.one_line(), "ADDRESS").add(" by courier.")
    elif shape == 6:
        b.add("Mail to ").pii(write.email(person), "EMAIL_ADDRESS").add(" bounced; ")
        b.pii(person.first_name, "PERSON").add(" prefers WhatsApp on ")
        b.pii(write.phone(person, "mobile"), "PHONE_NUMBER").add(".")
    else:
        b.add(f"Upgrade to {rng.choice(PRODUCTS)} booked for ").pii(write.name(person), "PERSON")
        b.add(", delivery to\n").pii(person.address.multi_line(), "ADDRESS").add("\nbetween 8:00 and 12:00.")
    return b.sample("crm_note")
