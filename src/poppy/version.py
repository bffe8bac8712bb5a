"""poppy's version, beneath every layer so that the build can record it without importing the API."""

__version__ = "0.1.0"
