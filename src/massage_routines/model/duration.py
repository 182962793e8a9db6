"""Durations with a unit, as plans write them: ``90s``, ``5m``, ``5min``, ``1m30s``, ``1h``."""

from __future__ import annotations

import re

import attrs

from massage_routines.errors import DurationError
from massage_routines.value import Value

__all__ = ["Duration", "DurationError", "total_duration"]

_NUMBER = r"(\d+(?:\.\d+)?)"
_FORM = re.compile(rf"(?:{_NUMBER}h)?(?:{_NUMBER}(?:min|m))?(?:{_NUMBER}s)?\Z")
_UNITS = (3_600_000, 60_000, 1_000)
_SEXAGESIMAL = re.compile(r"\d+(?::[0-5]?\d)+\Z")
#: Longest duration text read (``10000h59m59.999s`` is 16 characters).
_LONGEST = 40


def _positive(_: object, __: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value <= 0:
        raise ValueError(f"a duration is a positive whole number of milliseconds, not {value!r}")


@attrs.frozen(order=True, repr=False, weakref_slot=False)
class Duration(Value):
    """A positive length of time, exact to the millisecond.

    ``Duration.parse("1m30s") == Duration.of(seconds=90)``; ``str()`` gives the shortest exact
    form in hours, minutes and seconds (``1m30s``, ``2m30s``, ``1h15m``, ``0.5s``).
    """

    milliseconds: int = attrs.field(validator=_positive)

    @classmethod
    def of(cls, *, hours: float = 0, minutes: float = 0, seconds: float = 0) -> Duration:
        """A duration from numbers; it must come to a positive whole number of milliseconds."""
        total = hours * 3_600_000 + minutes * 60_000 + seconds * 1_000
        ms = round(total)
        if abs(total - ms) > 1e-6:
            raise DurationError(f"durations are exact to the millisecond, not {total} ms")
        return cls(int(ms))

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read a duration as plans write it; :class:`DurationError` says what is wrong."""
        match = _FORM.match(text) if text and len(text) <= _LONGEST else None
        if match is None:
            if len(text) <= _LONGEST and _SEXAGESIMAL.match(text):
                raise DurationError(
                    f"{text!r} is not a duration here (YAML 1.1 would read it as a base-60 "
                    "number); write it with units, e.g. 1m30s"
                )
            shown = text if len(text) <= _LONGEST else text[:_LONGEST] + "…"
            raise DurationError(f"not a duration: {shown!r} (write e.g. 90s, 5m, 1m30s, 1h)")
        total = 0
        for number, unit in zip(match.groups(), _UNITS, strict=True):
            if number is None:
                continue
            whole, _, frac = number.partition(".")
            scaled = int(whole) * unit
            if frac:
                extra, remainder = divmod(int(frac) * unit, 10 ** len(frac))
                if remainder:
                    raise DurationError(f"{text!r} is finer than a millisecond")
                scaled += extra
            total += scaled
        if total <= 0:
            raise DurationError(f"a duration must be longer than zero, not {text!r}")
        return cls(total)

    @property
    def seconds(self) -> float:
        """The length in seconds."""
        return self.milliseconds / 1000

    @property
    def minutes(self) -> float:
        """The length in minutes."""
        return self.milliseconds / 60_000

    def __add__(self, other: Duration) -> Duration:
        if not isinstance(other, Duration):
            return NotImplemented
        return Duration(self.milliseconds + other.milliseconds)

    def __str__(self) -> str:
        hours, rest = divmod(self.milliseconds, 3_600_000)
        minutes, rest = divmod(rest, 60_000)
        seconds, millis = divmod(rest, 1_000)
        out = []
        if hours:
            out.append(f"{hours}h")
        if minutes:
            out.append(f"{minutes}m")
        if millis:
            out.append(f"{seconds}.{millis:03d}".rstrip("0") + "s")
        elif seconds:
            out.append(f"{seconds}s")
        return "".join(out)


def total_duration(durations: list[Duration] | tuple[Duration, ...]) -> Duration:
    """The sum of at least one duration."""
    return Duration(sum(d.milliseconds for d in durations))
