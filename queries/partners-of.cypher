// name: partners-of
// description: The organisations an organisation partners with, with the words that say so.
// params: organisation (entity, Organisation) the organisation, by name, alias or id
// example: kg query run partners-of -p organisation mind
// title: Partners of {organisation}
MATCH (o:Organisation {id: $organisation})-[e:PARTNERED_WITH]-(p:Organisation)
RETURN p.name AS partner, e.count AS times_stated, e.quotes AS quotes,
       [i IN range(0, size(e.quotes) - 1) | e.documents[i] + ' § ' + coalesce(e.sections[i], '')] AS sources, [p.id] AS _ids
ORDER BY partner
