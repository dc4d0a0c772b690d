"""The Settings page; it lives in the `ui.settings` package, this name stays for the main
window and older imports."""

from ui.settings.settings_view import SettingsView

__all__ = ["SettingsView"]
