"""The pages of a finished PDF as pictures, one under the other, as a reader would see them.

PySide6-Essentials has no QtPdf, and a förbundschef's Windows laptop has no poppler, so the
pages are rendered with pypdfium2 (PDFium, the engine of Chrome's PDF viewer; one small wheel
per platform). Rendering is quick (a few milliseconds a page), so it happens when a report is
shown; the pictures are scaled to the width of the view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

#: Points to pixels for the preview: an A4 page (595 pt) becomes about 520 px wide.
_SCALE = 0.875


def render_pages(pdf: bytes, scale: float = _SCALE) -> list[QImage]:
    """Every page of ``pdf`` as an image; an unreadable PDF gives no pages."""
    import pypdfium2 as pdfium  # loaded when a report is first shown, not at start-up

    try:
        document = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError:
        return []
    images = []
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(
                bytes(bitmap.buffer),
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # own the pixels: the bitmap's buffer goes with it
            images.append(image)
            bitmap.close()
            page.close()
    finally:
        document.close()
    return images


class PdfPreview(QScrollArea):
    """A scrollable column of page pictures with their page numbers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName("Förhandsvisning av rapportens sidor")
        self.setMinimumHeight(420)
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._inner)
        self.pages: list[QLabel] = []

    def set_pdf(self, pdf: bytes | None) -> int:
        """Show the pages of ``pdf`` (None: nothing); returns how many pages are shown."""
        for label in self.pages:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.pages = []
        if not pdf:
            return 0
        images = render_pages(pdf)
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setFrameShape(QFrame.Shape.Box)
            label.setToolTip(f"Sida {number} av {len(images)}")
            label.setAccessibleName(f"Sida {number} av {len(images)}")
            self._layout.addWidget(label)
            self.pages.append(label)
        return len(images)

    def show_page(self, number: int) -> None:
        """Scroll so that page ``number`` (1-based) is at the top."""
        if 1 <= number <= len(self.pages):
            self.verticalScrollBar().setValue(self.pages[number - 1].y())
