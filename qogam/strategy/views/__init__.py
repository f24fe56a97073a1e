"""Strategy pages, one module per part: strategies (list, plan, timeline, exports, copies) and
their parts (directions, goals, measures and progress notes).

Views parse, check permission, call one service or query and render. A record the viewer may
not read answers 404; a readable one they may not change, 403.
"""
