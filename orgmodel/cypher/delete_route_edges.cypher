// The route steps of route kind $route from the nodes whose steps a push
// rewrites.  {src}: the schema's node label.
UNWIND $uids AS key
MATCH (:{src} {uid: key})-[r:ESCALATES_TO {route: $route}]->()
DELETE r
