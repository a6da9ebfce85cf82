"""Sanctio: sanctions and watchlist screening."""
