// name: cell-meetings
// description: The meetings of a cell (or of every cell), with who spoke and who chaired.
// params: cell (entity, optional, Cell) the cell, by name, alias or id; leave out for every cell
// example: kg query run cell-meetings
MATCH (m:Meeting)-[:PART_OF]->(c:Cell)
WHERE $cell IS NULL OR c.id = $cell
OPTIONAL MATCH (p:Person)-[r:SPOKE_AT|CHAIRED]->(m)
WITH c, m, p.name AS name, type(r) = 'CHAIRED' AS chair ORDER BY name
// Speakers and chairs in one pass, grouped by meeting alone (grouping chairs by a collected
// list of speakers would compare that whole list for every chair). A person has one edge of
// each kind to a meeting, so no DISTINCT is needed: it would cost a third of the query.
WITH c, m, collect(CASE WHEN NOT chair THEN name END) AS speakers,
     collect(CASE WHEN chair THEN name END) AS chairs
RETURN c.name AS cell, m.name AS meeting, coalesce(m.date, '') AS date, speakers, chairs
ORDER BY cell, date = '', date, meeting
