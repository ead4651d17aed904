// name: meetings-discussing
// description: The meetings that discussed a concept, with their cell, date and the words that say so.
// params: concept (entity, Concept) the concept, by name, alias or id
// example: kg query run meetings-discussing -p concept "systems change"
// title: Meetings that discussed {concept}
MATCH (m:Meeting)-[e:DISCUSSED]->(k:Concept {id: $concept})
OPTIONAL MATCH (m)-[:PART_OF]->(c:Cell)
RETURN m.name AS meeting, coalesce(m.date, '') AS date, coalesce(c.name, '') AS cell, e.quotes AS quotes,
       [i IN range(0, size(e.quotes) - 1) | e.documents[i] + ' § ' + coalesce(e.sections[i], '')] AS sources,
       [x IN [m.id, c.id] WHERE x IS NOT NULL] AS _ids
ORDER BY date = '', date, meeting, cell
