// Span of control per manager of $org: direct reports (posts), mandates given and
// staff counted per grade under the post, as orgmodel.span_of_control(org.on($date)).
// A manager is a post: not political, not external, not a placeholder.  $date
// (YYYY-MM-DD) leaves out roles and edges outside their valid_from / valid_to; null
// for all.
MATCH (m:Post {org: $org})
WHERE coalesce(m.sphere, '') <> 'political' AND NOT coalesce(m.external, false)
  AND NOT coalesce(m.placeholder, false)
  AND ($date IS NULL OR (coalesce(m.valid_from, '') <= $date
                         AND (m.valid_to IS NULL OR $date <= m.valid_to)))
OPTIONAL MATCH (s:Post)-[r:REPORTS_TO]->(m)
WHERE coalesce(s.sphere, '') <> 'political' AND NOT coalesce(s.external, false)
  AND NOT coalesce(s.placeholder, false)
  AND ($date IS NULL OR (coalesce(s.valid_from, '') <= $date
                         AND (s.valid_to IS NULL OR $date <= s.valid_to)
                         AND coalesce(r.valid_from, '') <= $date
                         AND (r.valid_to IS NULL OR $date <= r.valid_to)))
WITH m, count(s) AS direct_reports
OPTIONAL MATCH (m)-[d:MANDATES]->(x)
WHERE $date IS NULL OR (coalesce(d.valid_from, '') <= $date
                        AND (d.valid_to IS NULL OR $date <= d.valid_to)
                        AND coalesce(x.valid_from, '') <= $date
                        AND (x.valid_to IS NULL OR $date <= x.valid_to))
WITH m, direct_reports, count(x) AS mandates_given
OPTIONAL MATCH (st:Staff)-[so:STAFF_OF]->(m)
WHERE $date IS NULL OR (coalesce(so.valid_from, '') <= $date
                        AND (so.valid_to IS NULL OR $date <= so.valid_to)
                        AND coalesce(st.valid_from, '') <= $date
                        AND (st.valid_to IS NULL OR $date <= st.valid_to))
WITH m, direct_reports, mandates_given, sum(coalesce(st.count, 0)) AS staff
WHERE direct_reports > 0 OR mandates_given > 0 OR staff > 0
RETURN m.id AS id, m.name AS name, direct_reports, mandates_given, staff
ORDER BY direct_reports DESC, id
