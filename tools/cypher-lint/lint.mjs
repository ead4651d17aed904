#!/usr/bin/env node
// Lints Cypher texts with Neo4j's own linter (@neo4j-cypher/language-support).
//
// stdin:  JSON [{"name": str, "text": str, "parameters": {name: example value}}]
// stdout: JSON [{"name", "severity": "error"|"warning"|"info"|"hint", "message",
//                "line", "column", "start", "end"}], sorted by name then position.
// Exit status: 0 when no diagnostic is an error, 1 when one is, 2 when the input is unusable.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function lintOne(item) {
  const { name, text, parameters = {} } = item;
  if (typeof name !== 'string' || typeof text !== 'string') {
    throw new Error('every item needs a string "name" and a string "text"');
  }
  // Only parameters are declared: labels and types are left open, so the linter judges
  // the Cypher itself (syntax, semantics, parameter use), not the contents of one graph.
  const { diagnostics } = lintCypherQuery(text, { parameters });
  return diagnostics.map((d) => ({
    name,
    severity: SEVERITY[d.severity] ?? String(d.severity),
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    start: d.offsets?.start ?? null,
    end: d.offsets?.end ?? null,
  }));
}

async function main() {
  let items;
  try {
    items = JSON.parse(await readStdin());
    if (!Array.isArray(items)) throw new Error('the input must be a JSON array');
  } catch (err) {
    process.stderr.write(`cypher-lint: unusable input: ${err.message}\n`);
    process.exit(2);
  }
  const out = [];
  try {
    for (const item of items) out.push(...lintOne(item));
  } catch (err) {
    process.stderr.write(`cypher-lint: ${err.message}\n`);
    process.exit(2);
  }
  out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : (a.start ?? 0) - (b.start ?? 0)));
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
  process.exit(out.some((d) => d.severity === 'error') ? 1 : 0);
}

main();
