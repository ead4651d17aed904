// name: mentioned-together
// description: The documents and notes that mention two entities together.
// params: first (entity) one entity, by name, alias or id
// params: second (entity) the other entity, by name, alias or id
// example: kg query run mentioned-together -p first Mind -p second Clinks
MATCH (a {id: $first})<-[ea:MENTIONS]-(d:Document)-[eb:MENTIONS]->(b {id: $second})
RETURN coalesce(d.path, '') AS document, d.name AS note, ea.count AS first_mentions, eb.count AS second_mentions
ORDER BY document, note
