"""Publishes the Social Media Toolkit for Councillors from one Markdown source."""

__version__ = "0.1.0"
