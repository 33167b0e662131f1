MATCH (n:{label} {org: $org})
RETURN properties(n) AS props
