"""The command line: the pieces behind `invoke.program.Program`.

``core_flags`` (the core `Argument` set), ``phases`` (helpers for the
program's phases: config overrides, contexts, messages), ``errors`` (the
one funnel turning exceptions into messages and exit codes), ``render``
(pure rendering of ``--list``, ``--help`` and columns) and ``listing``
(what ``--list`` shows for a collection, in each format).
"""
