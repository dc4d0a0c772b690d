"""A dialog the cashier types into opens with the focus in its field.

Found walking the till under Xvfb with a window manager: after a scan of a weighed
product, the weight typed at a person's pace went nowhere (the field had no focus
until clicked), and the dialog then said "'' is not a weight". Offscreen, Qt gives
the first field the focus on its own, so this checks the focus the dialog asks for.
"""

from __future__ import annotations

from ui.register.weight_dialog import WeightDialog


def test_the_weight_dialog_asks_for_the_focus_in_its_field(qtbot):
    dialog = WeightDialog("Carrots, loose (per kg)", "$1.99")
    qtbot.addWidget(dialog)
    assert dialog.focusWidget() is dialog.weight_edit  # before it is even shown
