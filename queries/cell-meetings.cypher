// name: cell-meetings
// description: The meetings of a cell (or of every cell), with who spoke and who chaired.
// params: cell (entity, optional) the cell, by name, alias or id; leave out for every cell
// example: kg query run cell-meetings
MATCH (m:Meeting)-[:PART_OF]->(c:Cell)
WHERE $cell IS NULL OR c.id = $cell
OPTIONAL MATCH (s:Person)-[:SPOKE_AT]->(m)
WITH c, m, s ORDER BY s.name
WITH c, m, collect(DISTINCT s.name) AS speakers
OPTIONAL MATCH (h:Person)-[:CHAIRED]->(m)
WITH c, m, speakers, h ORDER BY h.name
RETURN c.name AS cell, m.name AS meeting, coalesce(m.date, '') AS date, speakers,
       collect(DISTINCT h.name) AS chairs
ORDER BY cell, date = '', date, meeting
