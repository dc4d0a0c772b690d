"""Pages whose content arrives with a later issue, saying so plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.session import Session


class ReportsView(QWidget):
    """Sales reports arrive with the staff and reports work; until then, a plain note."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsView")
        label = QLabel(self.tr("Sales reports are not available yet.\n"
                               "Use Orders to look up sales, or 'pos orders list' to export "
                               "them."), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
