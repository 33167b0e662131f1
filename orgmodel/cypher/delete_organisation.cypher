MATCH (o:Organisation {name: $org})
DELETE o
