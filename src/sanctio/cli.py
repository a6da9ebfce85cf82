"""The `sanctio` command."""


def main() -> None:
    raise SystemExit("not yet")
