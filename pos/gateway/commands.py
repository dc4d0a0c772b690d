"""Placeholder: the commands of this area are being written."""


def add_commands(sub, common) -> None:
    """Add this area's sub-commands to the `pos` parser."""
