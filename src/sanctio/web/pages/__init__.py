"""The UI's pages, one module per area, each exposing a FastAPI ``router``."""
