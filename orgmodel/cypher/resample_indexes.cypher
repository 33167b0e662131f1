// After a push: Neo4j samples an index again only in the background, and until
// it has, its planner still takes a freshly filled index for empty (a look-up
// of 135 holders read 800,000 records instead of a few hundred).  This has the
// outdated ones sampled now.  Neo4j's own procedure (ArcadeDB has none: there
// the push skips it).
CALL db.resampleOutdatedIndexes()
