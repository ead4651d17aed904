// name: cell-meetings
// description: The meetings of a cell (or of every cell), with who spoke, who chaired and who attended.
// params: cell (entity, optional, Cell) the cell, by name, alias or id; leave out for every cell
// example: kg query run cell-meetings
// title: Meetings of {cell|every cell}
MATCH (m:Meeting)-[:PART_OF]->(c:Cell)
WHERE $cell IS NULL OR c.id = $cell
OPTIONAL MATCH (p:Person)-[r:SPOKE_AT|CHAIRED|ATTENDED]->(m)
WITH c, m, p.name AS name, p.id AS pid, type(r) AS part ORDER BY name
// Speakers, chairs and attendees in one pass, grouped by meeting alone (grouping chairs by a
// collected list of speakers would compare that whole list for every chair). A person has one
// edge of each kind to a meeting, so no DISTINCT is needed: it would cost a third of the query.
WITH c, m, collect(CASE WHEN part = 'SPOKE_AT' THEN name END) AS speakers,
     collect(CASE WHEN part = 'CHAIRED' THEN name END) AS chairs,
     collect(CASE WHEN part = 'ATTENDED' THEN name END) AS attendees, collect(pid) AS people
RETURN c.name AS cell, m.name AS meeting, coalesce(m.date, '') AS date, speakers, chairs, attendees,
       [c.id, m.id] + people AS _ids
ORDER BY cell, date = '', date, meeting
