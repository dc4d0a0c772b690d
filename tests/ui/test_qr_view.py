"""The QR code a customer scans: decoded back with zxing-cpp, as a phone would read it."""

import zxingcpp

from ui.qr_view import QrView, qr_image, qr_pixmap

URL = "https://pay.example.test/qr/ORDER-0001?amount=123456&currency=CNY"


def decode(image) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(image)
            if code.format == zxingcpp.BarcodeFormat.QRCode]


def test_the_image_decodes_back_to_the_url_at_its_size(qapp):
    image = qr_image(URL, 300)
    assert (image.width(), image.height()) == (300, 300)
    assert decode(image) == [URL]


def test_a_size_smaller_than_the_code_still_gives_whole_pixel_modules(qapp):
    image = qr_image(URL, 10)
    assert image.width() == image.height() >= 10
    assert decode(image) == [URL]


def test_the_pixmap_is_the_same_code(qapp):
    assert decode(qr_pixmap(URL, 240).toImage()) == [URL]


def test_the_view_follows_its_url_and_its_size(qtbot):
    view = QrView(minimum_px=160)
    qtbot.addWidget(view)
    view.resize(400, 300)
    view.show()
    view.set_url(URL)
    assert view.url() == URL and view.accessibleDescription() == URL
    assert view.pixmap().width() == 300
    assert decode(view.grab().toImage()) == [URL]

    view.resize(200, 500)
    assert view.pixmap().width() == 200
    view.set_url("")
    assert view.pixmap().isNull() and decode(view.grab().toImage()) == []
