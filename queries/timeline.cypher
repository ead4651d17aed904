// name: timeline
// description: Every meeting in date order, with its cell and place; undated meetings come last.
// example: kg query run timeline
// title: Meetings in date order
MATCH (m:Meeting)
OPTIONAL MATCH (m)-[:PART_OF]->(c:Cell)
OPTIONAL MATCH (m)-[:LOCATED_IN]->(pl:Place)
RETURN coalesce(m.date, '') AS date, m.name AS meeting, coalesce(c.name, '') AS cell, coalesce(pl.name, '') AS place,
       [x IN [m.id, c.id, pl.id] WHERE x IS NOT NULL] AS _ids
ORDER BY date = '', date, meeting, cell, place
