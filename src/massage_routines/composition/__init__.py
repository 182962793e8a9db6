"""Composition: safe routines on request, from the styles' session shapes.

:func:`~massage_routines.composition.composer.compose` turns a
:class:`~massage_routines.composition.request.ComposeRequest` ("30 minutes of Swedish, focus on
the lower back, for this client") into a routine the validator passes, or raises
:class:`~massage_routines.composition.request.ComposeError` with the reasons. The modules, in the
order the composer uses them:

- :mod:`.request`: the request and the error;
- :mod:`.checks`: what is checked before anything is built;
- :mod:`.constraints`: what may be done where, for this client and style;
- :mod:`.positions`: the position of each block;
- :mod:`.goals`: how relaxation, pain relief and mobility shift a session (data);
- :mod:`.blocks`: the style's shape laid out for the request;
- :mod:`.parts` and :mod:`.resolve`: each move fitted to the client;
- :mod:`.timing` and :mod:`.schedule`: the time shared out in whole seconds;
- :mod:`.progression`: warm-up and gradual pressure along the session;
- :mod:`.building`: the steps and the routine.
"""
