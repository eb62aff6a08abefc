"""Everything that reads and validates content/ and the settings, into the model."""
