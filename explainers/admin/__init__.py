"""Editing screens for the story: claims, explainers and their workflow, integrity tools."""

from explainers.admin import agreements, claims, evidence, explainers, integrity, tags  # noqa: F401  (registers the admins)
