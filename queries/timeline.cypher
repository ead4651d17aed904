// name: timeline
// description: Every meeting in date order, with its cell and place; undated meetings come last.
// example: kg query run timeline
MATCH (m:Meeting)
OPTIONAL MATCH (m)-[:PART_OF]->(c:Cell)
OPTIONAL MATCH (m)-[:LOCATED_IN]->(pl:Place)
RETURN coalesce(m.date, '') AS date, m.name AS meeting, coalesce(c.name, '') AS cell, coalesce(pl.name, '') AS place
ORDER BY date = '', date, meeting, cell, place
