// name: meetings-of
// description: The meetings a person took part in (chaired, spoke at or attended), in date order; undated meetings come last.
// params: person (entity, Person) the person, by name, alias or id
// example: kg query run meetings-of -p person "Steve Wyler"
// title: Meetings {person} took part in
MATCH (p:Person {id: $person})-[e:CHAIRED|SPOKE_AT|ATTENDED]->(m:Meeting)
OPTIONAL MATCH (m)-[:PART_OF]->(c:Cell)
RETURN coalesce(m.date, '') AS date, m.name AS meeting, coalesce(c.name, '') AS cell,
       CASE type(e) WHEN 'CHAIRED' THEN 'chaired' WHEN 'SPOKE_AT' THEN 'spoke' ELSE 'attended' END AS part,
       e.quotes AS quotes,
       [i IN range(0, size(e.quotes) - 1) | e.documents[i] + ' § ' + coalesce(e.sections[i], '')] AS sources,
       [x IN [m.id, c.id] WHERE x IS NOT NULL] AS _ids
ORDER BY date = '', date, meeting, cell, part
