// name: low-confidence
// description: Facts kept for review because the text states them only weakly, weakest first.
// example: kg query run low-confidence
// Document nodes hold only MENTIONS edges, so no fact starts at one; skipping them spares
// reading the flag on every mention.
MATCH (a)-[e]->(b)
WHERE NOT a:Document AND e.low_confidence = true AND type(e) <> 'MENTIONS'
RETURN a.name AS source, type(e) AS relation, b.name AS target, e.confidence AS confidence, e.quotes AS quotes
ORDER BY confidence, source, relation, target
