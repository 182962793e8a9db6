"""``Value``: the base of the library's frozen attrs classes.

Every model class and record is ``@attrs.frozen(repr=False, weakref_slot=False)`` on top of
``Value``: frozen, slotted, compared by value, with this one shared ``__repr__``. attrs builds a
class's methods at import time, and a generated ``__repr__`` (plus a weakref slot nobody uses)
is half of that cost; with some forty classes on the command line's start-up path that was
about 12 ms of a ~100 ms ``validate`` (measured with ``bench/profile_startup.py``). The repr is
the same one attrs would write.
"""

from __future__ import annotations

import attrs


class Value:
    """Gives frozen attrs classes the repr attrs would generate, without generating it."""

    __slots__ = ()

    def __repr__(self) -> str:
        fields = attrs.fields(type(self))  # type: ignore[arg-type]
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields if f.repr)
        return f"{type(self).__name__}({shown})"
