"""The Settings page's backups part: the folder the automatic backups go to (a USB stick,
a network share; empty for the data folder's `backups`), chosen with Browse…, and how
many backups it keeps. The backups themselves are `ui.backups`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFileDialog, QGroupBox, QHBoxLayout, QSpinBox, QWidget

from pos.settings import MAX_BACKUPS_KEEP, StoreSettings
from pos.store.paths import backup_dir
from ui.forms import FIELD_HEIGHT, add_form_rows, growing_form, line_edit, touch_button

FolderChooser = Callable[[QWidget, str, str], str]


def choose_folder(parent: QWidget, title: str, start: str) -> str:
    """The folder the manager picks ('' for none): the system's folder dialog."""
    return QFileDialog.getExistingDirectory(parent, title, start,
                                            QFileDialog.Option.ShowDirsOnly)


class BackupSection(QGroupBox):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("Backups"), parent)
        self.setObjectName("backupGroup")
        self.choose_folder: FolderChooser = choose_folder
        """Asked for a folder by Browse…; replaceable for tests and automation."""
        self.folder_edit = line_edit(self, "backupFolderEdit", self.tr("Backup folder"),
                                     max_length=1000)
        # The default folder's path is long and holds figures: the field names it in
        # words, and its tooltip gives the path.
        self.folder_edit.setPlaceholderText(self.tr("Empty: “backups” in the data folder"))
        self.folder_edit.setToolTip(self.tr("Empty: {folder}").format(folder=backup_dir("")))
        self.browse_button = touch_button(self.tr("&Browse…"), self, "backupBrowseButton",
                                          secondary=True,
                                          accessible=self.tr("Choose the backup folder"))
        self.browse_button.clicked.connect(self.browse)
        self.keep_spin = QSpinBox(self)
        self.keep_spin.setObjectName("backupsKeepSpin")
        self.keep_spin.setAccessibleName(self.tr("Backups to keep"))
        self.keep_spin.setRange(1, MAX_BACKUPS_KEEP)
        self.keep_spin.setMinimumHeight(FIELD_HEIGHT)
        folder = QWidget(self)
        row = QHBoxLayout(folder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse_button)
        add_form_rows(growing_form(self), ((self.tr("Backup &folder"), folder, self.folder_edit),
                                           (self.tr("Backups to &keep"), self.keep_spin)), self)

    def load(self, settings: StoreSettings) -> None:
        self.folder_edit.setText(settings.backup_folder)
        self.keep_spin.setValue(settings.backups_keep)

    def values(self) -> dict[str, Any]:
        """The backup fields as `save_settings` takes them."""
        return {"backup_folder": self.folder_edit.text().strip(),
                "backups_keep": self.keep_spin.value()}

    def browse(self) -> None:
        chosen = self.choose_folder(self, self.tr("Backup folder"),
                                    self.folder_edit.text().strip() or str(backup_dir("")))
        if chosen:
            self.folder_edit.setText(chosen)
