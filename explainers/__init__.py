"""Claims, citations and explainers: the cited stories readers get, and the tools that build them."""
