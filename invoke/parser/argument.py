"""STUB: replaced by the core work (issue 2)."""
class Argument:
    def __init__(self, name=None, names=(), kind=str, default=None, help=None, positional=False, optional=False, incrementable=False, attr_name=None):
        self.names = tuple(names or (name,)); self.kind = kind; self.default = default; self.help = help
        self.positional = positional; self.optional = optional; self.incrementable = incrementable; self.attr_name = attr_name
        self.raw_value = self._value = None
