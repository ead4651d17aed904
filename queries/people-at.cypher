// name: people-at
// description: The people who work at or belong to an organisation, with their titles.
// params: organisation (entity, Organisation) the organisation, by name, alias or id
// example: kg query run people-at -p organisation Shelter
// title: People at {organisation}
MATCH (p:Person)-[e:ROLE_AT|MEMBER_OF]->(o:Organisation {id: $organisation})
RETURN p.name AS person, coalesce(e.title, '') AS title, type(e) AS relation, e.quotes AS quotes,
       [i IN range(0, size(e.quotes) - 1) | e.documents[i] + ' § ' + coalesce(e.sections[i], '')] AS sources, [p.id] AS _ids
ORDER BY person, relation
