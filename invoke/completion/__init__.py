"""Shell tab-completion: ``inv --complete`` and ``--print-completion-script``."""
