// Lint Cypher with Neo4j's own language support (tests/test_cypher_lint.py):
// reads a JSON list of {name, query, schema} on stdin and prints a JSON list
// of {name, diagnostics}.
const { lintCypherQuery } = require("@neo4j-cypher/language-support");
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const out = JSON.parse(input).map(({ name, query, schema }) => {
    const r = lintCypherQuery(query, schema || {});
    return {
      name,
      diagnostics: r.diagnostics.map((d) => ({
        message: d.message, severity: d.severity, line: d.range && d.range.start.line,
      })),
    };
  });
  process.stdout.write(JSON.stringify(out));
});
