// Nodes a push removes (with their edges).  {label}: from orgmodel.schema.NODE_KINDS.
UNWIND $uids AS key
MATCH (n:{label} {uid: key})
DETACH DELETE n
