// name: cell-themes
// description: The concepts a cell (or every cell) keeps returning to, by how many of its meetings discussed them.
// params: cell (entity, optional, Cell) the cell, by name, alias or id; leave out for every cell
// example: kg query run cell-themes
// title: Themes of {cell|every cell}
MATCH (c:Cell)<-[:PART_OF]-(m:Meeting)-[:DISCUSSED]->(k:Concept)
WHERE $cell IS NULL OR c.id = $cell
WITH c, k, m ORDER BY m.name
WITH c, k, count(DISTINCT m) AS meetings, collect(DISTINCT m.name) AS meeting_names, collect(DISTINCT m.id) AS meeting_ids
RETURN c.name AS cell, k.name AS concept, meetings, meeting_names, [c.id, k.id] + meeting_ids AS _ids
ORDER BY cell, meetings DESC, concept
