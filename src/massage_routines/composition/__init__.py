"""Composition: sessions a therapist would run as written, from the styles' session shapes.

:func:`~massage_routines.composition.composer.compose` turns a
:class:`~massage_routines.composition.request.ComposeRequest` ("30 minutes of Swedish, focus on
the lower back, for this client") into a routine the validator passes, with the craft findings
on, or raises :class:`~massage_routines.errors.ComposeError` with the reasons;
:func:`~massage_routines.composition.composer.compose_with_adaptations` also returns what was
changed for the client, and why.

The stages, in the order data flows through them (:mod:`.composer` runs them):

1. :mod:`.request`: the request (style, duration, focus, include, client, goal, seed);
2. :mod:`.checks`: what is refused before anything is built (an unknown style, a broken
   registry, a duration outside the style's range, a client refused today, regions that
   cannot be worked);
3. :mod:`.constraints`: what may be done where, for this client (through the
   :class:`~massage_routines.validation.profile.Profile` the safety rules read) and style;
4. :mod:`.positions`: the position of each block, grouped so that the client turns once;
5. :mod:`.goals` (data) and :mod:`.blocks`: the style's shape laid out for the request, limbs
   one side at a time, deep work followed by a flush;
6. :mod:`.resolve` and :mod:`.parts`: each move fitted to the client (worked around what is
   off limits, never on a site's warning), the specific work varied, a light opening and a
   calm close;
7. :mod:`.schedule` and :mod:`.timing`: the time shared out in whole seconds, blocks trimmed
   (the two sides of a limb together) or left out when the session is short;
8. :mod:`.progression`: pressure settled along the session (two minutes of warm-up before
   4-5, changes of at most 2);
9. :mod:`.building`: the steps (no two alike in a row, the turn in the notes);
10. :mod:`.report` and :mod:`.adaptations`: what changed, each with the flag, condition or
    limit that caused it, kept in the steps' notes.

The numbers of good practice the stages follow (warm-up, jumps, the opening and the close, the
limbs and their sides) have one home, :mod:`massage_routines.practice`, shared with the rules.
"""
