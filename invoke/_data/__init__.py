"""Small data structures shared by every layer: ``lexicon`` (`Lexicon`, `AliasDict`, `AttributeDict`)."""
