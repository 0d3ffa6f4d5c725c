"""Clippings of an invented site, for testing `rules learn` (deterministic, no real site)."""

from __future__ import annotations

import random

SUBJECTS = ["The harbour board", "A local fisherman", "The town council", "Residents of the old quarter",
            "The ferry operator", "A group of volunteers", "The coastguard", "Shop owners on the quay"]
VERBS = ["warned that", "said on Tuesday that", "argued that", "announced that", "confirmed that",
         "told the Gazette that", "suggested that", "complained that"]
CLAUSES = ["the new breakwater would be finished before the winter storms",
           "the price of mooring a boat had doubled in two years",
           "the lighthouse would reopen to visitors in the spring",
           "the fish market was losing customers to the supermarket in the next town",
           "repairs to the sea wall had been delayed again by a shortage of stone",
           "the summer festival would move to the beach for the first time",
           "tourists were leaving more litter on the harbour steps than ever before",
           "a survey of the seabed had found the wreck of an old trading ship"]
NAMES = ["Anna Pryce", "Tom Hale", "Mira Osei", "Jon Bell", "Ruth Kane", "Sam Ode"]
PHOTOGRAPHERS = ["Lee Hart", "Kim Shaw", "Ada Voss"]
MONTHS = ["January", "March", "June", "September", "November"]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}."


def article(rng: random.Random, number: int) -> list[str]:
    """The article's lines: headline, standfirst, caption, credit, paragraphs."""
    headline = f"{rng.choice(SUBJECTS)} clash over plans for the harbour, part {number}"
    standfirst = sentence(rng) + " " + sentence(rng)
    when = rng.choice(["at dawn", "after the storm", "in May", "at low tide"])
    caption = f"{rng.choice(SUBJECTS)} on the quay {when}"
    credit = "Photo: Harbour Gazette"  # the same credit on every photo: a caption, not chrome
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(4, 8))]
    return [headline, standfirst, caption, credit, *paragraphs]


def clipping(number: int) -> tuple[str, str]:
    """(clipping text, the article text it holds)."""
    rng = random.Random(number)
    lines = article(rng, number)
    headline, standfirst, caption, credit, *paragraphs = lines
    comments = []
    for _ in range(rng.randint(1, 3)):
        comments += [f"{rng.choice(NAMES)} · {rng.randint(1, 20)} hours ago", sentence(rng) + " " + sentence(rng)]
    related = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(CLAUSES)}"[:70] for _ in range(4)]
    page = [
        "Skip to content", "The Harbour Gazette", "News | Sport | Opinion | Culture | Weather",
        "Subscribe for £1 a week", "", headline, "", standfirst, "",
        f"By {rng.choice(NAMES)} · {rng.choice(MONTHS)} {rng.randint(1, 28)}, 20{rng.randint(10, 24)} · "
        f"{rng.randint(2, 9)} min read", "", caption, credit, "",
    ]
    for i, paragraph in enumerate(paragraphs):
        page += [paragraph, ""]
        if i == 1:
            page += ["Advertisement", "Story continues below", ""]
    page += ["Keep the Gazette independent",
             "The Gazette has reported on this coast since 1881. Reporting costs money, and we rely on "
             "readers like you to keep going: give once or monthly.", "Give now", "",
             f"Comments ({rng.randint(2, 40)})", *comments, "", "More from the Gazette", *related, "",
             f"© 20{rng.randint(10, 24)} Harbour Gazette Ltd. Registered in England.", "Privacy | Terms | Contact"]
    return "\n".join(page) + "\n", "\n".join(lines)
