// Span of control: direct reports and mandates given per official manager of $org.
MATCH (m:Role {org: $org})
WHERE coalesce(m.sphere, '') <> 'political'
OPTIONAL MATCH (s:Role)-[:REPORTS_TO]->(m)
WITH m, count(s) AS direct_reports
OPTIONAL MATCH (m)-[:MANDATES]->(x:Role)
WITH m, direct_reports, count(x) AS mandates_given
WHERE direct_reports > 0 OR mandates_given > 0
RETURN m.id AS id, m.name AS name, direct_reports, mandates_given
ORDER BY direct_reports DESC, id
