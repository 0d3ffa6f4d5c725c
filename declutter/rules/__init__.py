"""The rule engine: rule files as plain data (files.py), the rule book of every folder (book.py),
a matcher per file that makes matching cheap (matcher.py, prefilter.py), and what the text
directives do to a page's blocks (apply.py)."""

from .apply import apply_text_rules
from .book import RuleBook, RuleWarning, builtin_rules_dir, rule_book
from .files import CAPTION, Pattern, RuleFile, RuleTest, parse_rule_file
from .matcher import Matcher

__all__ = ["CAPTION", "Matcher", "Pattern", "RuleBook", "RuleFile", "RuleWarning", "RuleTest", "apply_text_rules",
           "builtin_rules_dir", "parse_rule_file", "rule_book"]
