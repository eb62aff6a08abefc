"""Two versions compared: the merged document and the redlines made from it."""
