"""Official list formats: one module per format, named in registry.py."""
