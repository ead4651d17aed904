// name: low-confidence
// description: Facts kept for review because the text states them only weakly, weakest first.
// example: kg query run low-confidence
// title: Facts kept for review
// One lookup per fact type: a pattern with one relationship type and its flag can use that
// type's index on low_confidence (the embedded store makes one per fact type), so the few weak
// facts are found without reading every fact; a pattern of several types scans them all.
// Mentions are not facts and are left out.
CALL {
  MATCH (a)-[e:SPOKE_AT]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:CHAIRED]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:ATTENDED]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:LEADS]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:ROLE_AT]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:MEMBER_OF]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:FUNDED]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:PARTNERED_WITH]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:PART_OF]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:DISCUSSED]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:AUTHORED]->(b) WHERE e.low_confidence = true RETURN a, e, b
  UNION ALL
  MATCH (a)-[e:LOCATED_IN]->(b) WHERE e.low_confidence = true RETURN a, e, b
}
RETURN a.name AS source, type(e) AS relation, b.name AS target, e.confidence AS confidence, e.quotes AS quotes,
       [i IN range(0, size(e.quotes) - 1) | e.documents[i] + ' § ' + coalesce(e.sections[i], '')] AS sources, [a.id, b.id] AS _ids
ORDER BY confidence, source, relation, target
