"""Task definition: the pieces behind `invoke.tasks`, `invoke.templates` and `Collection`.

``signature`` (the one place that introspects a body: its parameters,
identity and annotation kinds), ``arguments`` (turning parameters into
`Argument` objects), ``binding`` (method tasks: `MethodBinding`, adoption
by a class, binding to instances, overrides), ``instance_cache``
(where an instance keeps its bound tasks), ``discovery`` (which
attributes of an object are tasks and sub-collections) and ``conflicts``
(the "Name conflict" errors of `Collection`).
"""
