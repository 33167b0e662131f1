// The names of the indexes the database has (a constraint's own index
// among them): a push creates only those of orgmodel's it lacks.
SHOW INDEXES YIELD name
RETURN name
