// The names of the constraints the database has: a push creates only those
// of orgmodel's it lacks (35 commands "IF NOT EXISTS" took a third of a
// second on every push).
SHOW CONSTRAINTS YIELD name
RETURN name
