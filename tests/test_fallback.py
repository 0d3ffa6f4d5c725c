"""The fallback's features, its sequence smoothing, and comment-thread detection."""

from declutter.document import Block, Document
from declutter.language import detect_language, language_of, stoplist
from declutter.model.classifier import load_model, viterbi
from declutter.model.features import NAMES, feature_rows, own_features, prose_run
from declutter.stages.comments import find_thread_start
from declutter.stages.fallback import rescued_run
from declutter.stages.read import lines_to_blocks

EN = stoplist("en")
PROSE = ("The minister said on Wednesday that the talks would continue in the spring, "
         "and that both sides were ready to compromise.")


def block(text: str, raw: str | None = None) -> Block:
    return Block(text=" ".join(text.split()), raw=raw or text, line=1)


def own(*blocks: Block) -> list[dict[str, float]]:
    """own_features of blocks, as one dict per block."""
    columns = own_features(list(blocks), EN)
    return [{name: float(values[i]) for name, values in columns.items()} for i in range(len(blocks))]


def test_own_features_tell_prose_from_menu_items():
    prose, menu = own(block(PROSE), block("Newsletters"))
    assert prose["prose"] == 1.0 and menu["prose"] == 0.0
    assert prose["stop_density"] > 0.3 and menu["stop_density"] == 0.0
    assert prose["terminal"] == 1.0 and menu["short"] == 1.0


def test_own_features_shapes():
    bullets, date, caps, japanese = own(block("  • Share | Tweet | Email", raw="  • Share | Tweet | Email"),
                                        block("November 20, 2019"), block("BREAKING NEWS"),
                                        block("日本語の文章です。これはテストの文です。"))
    assert bullets["bullet"] == 1.0 and bullets["separator"] == 1.0 and bullets["indent"] > 0
    assert date["dateish"] == 1.0 and caps["all_caps"] == 1.0 and japanese["cjk"] > 0.5


def test_the_character_table_filled_page_by_page_answers_as_each_character_alone():
    from declutter.kernels.table import CharTable, char_bits, chars_bits

    texts = ["Zürich, 12 März: « Le café » — ÉTÉ 2024 | 東京 · Москва", "Ελλάδα, ok? Yes.", "¿Qué? ٣ ½ ǅ 🎉"]
    table = CharTable()  # a fresh process's: nothing known
    for text in texts:  # a page's characters at once, then one at a time, then classified alone
        assert table.of_text(text).tolist() == [table.bits_of(ord(c)) for c in text] == list(map(char_bits, text))
        assert chars_bits(list(text)) == list(map(char_bits, text))
    assert 0 < table.known.sum() < 200  # only the characters the pages brought


def test_character_features_count_beyond_the_basic_plane():
    emoji, ordinary = own(block("🎉 Party time! 𝐁𝐨𝐥𝐝 words"), block("Party time! words"))
    assert emoji["capitalised"] == 2 / 4 and ordinary["capitalised"] == 1 / 3  # 𝐁𝐨𝐥𝐝 is a capitalised word
    assert emoji["punctuation"] > ordinary["punctuation"]  # the emoji is no letter


def test_prose_run_finds_the_article_between_menus():
    lines = ["Home", "World", "Politics"] + [PROSE] * 5 + ["About", "Contact"]
    assert prose_run(own_features([block(t) for t in lines], EN)) == (3, 8)


def test_feature_rows_have_every_named_feature():
    rows = feature_rows(lines_to_blocks("Home\n\n" + PROSE + "\n" + PROSE), EN)
    assert rows.shape == (3, len(NAMES))
    assert feature_rows([], EN).shape == (0, len(NAMES))


def test_viterbi_smooths_an_isolated_low_score_inside_the_article():
    model = load_model()
    path = viterbi([0.05, 0.05, 0.95, 0.95, 0.4, 0.95, 0.95, 0.02, 0.02, 0.02], model)
    assert path[2:7] == [True] * 5
    assert path[0] is False and path[-1] is False


def test_language_detection():
    assert detect_language(PROSE * 3) == "en"
    german = "Der Minister sagte am Mittwoch, dass die Gespräche im Frühjahr fortgesetzt werden und dass " \
             "beide Seiten zu einem Kompromiss bereit seien, auch wenn es noch keine Einigung gibt."
    assert detect_language(german * 2) == "de"
    assert detect_language("too short") is None


def test_language_is_detected_on_the_opening_of_a_page_of_lines():
    german = "Der Minister sagte am Mittwoch, dass die Gespräche im Frühjahr fortgesetzt werden und dass " \
             "beide Seiten zu einem Kompromiss bereit seien, auch wenn es noch keine Einigung gibt."
    lines = [german] * 40 + [PROSE * 100]  # the opening ends early in the long English line
    assert language_of(lines) == detect_language("\n".join(lines)) == "de"
    assert language_of(lines) == "de"  # again, from the remembered counts
    assert language_of(lines[-1:]) == "en"


def _fresh_index(monkeypatch, cache) -> dict:
    """The index a new run finds with this cache folder, as a dict of every known word."""
    from declutter import language

    monkeypatch.setenv("DECLUTTER_CACHE", str(cache))
    language.stopword_index.cache_clear()
    try:
        index = language.stopword_index()
        words = set(language._built_index()) | {"the", "of", "zzzz"}
        return {word: index.get(word) for word in words if index.get(word)}
    finally:
        language.stopword_index.cache_clear()


def _read_back(saved) -> dict:
    from declutter import language

    index = language.StopwordIndex.from_text(saved.read_bytes())
    assert index is not None
    return {word: index.get(word) for word in language._built_index() if index.get(word)}


def test_the_stoplist_index_is_cached_between_runs_and_read_back_the_same(tmp_path, monkeypatch):
    from declutter import language

    built = language._built_index()
    assert _fresh_index(monkeypatch, tmp_path) == built  # built, and written
    (saved,) = tmp_path.glob("stopwords-*.txt")
    assert _read_back(saved) == built
    saved.write_text(language.index_text({"the": ("English",), "of": ("English", "French")}), encoding="utf-8")
    assert _fresh_index(monkeypatch, tmp_path) == {"the": ("English",), "of": ("English", "French")}  # read, not built


def test_a_damaged_or_unwritable_stoplist_cache_is_ignored(tmp_path, monkeypatch):
    from declutter import language

    built = language._built_index()
    _fresh_index(monkeypatch, tmp_path)
    (saved,) = tmp_path.glob("stopwords-*.txt")
    saved.write_bytes(b"\xff\xfe not an index")
    assert _fresh_index(monkeypatch, tmp_path) == built
    assert _read_back(saved) == built  # replaced by a good one
    lines = saved.read_text(encoding="utf-8").split("\n")
    key = language._bucket("the")
    lines[1 + key] = "the 99999 of"  # one bucket damaged (an unknown group, an odd count)
    saved.write_text("\n".join(lines), encoding="utf-8")
    assert _fresh_index(monkeypatch, tmp_path) == built  # that bucket taken from the stoplists
    saved.write_text("English\n" + "x 99999 y\n" * language.INDEX_BUCKETS, encoding="utf-8")  # every bucket
    hashed = []
    monkeypatch.setattr(language, "_bucket", lambda word, real=language._bucket: hashed.append(word) or real(word))
    language._built_buckets.cache_clear()
    assert _fresh_index(monkeypatch, tmp_path) == built  # built from the stoplists once, not once a bucket
    assert len(hashed) < 3 * len(built)
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert _fresh_index(monkeypatch, blocker) == built  # a cache folder that is a file: no cache
    monkeypatch.setenv("DECLUTTER_CACHE", "off")
    from declutter.cache import cache_folder

    assert cache_folder() is None


def test_a_line_the_page_repeats_is_left_out_of_the_sequence_and_cuts_no_article_in_pieces():
    from declutter.stages.fallback import echoes, structured_path

    model = load_model()
    p = [0.95, 0.9, 0.02, 0.02, 0.02, 0.45, 0.02, 0.02, 0.02, 0.9, 0.95]
    repeated = [x == 0.02 for x in p]  # a teaser box between two paragraphs, printed over and over
    assert structured_path(p, model, [False] * len(p))[5] is False  # seen in the sequence, it cuts
    path = structured_path(p, model, [False] * len(p), repeated)
    assert path[5] is True and not any(a for a, r in zip(path, repeated) if r)
    # A table beside a repeated line takes the state of the sequence's lines around it, not the repeated line's.
    table, echo = [False, False, True, True, False, False], [False, False, False, False, True, False]
    assert structured_path([0.95, 0.9, 0.5, 0.5, 0.02, 0.9], model, table, echo)[2:4] == [True, True]
    blocks = lines_to_blocks("\n".join(["Mode", PROSE, "Mode", "Beauty", "Mode", PROSE, "Mode"]))
    assert echoes(blocks) == [True, False, True, False, True, False, True]


def test_the_model_judges_a_page_as_if_a_box_inside_the_article_were_there():
    from declutter.document import DROP, UNDECIDED, Reason
    from declutter.rules.apply import BOX_LINE
    from declutter.stages.fallback import model_decisions

    doc = Document(blocks=lines_to_blocks("\n".join([PROSE, "Empfohlener redaktioneller Inhalt", "Home", PROSE])))
    doc.blocks[1].drop(Reason("generic rules", "de.txt:1", BOX_LINE))
    doc.blocks[2].drop(Reason("generic rules", "en.txt:1", "boilerplate line"))
    assert model_decisions(doc)[1:3] == [UNDECIDED, DROP]


def thread(*lines: str) -> Document:
    return Document(blocks=lines_to_blocks("\n".join(lines)))


def test_comment_thread_detected_after_the_article():
    doc = thread(PROSE, PROSE, PROSE, "  • jane", "    I disagree with all of this.",
                 "  • bob99", "    Great piece, thanks for writing.")
    assert find_thread_start(doc) == 3


def test_a_bulleted_list_inside_the_article_is_not_a_thread():
    doc = thread(PROSE, PROSE, "  • First point of the list.", "  • Second point of the list.", PROSE)
    assert find_thread_start(doc) is None


def test_a_code_listing_inside_the_article_is_not_a_thread():
    doc = thread(PROSE, PROSE, "  - SELECT name, total", "      FROM orders WHERE total > 100 ORDER BY name",
                 "  - x = compute(total)", "      returns the grand total of all the rows", PROSE)
    assert find_thread_start(doc) is None


def test_quoted_replies_followed_by_more_article_are_not_a_thread():
    doc = thread(PROSE, PROSE, "  • Reader one", "    I wrote to say that this is wrong.",
                 "  • Reader two", "    And I wrote to say that it is right.", PROSE, PROSE)
    assert find_thread_start(doc) is None


def test_a_thread_followed_by_short_footer_lines_is_still_a_thread():
    doc = thread(PROSE, PROSE, PROSE, "  • jane", "    I disagree with all of this.",
                 "  • bob99", "    Great piece, thanks for writing.", "Privacy policy", "© 2024 The Gazette")
    assert find_thread_start(doc) == 3


def test_the_densest_run_of_prose_is_kept_when_the_sequence_keeps_a_list_of_links_instead():
    links = [f"Best restaurants of city number {i}" for i in range(20)]
    doc = thread(*links[:10], PROSE + " " + PROSE, "Related", *links[10:])
    listed = [i < 10 or i > 11 for i in range(len(doc.blocks))]  # the path a link list won
    assert rescued_run(doc, listed, [0.1] * len(doc.blocks)) == (10, 11)
    kept_article = [i == 10 for i in range(len(doc.blocks))]
    assert rescued_run(doc, kept_article, [0.1] * len(doc.blocks)) == (0, 0)
    assert rescued_run(doc, [False] * len(doc.blocks), [0.1] * len(doc.blocks)) == (10, 11)


def test_the_run_kept_for_its_prose_is_never_one_the_rules_dropped():
    from declutter.document import Reason

    footer = [PROSE * 4] * 3  # more prose than the article, but a rule's drop stands
    doc = thread("Home", "News", PROSE, "Related", *footer, "Contact")
    for block in doc.blocks[4:7]:
        block.drop(Reason("generic rules", "x:1", "boilerplate line"))
    assert rescued_run(doc, [False] * len(doc.blocks), [0.1] * len(doc.blocks)) == (2, 3)


def test_the_run_kept_for_its_prose_weighs_each_line_by_its_article_probability():
    months = " ".join(f"{m} {y}" for y in range(2009, 2013) for m in ("January", "March", "May", "June", "July"))
    doc = thread("Home", PROSE, "Related", "Archives", f"Select month... {months} All archives", "Contact")
    p = [0.01, 0.1, 0.01, 0.01, 0.001, 0.01]
    assert rescued_run(doc, [False] * len(doc.blocks), p) == (1, 2)


def test_a_blog_thread_of_name_said_lines_is_a_thread():
    doc = thread(PROSE, PROSE, "5 comments:", "Chibby said...", "Already donated, I have a cousin there.",
                 "Ylu said…", "This is very touching, thank you.", "Post a Comment")
    assert find_thread_start(doc) == 3


def test_a_thread_of_name_added_some_time_ago_lines_is_a_thread():
    doc = thread(PROSE, PROSE, "QueenSashy added 1 day ago", "Thank you for including my recipe, it was fun.",
                 "drbabs added about 9 hours ago", "I tested your turkey too, and it was great.")
    assert find_thread_start(doc) == 2


def test_a_thread_of_name_and_date_at_time_lines_is_a_thread_but_a_dated_byline_twice_is_not():
    doc = thread(PROSE, PROSE, "Wanderlaini Rodrigues July 18, 2012 at 10:16 pm", "It is a mystery to me, thank you.",
                 "Reply", "ashray July 16, 2012 at 6:30 pm", "Sad, but I know nothing about this, so it is new.")
    assert find_thread_start(doc) == 2
    doc = thread(PROSE, "Associated Press November 19, 2019, 9:02 AM", PROSE, PROSE,
                 "Associated Press November 19, 2019, 9:02 AM", PROSE)
    assert find_thread_start(doc) is None
    doc = thread(PROSE, PROSE, "New Delhi, News Bureau | Updated : 19 November 2019, 09:01 AM", PROSE,
                 "Jane Smith | Updated : 20 November 2019, 10:01 AM", PROSE)
    assert find_thread_start(doc) is None


def test_entries_that_all_bear_one_name_and_a_time_are_a_live_blog_not_a_thread():
    doc = thread(PROSE, PROSE, "Maria Lopez March 3, 2020 at 10:15 am", PROSE, "Maria Lopez March 3, 2020 at 11:40 am",
                 PROSE, "Maria Lopez March 3, 2020 at 12:05 pm", PROSE)
    assert find_thread_start(doc) is None


def test_a_cache_file_of_a_new_version_leaves_only_the_newest_few_of_its_kind(tmp_path, monkeypatch):
    import os

    from declutter import cache

    monkeypatch.setenv("DECLUTTER_CACHE", str(tmp_path))
    for age, digit in enumerate("abcd"):  # older versions' files, newest last
        old = tmp_path / f"stopwords-{digit * 16}.txt"
        old.write_text("English\tthe\n", encoding="utf-8")
        os.utime(old, (1_000_000 + age, 1_000_000 + age))
    (tmp_path / f"patterns-{'a' * 16}.json").write_text("{}", encoding="utf-8")  # another kind: untouched
    (tmp_path / "stopwords-my-notes.txt").write_text("mine", encoding="utf-8")  # a user's file: untouched
    cache.write_cached(f"stopwords-{'e' * 16}.txt", "English\tthe of\n")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted([f"patterns-{'a' * 16}.json", "stopwords-my-notes.txt",
                           *(f"stopwords-{digit * 16}.txt" for digit in "cde")])


def test_a_headline_repeating_the_page_title_starts_the_article_region():
    """The sequence enters the article at a headline that repeats the page's title: the short
    lines under it (a post's list of ingredients) are article, where they were boilerplate; a
    headline found only above the prose, and the other lines, keep the classifier's word."""
    from declutter.document import Reason
    from declutter.stages.fallback import anchored, structured_path
    from declutter.stages.headline import STAGE, TITLED

    model = load_model()
    blocks = [block(t) for t in ("Rye Bread | The Flour Diaries", "Rye Bread", "400 g rye flour", "7 g yeast",
                                 "10 g salt", "Popular posts")]
    p = [0.02, model.prior, 0.5, 0.5, 0.5, 0.02]
    doc = Document(blocks=blocks)
    blocks[1].keep(Reason(STAGE, "", TITLED))
    raised = anchored(doc, p)
    assert raised[1] > 0.9 and raised[2:] == p[2:]
    assert structured_path(raised, model, [False] * 6)[1:5] == [True] * 4
    assert structured_path(p, model, [False] * 6)[2:5] == [False] * 3
    blocks[1].keep(Reason(STAGE, "", "article title: the heading above the article's prose"))
    assert anchored(doc, p) == p


def test_a_run_the_model_alone_keeps_far_below_the_article_with_little_confidence_is_dropped():
    """Another story's teasers under the page's footer: the sequence keeps them (each a title
    and a summary), though with less confidence than the article; they lie below the article,
    past a stretch of lines it drops. Near the article, sure of itself, kept by a rule, or
    holding a list item, such a run stays."""
    from declutter.document import Reason
    from declutter.options import DETACHED_GAP, DETACHED_P
    from declutter.stages.fallback import detached_runs

    article = [PROSE] * 6
    footer = [f"Footer link {i}" for i in range(DETACHED_GAP)]
    teasers = [t for i in range(3) for t in (f"Teaser title {i}", PROSE)]
    doc = thread(*article, *footer, *teasers)
    chosen = [True] * 6 + [False] * DETACHED_GAP + [True] * 6
    unsure = [0.9] * 6 + [0.1] * DETACHED_GAP + [DETACHED_P - 0.1] * 6
    start = 6 + DETACHED_GAP
    assert detached_runs(doc.blocks, chosen, unsure) == set(range(start, start + 6))
    sure = unsure[:start] + [DETACHED_P + 0.1] * 6
    assert detached_runs(doc.blocks, chosen, sure) == set()
    near = thread(*article, *footer[1:], *teasers)  # one line fewer between
    assert detached_runs(near.blocks, chosen[:6] + chosen[7:], unsure[:6] + unsure[7:]) == set()
    doc.blocks[start].keep(Reason("headline", "", "article title"))
    assert detached_runs(doc.blocks, chosen, unsure) == set()
    above = thread(*teasers, *footer, *article)  # what stands above the article is not judged so
    assert detached_runs(above.blocks, chosen[::-1], unsure[::-1]) == set()
    listed = thread(*article, *footer, *teasers[:-1], "• 2 cups flour")  # a later recipe's ingredients
    assert detached_runs(listed.blocks, chosen, unsure) == set()


def test_a_run_below_the_article_holding_a_sentence_the_model_is_sure_of_is_never_taken_for_teasers():
    """The article's lower half, past a list the model doubts and whose mean a dropped line above
    it lowered: headings and a list under 0.6, but one long sentence the model is sure of."""
    from declutter.options import DETACHED_GAP, DETACHED_P, DETACHED_SURE_P, DETACHED_SURE_WORDS
    from declutter.stages.fallback import detached_runs

    article = [PROSE] * 6
    doubted = [f"List item {i}" for i in range(DETACHED_GAP)]
    heading, sure_sentence = "What the ministers can do", " ".join(["word"] * DETACHED_SURE_WORDS) + "."
    lower = [heading, PROSE, heading, PROSE, heading, sure_sentence]
    doc = thread(*article, *doubted, *lower)
    chosen = [True] * 6 + [False] * DETACHED_GAP + [True] * 6
    start = 6 + DETACHED_GAP
    unsure = [0.9] * 6 + [0.1] * DETACHED_GAP + [DETACHED_P - 0.2] * 5 + [DETACHED_SURE_P - 0.01]
    assert detached_runs(doc.blocks, chosen, unsure) == set(range(start, start + 6))
    sure = unsure[:-1] + [DETACHED_SURE_P]
    assert detached_runs(doc.blocks, chosen, sure) == set()


def test_runs_that_together_outweigh_the_article_are_never_dropped_as_its_teasers():
    """Two such runs below a short article's run, each smaller than it but larger together: the
    article in pieces, not teasers under it; nothing goes."""
    from declutter.options import DETACHED_GAP, DETACHED_P
    from declutter.stages.fallback import detached_runs

    footer = [f"Footer link {i}" for i in range(DETACHED_GAP)]
    part = [t for i in range(3) for t in (f"Section title {i}", PROSE)]
    doc = thread(*[PROSE] * 4, *footer, *part, *footer, *part)
    chosen = [True] * 4 + [False] * DETACHED_GAP + [True] * 6 + [False] * DETACHED_GAP + [True] * 6
    p = [0.9] * 4 + [0.1] * DETACHED_GAP + [DETACHED_P - 0.1] * 6 + [0.1] * DETACHED_GAP + [DETACHED_P - 0.1] * 6
    assert sum(b.words for b in doc.blocks[:4]) > sum(b.words for b in doc.blocks[4 + DETACHED_GAP:][:6])
    assert detached_runs(doc.blocks, chosen, p) == set()
    one = thread(*[PROSE] * 4, *footer, *part)  # one such run alone, smaller than the article: teasers
    assert detached_runs(one.blocks, chosen[:4 + DETACHED_GAP + 6], p[:4 + DETACHED_GAP + 6])


NEWS = ["The death toll from a fire that destroyed two apartment blocks in the city rose to ten on Saturday, "
        "the regional government said.",
        "Forensic teams found the last victim inside the building, the government's delegate told reporters "
        "outside the site on Saturday morning.",
        "Although no other residents were reported missing, police and firefighters would continue to search "
        "the debris, she said.",
        "It was not known how many people were inside when the fire broke out, but the complex held about 140 homes.",
        "Neighbours described flames racing across the facade within minutes, with residents trapped on balconies "
        "as crews arrived."]
SIGN_UP_BOX = ["skip past newsletter promotion", "Sign up to This is Europe", "Free weekly newsletter",
               "The most pressing stories and debates for Europeans – from identity to economics to the environment",
               "Enter your email address", "Sign up",
               "Privacy Notice: Newsletters may contain info about charities, online ads, and content funded by "
               "outside parties.", "after newsletter promotion"]


def test_the_paragraph_after_a_sign_up_box_cut_between_markers_stays_with_the_article():
    import declutter

    last = ("Experts said the cladding on the building might have made the blaze spread faster, but the mayor "
            "said it was too early to know.")
    tail = ["Explore more on these topics", "Spain", "Europe", "Fires", "news", "Share", "Reuse this content",
            "Most viewed", "Live updates from the summit", "Storm warnings across the north",
            "Scores of flights cancelled", "About us", "Contact us", "Privacy policy",
            "© 2024 Guardian News & Media Limited or its affiliated companies. All rights reserved."]
    page = "\n\n".join(["Death toll in city fire rises to 10 | World news | The Guardian", "Skip to main content",
                        "News", "Opinion", "Sport", "Culture", "Lifestyle", "World", "Europe",
                        "Death toll in city fire rises to 10", "Sat 24 Feb 2024 12.42 CET",
                        *NEWS, *SIGN_UP_BOX, last, *tail]) + "\n"
    text = declutter.clean(page)
    assert last in text and NEWS[0] in text
    assert not any(line in text for line in SIGN_UP_BOX + ["Most viewed"])


def test_the_model_reads_a_page_without_the_boxes_cut_between_markers():
    from declutter.document import Reason
    from declutter.rules.apply import CUT
    from declutter.stages.fallback import without_cuts

    doc = Document(blocks=lines_to_blocks("\n".join(["Home", NEWS[0], *SIGN_UP_BOX[:3], NEWS[1], "About us"])))
    for b in doc.blocks[2:5]:
        b.drop(Reason("generic rules", "en.txt:1", CUT))
    doc.region = (1, 6)
    view = without_cuts(doc)
    assert [b.text for b in view.blocks] == ["Home", NEWS[0], NEWS[1], "About us"] and view.region == (1, 3)
    assert view.blocks[1] is doc.blocks[1]  # the same blocks: what the model decides is decided on the page
    # A box cut above the article's first sentence (a contents box under the menus) stays.
    doc = Document(blocks=lines_to_blocks("\n".join(["Home", *SIGN_UP_BOX[:3], NEWS[0], NEWS[1]])))
    for b in doc.blocks[1:4]:
        b.drop(Reason("generic rules", "en.txt:1", CUT))
    assert without_cuts(doc) is None


def test_the_model_reads_past_an_advertisement_label_between_two_paragraphs():
    from declutter.document import Reason
    from declutter.rules.apply import BOX_LINE
    from declutter.stages.fallback import without_cuts

    doc = Document(blocks=lines_to_blocks("\n".join(["Home", NEWS[0], "Advertisement", "Sponsored", NEWS[1],
                                                     "Advertisement", "Most viewed"])))
    for i in (2, 3, 5):
        doc.blocks[i].drop(Reason("generic rules", "en.txt:10", BOX_LINE))
    view = without_cuts(doc)
    # The labels between two paragraphs are read past, a run of them too; the one above a heading is not.
    assert [b.text for b in view.blocks] == ["Home", NEWS[0], NEWS[1], "Advertisement", "Most viewed"]



def test_a_box_of_teasers_between_two_paragraphs_under_a_dropped_heading_is_dropped():
    """"More videos" over headlines the model doubts, between two sentences of the article: the
    sequence keeps them for the article around them; they go. A quotation, a list item, a run
    with no article below it, or a run under a line no rule dropped stays as the sequence says."""
    from declutter.document import Reason
    from declutter.options import BOX_TEASER_P, BOX_TEASER_RUN
    from declutter.stages.fallback import boxed_teasers

    teasers = [f"Leaders meet in Geneva to discuss shipping route number {i}" for i in range(BOX_TEASER_RUN)]

    def page(*middle: str, dropped: bool = True) -> tuple[list[Block], list[bool], list[float]]:
        doc = thread(PROSE, "More videos", *middle, PROSE)
        if dropped:
            doc.blocks[1].drop(Reason("generic rules", "en.txt:1", "boilerplate line"))
        n = len(doc.blocks)
        return doc.blocks, [True] * n, [0.9, 0.1] + [BOX_TEASER_P - 0.2] * (n - 3) + [0.9]

    box = set(range(2, 2 + BOX_TEASER_RUN))
    assert boxed_teasers(*page(*teasers)) == box
    assert boxed_teasers(*page(*teasers[:-1])) == set()  # too short a run
    assert boxed_teasers(*page(*teasers, dropped=False)) == set()
    assert boxed_teasers(*page(*teasers[:-1], "“Her star will always shine brightly”")) == set()
    assert boxed_teasers(*page(*teasers[:-1], "• Two cups of flour")) == set()
    blocks, chosen, probabilities = page(*teasers)
    probabilities[-1] = BOX_TEASER_P - 0.1  # no sentence of the article below the run
    assert boxed_teasers(blocks, chosen, probabilities) == set()
    blocks, chosen, probabilities = page(*teasers)
    probabilities[3] = BOX_TEASER_P  # a line the model leans article on breaks the run
    assert boxed_teasers(blocks, chosen, probabilities) == set()


def test_the_articles_last_sentence_above_only_the_rules_lines_is_kept():
    """A short article's closing sentence, right under a kept paragraph, with only a share bar and
    a footer the rules dropped below it: the sequence had left it for them. A line the model is
    sure is no article, a line that is no sentence, or one with an open line below, stays its call."""
    from declutter.document import Reason
    from declutter.options import CLOSING_P
    from declutter.stages.fallback import closing_sentence

    closing = "The transport secretary welcomed the deal, calling it fair to workers and to passengers."

    def page(last: str, tail: tuple[str, ...] = ("Share this article", "© 2026 Example News")):
        doc = thread(PROSE, PROSE, last, *tail)
        for block in doc.blocks[3:]:
            block.drop(Reason("generic rules", "en.txt:1", "boilerplate line"))
        return doc.blocks, [True, True, False, False, False][:len(doc.blocks)]

    blocks, chosen = page(closing)
    assert closing_sentence(blocks, chosen, [0.9, 0.9, 0.2, 0.0, 0.0]) == 2
    assert closing_sentence(blocks, chosen, [0.9, 0.9, CLOSING_P / 2, 0.0, 0.0]) is None
    blocks, chosen = page("Share this on your networks")
    assert closing_sentence(blocks, chosen, [0.9, 0.9, 0.2, 0.0, 0.0]) is None
    blocks, chosen = page(closing, ())
    assert closing_sentence(blocks, chosen, [0.9, 0.9, 0.2]) is None  # nothing the rules dropped below


def test_boxes_that_hold_as_many_words_as_the_rest_of_the_article_are_its_own_lines():
    """A poem's stanza under a dropped line, between two sentences: its lines end no sentence and
    the model doubts them, but they outweigh the rest of what is kept; nothing goes."""
    from declutter.document import Reason
    from declutter.options import BOX_TEASER_P
    from declutter.stages.fallback import boxed_teasers

    verse = [f"and the river ran on past the mill and the bridge and the town number {i}" for i in range(6)]
    doc = thread(PROSE, "Advertisement", *verse, PROSE)
    doc.blocks[1].drop(Reason("generic rules", "en.txt:1", "boilerplate line"))
    n = len(doc.blocks)
    chosen = [True] * n
    probabilities = [0.9, 0.1] + [BOX_TEASER_P - 0.2] * len(verse) + [0.9]
    assert boxed_teasers(doc.blocks, chosen, probabilities) == set()
