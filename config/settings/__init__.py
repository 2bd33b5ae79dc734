"""Settings package: `base` reads the environment; `production` and `test` adjust it."""
