"""Compatibility paths only: nothing here is vendored code.

Upstream Invoke shipped copies of third-party libraries under
``invoke.vendor``; clients (Fabric's tests, invocations) still import
``invoke.vendor.lexicon.Lexicon``, so that path re-exports our own class.
"""
