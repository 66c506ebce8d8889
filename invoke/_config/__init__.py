"""Configuration: the pieces behind `invoke.config.Config`.

``files`` (finding and reading config files of each format), ``merge``
(merging, copying and excising nested dicts) and ``proxy`` (`DataProxy`,
attribute access over nested dicts). `invoke.env` loads environment
variables; `invoke.config` holds `Config` and re-exports what it always did.
"""
