// Reading, replacing and analysing one organisation filters on `org`.
CREATE INDEX {label}_org IF NOT EXISTS FOR (n:{label}) ON (n.org)
