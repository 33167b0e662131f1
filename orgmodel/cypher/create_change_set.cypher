// One push's entry in $org's history: who, when, why, and what it changed.
CREATE (:ChangeSet {org: $org, version: $version, base: $base, user: $user, at: $at,
                    message: $message, forced: $forced, added: $added, changed: $changed,
                    removed: $removed, events: $events, patch: $patch})
