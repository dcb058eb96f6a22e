"""The pages of a finished PDF as pictures, one under the other, as a reader would see them.

PySide6-Essentials has no QtPdf, and a förbundschef's Windows laptop has no poppler, so the
pages are rendered with pypdfium2 (PDFium, the engine of Chrome's PDF viewer; one small wheel
per platform). Rendering is quick (a few milliseconds a page), so a page is drawn when it
comes into view (see :class:`PdfPreview`); the pictures are about 520 px wide.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

#: Points to pixels for the preview: an A4 page (595 pt) becomes about 520 px wide.
_SCALE = 0.875


def page_image(page, scale: float) -> QImage:
    """One PDF page as a picture that owns its pixels (the bitmap's buffer goes with it)."""
    bitmap = page.render(scale=scale, rev_byteorder=True, prefer_bgrx=True)
    try:
        return QImage(
            bytes(bitmap.buffer),
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_RGBX8888,
        ).copy()
    finally:
        bitmap.close()


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
            images.append(page_image(page, scale))
            page.close()
    finally:
        document.close()
    return images


class PdfPreview(QScrollArea):
    """A scrollable column of page pictures with their page numbers.

    Only the pages in view (and a screen around them) hold a picture: each page is a frame of
    its size, drawn when scrolled to and let go when far out of view, so a 77-page report
    neither blocks the window while 77 pictures are drawn nor keeps 120 MiB of them. The
    pictures are drawn one at a time, the window's events handled between two (a page takes
    about 6 ms), so scrolling or typing never waits for a screenful."""

    #: How far outside the view (in view heights) pages keep or get their pictures.
    MARGIN = 1.0

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
        self._document = None
        self._drawn: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._draw_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._timer.start())

    def set_pdf(self, pdf: bytes | None) -> int:
        """Show the pages of ``pdf`` (None: nothing); returns how many pages are shown."""
        for label in self.pages:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.pages = []
        self._drawn = set()
        self._close_document()
        if not pdf:
            return 0
        import pypdfium2 as pdfium  # loaded when a report is first shown, not at start-up

        try:
            self._document = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError:
            return 0
        count = len(self._document)
        for number in range(1, count + 1):
            width, height = self._document.get_page_size(number - 1)
            label = QLabel()
            label.setFrameShape(QFrame.Shape.Box)
            frame = 2 * label.frameWidth()
            label.setFixedSize(round(width * _SCALE) + frame, round(height * _SCALE) + frame)
            label.setToolTip(f"Sida {number} av {count}")
            label.setAccessibleName(f"Sida {number} av {count}")
            self._layout.addWidget(label)
            self.pages.append(label)
        self._timer.start()  # the top of the report first, as soon as the window is idle
        return count

    def _draw(self, index: int) -> None:
        if index in self._drawn or self._document is None:
            return
        page = self._document[index]
        try:
            image = page_image(page, _SCALE)
        finally:
            page.close()
        self.pages[index].setPixmap(QPixmap.fromImage(image))
        self._drawn.add(index)

    def _draw_visible(self) -> None:
        """Let go of the pictures far out of view; draw the next page in and around the view
        that has none (the one nearest the top of the view first), and come back for the
        rest once the window has handled what waits."""
        if not self.pages:
            return
        top = self.verticalScrollBar().value()
        height = max(self.viewport().height(), 1)
        low, high = top - self.MARGIN * height, top + (1 + self.MARGIN) * height
        wanted = []
        for index, label in enumerate(self.pages):
            near = label.y() + label.height() >= low and label.y() <= high
            if near or index < 2:  # the first pages are kept: a report is opened at its top
                wanted.append(index)
            elif index in self._drawn:
                label.setPixmap(QPixmap())
                self._drawn.discard(index)
        missing = [i for i in wanted if i not in self._drawn]
        if missing:
            self._draw(min(missing, key=lambda i: abs(self.pages[i].y() - top)))
            if len(missing) > 1:
                self._timer.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._timer.start()

    def _close_document(self) -> None:
        if self._document is not None:
            self._document.close()
            self._document = None

    def show_page(self, number: int) -> None:
        """Scroll so that page ``number`` (1-based) is at the top."""
        if 1 <= number <= len(self.pages):
            self.verticalScrollBar().setValue(self.pages[number - 1].y())
