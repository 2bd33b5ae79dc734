"""Pure text functions (no database, no settings): cleaning, metadata, people, quotes, anchoring."""
