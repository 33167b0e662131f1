// The nodes an incremental push wrote, read back before it commits: each row
// of $rows names a uid and how many nodes of {label} should hold it (1 or 0);
// the rows where the database holds another number come back.
// {label}: from orgmodel.schema.NODE_KINDS.
UNWIND $rows AS row
OPTIONAL MATCH (n:{label} {uid: row.uid})
WITH row, count(n) AS found
WHERE found <> row.n
RETURN row.key AS key, row.n AS expected, found
