"""Hypothesis strategies over the model alone (no registry): anything the model can express."""

from __future__ import annotations

from hypothesis import strategies as st

from massage_routines.model import (
    BASE_REGIONS,
    Client,
    Condition,
    Duration,
    Flag,
    Pressure,
    Region,
    Routine,
    Step,
)
from massage_routines.model.position import BUILT_IN

segment = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
region_names = st.one_of(
    st.sampled_from(BASE_REGIONS),
    st.lists(segment, min_size=1, max_size=4).map(".".join),
)
regions = region_names.map(Region)
pressures = st.sampled_from(list(Pressure))
durations = st.integers(min_value=1, max_value=10 * 3_600_000).map(Duration)
positions = st.sampled_from(BUILT_IN)
texts = st.text(max_size=40)
names = st.text(min_size=1, max_size=30)

steps = st.builds(
    Step,
    technique=names,
    region=regions,
    pressure=pressures,
    duration=durations,
    position=st.none() | positions,
    notes=st.none() | texts,
)
flags = st.builds(Flag, region=regions, reason=st.none() | texts)
conditions = st.builds(
    Condition,
    name=names,
    region=st.none() | regions,
    trimester=st.none() | st.integers(1, 3),
    cleared=st.booleans(),
)
clients = st.builds(
    Client,
    flags=st.lists(flags, max_size=3).map(tuple),
    conditions=st.lists(conditions, max_size=3).map(tuple),
    max_pressure=st.none() | pressures,
    preferred_pressure=st.none() | pressures,
    areas_of_concern=st.lists(regions, max_size=3).map(tuple),
)
routines = st.builds(
    Routine,
    name=names,
    style=names,
    steps=st.lists(steps, min_size=1, max_size=8).map(tuple),
    position=st.none() | positions,
    duration=st.none() | durations,
    client=st.none() | clients,
)
