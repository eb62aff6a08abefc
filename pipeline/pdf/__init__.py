"""HTML to tagged PDF with WeasyPrint, and the finishing step every PDF passes."""
