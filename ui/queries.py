"""Read-only queries the pages still reach through here, until they import the data layer.

The queries of insatser, styrelse, möten and the förbund live in :mod:`finsam_desktop.insatser`,
:mod:`~finsam_desktop.styrelse`, :mod:`~finsam_desktop.moten` and :mod:`~finsam_desktop.forbund`;
the årshjul's in :mod:`finsam_desktop.arshjul`. The names below are re-exported for the pages
that still use them from here (Översikt's deadlines).
"""

from __future__ import annotations

from finsam_desktop.arshjul import ArshjulPost, arshjul_klara, arshjul_poster
from finsam_desktop.moten import Mote, mote_ar, moten

__all__ = ["ArshjulPost", "Mote", "arshjul_klara", "arshjul_poster", "mote_ar", "moten"]
