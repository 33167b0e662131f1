// The web app's accounts of $org, replaced by $rows in one transaction.
OPTIONAL MATCH (old:AppUser {org: $org})
DETACH DELETE old
WITH count(*) AS gone
UNWIND $rows AS row
CREATE (:AppUser {org: $org, name: row.name, role: row.role, hash: row.hash,
                  failures: row.failures, locked_until: row.locked_until, ended: row.ended})
