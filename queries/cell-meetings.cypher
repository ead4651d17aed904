// name: cell-meetings
// description: The meetings of a cell (or of every cell), with who spoke and who chaired.
// params: cell (entity, optional) the cell, by name, alias or id; leave out for every cell
// example: kg query run cell-meetings
MATCH (m:Meeting)-[:PART_OF]->(c:Cell)
WHERE $cell IS NULL OR c.id = $cell
OPTIONAL MATCH (p:Person)-[r:SPOKE_AT|CHAIRED]->(m)
WITH c, m, p, type(r) AS role ORDER BY p.name
// Speakers and chairs in one pass, grouped by meeting alone (grouping chairs by a collected
// list of speakers would compare that whole list for every chair).
WITH c, m, collect(DISTINCT CASE WHEN role = 'SPOKE_AT' THEN p.name END) AS speakers,
     collect(DISTINCT CASE WHEN role = 'CHAIRED' THEN p.name END) AS chairs
RETURN c.name AS cell, m.name AS meeting, coalesce(m.date, '') AS date, speakers, chairs
ORDER BY cell, date = '', date, meeting
