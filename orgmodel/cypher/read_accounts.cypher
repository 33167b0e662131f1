// The web app's accounts of $org (name, role, password hash, lock-out state,
// how many times its sessions were ended).
MATCH (u:AppUser {org: $org})
RETURN u.name AS name, u.role AS role, u.hash AS hash, u.failures AS failures,
       u.locked_until AS locked_until, u.ended AS ended
ORDER BY name
