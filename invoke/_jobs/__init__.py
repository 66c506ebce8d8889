"""Parallel execution (``inv -j N``): the call graph, its scheduler and their output.

``graph`` (which calls wait for which), ``scheduler`` (running ready calls
up to N at once, failures, Ctrl-C, the summary), ``output`` (prefixed,
grouped or raw output and the live status line) and ``run`` (the
executor's entry point).
"""
