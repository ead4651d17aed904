// name: about
// description: Everything the graph says about one entity, one row per quote that states it.
// params: entity (entity) the entity, by name, alias or id
// example: kg query run about -p entity Shelter
MATCH (n {id: $entity})-[e]-(x)
WHERE type(e) <> 'MENTIONS'
UNWIND range(0, size(e.quotes) - 1) AS i
RETURN type(e) AS relation, CASE WHEN startNode(e) = n THEN 'to' ELSE 'from' END AS direction,
       x.name AS other, labels(x)[0] AS kind, e.quotes[i] AS quote, e.documents[i] AS document,
       e.sections[i] AS section
ORDER BY relation, other, document, section, quote
