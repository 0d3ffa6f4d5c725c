"""How to clean: the one options object, its defaults, and the tunables of every stage.

`Options` is what a user chooses (the CLI's shared options map onto it one to one); it is
immutable and passed down, and there is no global setting. The constants below are the
thresholds the stages decide by, in pipeline order, so that tuning has one file to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from os import PathLike

DEFAULT_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Options:
    """How to clean one input or a batch.

    title: keep the headline (and the captions and credits); False for the body alone.
    site_rules: use the site's rule file; False for generic rules and the fallback only.
    template: drop lines repeated across the clippings of a folder (batches only).
    rules: extra rule folders, added to the shipped ones (later ones add to earlier).
    timeout: seconds one input may take (None: no limit).
    metadata: find the article's full metadata (an HTML page's JSON-LD, visible bylines and dates,
        about 10 ms a page; without it, its head's meta tags only) and start txt and md outputs
        with it as a YAML front matter block.
    front_matter: md output of a Markdown clipping starts with its own front matter, as written.
    markdown: an HTML page's kept lines are also rendered as Markdown (headings, lists, links,
        emphasis, tables, code, quotes), for md output; the decisions are the same.
    """

    title: bool = True
    site_rules: bool = True
    template: bool = True
    rules: tuple[str, ...] = ()
    timeout: float | None = DEFAULT_TIMEOUT_S
    metadata: bool = False
    front_matter: bool = True
    markdown: bool = False

    def __post_init__(self) -> None:
        for name in ("title", "site_rules", "template", "metadata", "front_matter", "markdown"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"Options({name}=...) takes True or False, not {getattr(self, name)!r}")
        if isinstance(self.rules, (str, bytes, PathLike)):
            raise TypeError(f"Options(rules=...) takes a tuple of rule folders, e.g. rules=({self.rules!r},)")
        if self.timeout is not None and (isinstance(self.timeout, bool) or not isinstance(self.timeout, (int, float))
                                         or self.timeout < 0):
            raise ValueError(f"Options(timeout=...) takes seconds (a number >= 0, 0 or None: no limit), "
                             f"not {self.timeout!r}")
        # Paths or strings in, strings kept: the rule folders key the per-process rule cache.
        object.__setattr__(self, "rules", tuple(str(r) for r in self.rules))
        object.__setattr__(self, "timeout", self.timeout or None)

    def key(self) -> str:
        """What in these options changes an output (the timeout does not): for up-to-date checks."""
        return (f"title={self.title} site_rules={self.site_rules} template={self.template} rules={self.rules!r} "
                f"metadata={self.metadata} front_matter={self.front_matter} markdown={self.markdown}")


# --- read ---------------------------------------------------------------------------------
MAX_INPUT_BYTES = 200 * 1024 * 1024  # a larger file is refused, not read
# Memory grows with a page's lines (about 8 KB each, all stages) and a page's tags (the parsed
# tree): under these, one input's peak stays well under 1 GB (scripts/stress.py measures it).
MAX_LINES = 50_000
MAX_TAGS = 400_000

# --- language (read before the rules: lexicons are per language) ---------------------------
MIN_WORDS_TO_DETECT = 20
DETECT_CHARS = 8_000  # a few hundred words decide; identical results on the benchmark
ENGLISH_SHORTCUT = 0.3  # English stopwords make up 40-50% of English prose, under 20% of others
SCRIPT_CHARS = 2_000  # of a page's opening, enough to tell its script
EAST_ASIAN_SHARE = 0.5  # of a text's letters, in Chinese characters, kana or hangul: an East Asian language
EAST_ASIAN_KANA_SHARE = 0.05  # of those in Chinese characters or kana, kana: Japanese

# --- identify -------------------------------------------------------------------------------
MIN_FINGERPRINT_HITS = 1

# --- extract (HTML) -------------------------------------------------------------------------
MIN_BODY_SHARE = 0.3  # a site's body XPath keeping less than this share of the page's text is stale
MIN_KEPT_SHARE = 0.5  # a site's strips removing more than this share of paragraph text are stale
SECOND_OPINION_SHARE = 0.4  # under this share of the page's paragraph text, ask another extractor
MIN_PARAGRAPH_CHARS = 500  # pages with less text in <p> keep it elsewhere: trafilatura's full pass only
VOTE_SHARE = 0.6  # under this share of the page's paragraph text, two more extractors give their opinion
RENDERING_GAIN = 2.0  # a page without <p> is cleaned as text when that keeps this many times the words
CHOICE_THRESHOLD = 0.5  # readability's text replaces trafilatura's when the choice model is surer than this
OUTVOTED_SHARE = 0.35  # the precise extraction under this share of the default's words may be outvoted
# Another opinion that shares under this share of word trigrams with trafilatura's text, either
# way, is another part of the page: it never replaces that text when shorter (a consent box, a
# sidebar), and it takes no side in the vote between trafilatura's settings.
UNRELATED_SHARE = 0.1
VOTE_OVERLAP = 0.5  # … in that vote, it holds at least this share of the precise text's trigrams

# --- site rules and generic rules -----------------------------------------------------------
PROSE_WORDS = 15  # a line this long is prose, for "has the article begun"
SITE_PROSE_BEFORE_END = 1  # a site's end marker counts once the article has begun
HEADLINE_PROSE_REACH = 15  # lines between a headline and its article's first prose line, at most
SHORT_CLIPPING_LINES = 4  # a text clipping this short, untouched by the rules, is a note kept whole
MENU_LINK_LINES = 3  # Markdown list items in a row that are a link alone: a menu, so no clipping already clean
CLEAN_HEAD_LINES = 2  # lines a clean clipping may show above its first sentence besides those the rules drop
# Lines cut short by an ellipsis ("Japan Trying to Draw Digital Nomads, Who Are Seen as
# Beneficial t...", "… the first epidemic appeared [...]"), this many together, with at most
# TEASER_GAP other lines (a title, a date) between each two: a list of teasers. Chosen leaving
# each family out: a run of 2 dropped a headline ending in "…" under its breadcrumb, 4 scored as
# 3; a gap of 3 lost a bench article, 1 and 2 scored alike.
TEASER_RUN = 3
TEASER_GAP = 2
# Such lines holding more than this share of the words of the page's open prose (they counted
# in, with every open line of PROSE_WORDS or more) are the page's own text, a poem or a chat
# whose every line trails off: without it, a poem was dropped whole. The benchmarks' largest
# lists of teasers hold 55-60% (excerpts of forty words each under a short post).
TEASER_MAX_SHARE = 2 / 3
# A line printed this many times on one page (a teaser box repeated between paragraphs, a menu
# item) is left out of the line sequence and judged on its own (chosen leaving each family out
# over 2-4: the folds chose 2 and 4 twice each; 4 is best over all four families).
ECHO_MIN_COUNT = 4
EMPTY_WORDS = 3  # a cleaning that keeps fewer words (of an input with more) found no article
GENERIC_PROSE_BEFORE_END = 4  # a generic end marker needs more article before it (chosen leaving each family out)
MATCH_TIMEOUT_S = 1.0  # one pattern on one line
MAX_PATTERN_CHARS = 5_000  # a longer text pattern is refused: its prefilter and matching would cost minutes

# --- captions -------------------------------------------------------------------------------
MAX_CAPTION_CHARS = 300  # the line above a credit is its caption when no longer than this
MAX_CREDIT_WORDS = 4  # an agency's name this short, alone on its image, may have its caption below

# --- template -------------------------------------------------------------------------------
TEMPLATE_MIN_FILES = 3  # a line in this many clippings of a folder is the site's chrome
TEMPLATE_PROSE_WORDS = 10
TEMPLATE_MAX_PROSE_SHARE = 0.5  # repeated lines holding more of the prose: copies of one article

# --- headline -------------------------------------------------------------------------------
MIN_TITLE_WORDS = 2
MAX_TITLE_WORDS = 30
MIN_HEADING_WORDS = 4  # a shorter line above the article is a byline, a section or "Share"
HEADLINE_REACH = 8  # lines no rule decided above the article's prose where its headline may stand …
HEADLINE_WINDOW = 16  # … among this many lines (a byline's, date's and share bar's lines between;
# chosen leaving each family out on headlines found: 16 in all four folds, 24 tied)
MAX_STANDFIRST_LINES = 2  # lines between the headline and the prose kept as its standfirst
HEADING_CANDIDATES = 3  # headline, standfirst and a caption; more above are teasers
STANDFIRST_REACH = 3  # open lines under the headline where its standfirst sentence may stand
STANDFIRST_WORDS = 12  # … with at least this many words (both chosen leaving each family out)
PROSE_NAMING_LINES = 12  # prose lines whose words a clipping's first line must share to be taken for its title
PROSE_NAMING_SHARE = 0.34  # … a third of its words (0.34 and 0.5 tied leaving each family out; 0.2 lower)

# --- comments -------------------------------------------------------------------------------
COMMENT_MIN_PAIRS = 2
COMMENT_GAP = 25  # lines between two commenters' time stamps, at most (a comment's body between)
COMMENT_MAX_NAME_CHARS = 40
COMMENT_PROSE_BEFORE = 2  # a thread of author lines over replies starts only after this many prose lines of article
COMMENT_PROSE_WORDS = 15

# --- fallback -------------------------------------------------------------------------------
CLAMP = 1e-6
RESCUE_SHARE = 0.2  # a page keeping less prose than this share of its densest run of prose keeps that run too
RESCUE_WEIGHT = 100.0  # in that run, a prose line's characters count times this × its article probability
DROPPED_LEANING = 0.6  # a line a rule dropped leans the page towards boilerplate there, gently
TITLED_HEADLINE_P = 0.95  # to the sequence, a headline repeating the page's title (and its standfirst) is article
# A run of lines the sequence alone keeps, at least DETACHED_GAP lines it drops below the article's
# run (runs: kept lines at most REGION_BRIDGE others apart), whose mean article probability is
# under DETACHED_P and which holds no list item, is another story's teasers. Chosen leaving each
# family out (see BENCHMARKS): 0.6 in all four folds; a gap of 6 scored within 0.0007 of 8 but
# dropped a section of an article.
REGION_BRIDGE = 2
DETACHED_GAP = 8
DETACHED_P = 0.6
# A run holding a sentence the model is this sure of, this long, is no teasers: the article's lower
# half (a drop above it can lower its mean). Set a priori: on the benchmarks it moves one page, with its
# family left out of training (dragnet_294, +0.013).
DETACHED_SURE_P = 0.9
DETACHED_SURE_WORDS = 20

# A run of BOX_TEASER_RUN or more lines under a heading a rule dropped, each one the model leans
# boilerplate on (under BOX_TEASER_P) and none a sentence, between two sentences of the article it
# leans article on, is a box of teasers inside the article. 0.5 is the model's own boundary; leaving
# each family out, 0.35-0.7 for the teasers scored alike and 0.5 for the sentences around
# them beat 0.65-0.9 (bench +0.0003); a run of 2 cost a page, 4 scored as 3.
BOX_TEASER_P = 0.5
BOX_TEASER_RUN = 3

# The page's last line no rule dropped, a sentence of CLOSING_WORDS words or more right under a
# sentence the sequence keeps, with only the rules' lines (a share bar, a footer) below it, is the
# article's last sentence unless the model is sure it is not (under CLOSING_P). Set a priori: on
# the benchmarks no page's text changes; left out of training, Dragnet +0.0003.
CLOSING_WORDS = 8
CLOSING_P = 0.1

# --- settle ---------------------------------------------------------------------------------
MAX_SETTLE_PASSES = 16

# --- rules learn ----------------------------------------------------------------------------
MIN_CLIPPINGS = 3
LEARN_TEMPLATE_SHARE = 0.5  # a line in at least half the clippings is chrome
FINGERPRINT_SHARE = 0.8  # a fingerprint is in at least 80% of them
MARKER_MAJORITY = 2 / 3  # markers must agree in two clippings out of three
MAX_FINGERPRINTS = 5
