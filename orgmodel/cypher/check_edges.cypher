// The edges an incremental push wrote, read back before it commits: each row
// of $rows names an edge's uid, the uid of its start node and how many edges
// of {type} from there should hold it (1 or 0); the rows where the database
// holds another number come back.  {type}, {src}: the schema's.
UNWIND $rows AS row
OPTIONAL MATCH (:{src} {uid: row.src})-[r:{type} {uid: row.uid}]->()
WITH row, count(r) AS found
WHERE found <> row.n
RETURN row.key AS key, row.n AS expected, found
