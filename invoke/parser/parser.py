"""STUB: replaced by the parser work (issue 3)."""
def is_flag(value): return value.startswith("-")
def is_long_flag(value): return value.startswith("--")
class ParseResult(list):
    remainder = ""
    unparsed = []
class Parser:
    def __init__(self, contexts=(), initial=None, ignore_unknown=False):
        self.contexts = contexts; self.initial = initial; self.ignore_unknown = ignore_unknown
