"""``python -m massage_routines``."""

from massage_routines.cli.main import run

if __name__ == "__main__":
    run()
