// name: cell-themes
// description: The concepts a cell (or every cell) keeps returning to, by how many of its meetings discussed them.
// params: cell (entity, optional, Cell) the cell, by name, alias or id; leave out for every cell
// example: kg query run cell-themes
MATCH (c:Cell)<-[:PART_OF]-(m:Meeting)-[:DISCUSSED]->(k:Concept)
WHERE $cell IS NULL OR c.id = $cell
WITH c, k, m ORDER BY m.name
RETURN c.name AS cell, k.name AS concept, count(DISTINCT m) AS meetings, collect(DISTINCT m.name) AS meeting_names
ORDER BY cell, meetings DESC, concept
