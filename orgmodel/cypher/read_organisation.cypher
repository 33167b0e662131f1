MATCH (o:Organisation {name: $org})
RETURN o.manifest AS manifest, o.nodes AS nodes, o.edges AS edges
