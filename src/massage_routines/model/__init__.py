"""The core model: regions, pressure, duration, positions, steps, routines and clients.

Every class is an attrs class, frozen and slotted: values, not records to mutate.
"""

from massage_routines.model.client import Client, Condition, Flag
from massage_routines.model.duration import Duration, DurationError
from massage_routines.model.position import Position
from massage_routines.model.pressure import PRESSURE_NAMES, Pressure
from massage_routines.model.regions import BASE_REGIONS, Region, RegionTree
from massage_routines.model.routine import PLAN_FORMAT, WHEN, Advice, Routine, Step, When

__all__ = [
    "BASE_REGIONS",
    "PLAN_FORMAT",
    "PRESSURE_NAMES",
    "WHEN",
    "Advice",
    "Client",
    "Condition",
    "Duration",
    "DurationError",
    "Flag",
    "Position",
    "Pressure",
    "Region",
    "RegionTree",
    "Routine",
    "Step",
    "When",
]
