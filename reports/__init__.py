"""Documents made from a förbund file: PDF (ReportLab) and Excel (openpyxl). No Qt."""
