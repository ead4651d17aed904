// name: publications
// description: Every publication, with who wrote or published it.
// example: kg query run publications
MATCH (p:Publication)
OPTIONAL MATCH (a)-[e:AUTHORED]->(p)
WITH p, a, e ORDER BY a.name
RETURN p.name AS publication, collect(a.name) AS authors, p.documents AS documents
ORDER BY publication
