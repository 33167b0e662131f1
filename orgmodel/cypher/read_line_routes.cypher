// The line marks (line_routes, see orgmodel.store.LINE_ROUTES) a push finds
// stored on the nodes whose steps it works out again: the route kinds along
// which a node's one step is its REPORTS_TO edge, stored as no edge of its
// own.  {src}: the schema's node label.
UNWIND $uids AS key
MATCH (a:{src} {uid: key})
WHERE a.line_routes IS NOT NULL
RETURN a.uid AS src, a.line_routes AS routes
