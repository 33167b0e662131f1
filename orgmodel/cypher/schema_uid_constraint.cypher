// One uniqueness constraint per node label, on `uid` (= organisation + ':' + id),
// so that several organisations can use the same ids side by side.
// {label} is filled from orgmodel.schema.NODE_KINDS only, never from user input.
CREATE CONSTRAINT {label}_uid IF NOT EXISTS FOR (n:{label}) REQUIRE n.uid IS UNIQUE
