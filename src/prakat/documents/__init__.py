"""Official documents: model, rendering and the PDF text layer."""
