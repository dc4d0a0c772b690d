"""The point-of-sale core: plain Python, no Qt, testable without a display."""

__version__ = "0.1.0"
