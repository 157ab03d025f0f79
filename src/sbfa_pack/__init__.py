"""sbfa-pack: course sources in YAML + Markdown to SCORM 1.2, xAPI and cmi5 packages."""

__version__ = "0.1.0"
