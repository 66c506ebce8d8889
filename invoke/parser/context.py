"""STUB: replaced by the parser work (issue 3)."""
def translate_underscores(name):
    return name.lstrip("_").rstrip("_").replace("_", "-")
def to_flag(name):
    name = translate_underscores(name)
    return "-" + name if len(name) == 1 else "--" + name
class ParserContext:
    def __init__(self, name=None, aliases=(), args=()):
        self.name = name; self.aliases = aliases; self.args = list(args)
