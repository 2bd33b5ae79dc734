"""Services: every write that spans records goes through one of these, in one transaction."""
