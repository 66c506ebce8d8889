"""Running commands: the pieces behind `invoke.runners` and `Context.run`.

``options`` (run options and their defaults), ``result`` (`Result`,
``Promise``), ``procs`` (process groups and signals), ``streams`` (reading,
echoing and feeding a process's streams), ``pump`` (moving bytes without
threads where possible), ``runner`` (`Runner`) and ``local`` (`Local`).
Public names are re-exported by `invoke.runners`.
"""
