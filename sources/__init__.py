"""The evidence: publishers, sources, people, organisations, agreements and the pure text functions."""
