// Every organisation in the database, with its version and what it holds.
MATCH (o:Organisation)
RETURN o.name AS name, o.version AS version, o.nodes AS nodes, o.edges AS edges,
       o.pushed_at AS pushed_at
ORDER BY name
