// name: bridges
// description: People who bridge several cells or organisations, through roles, leadership or taking part in their meetings.
// params: min (int, default 2) the fewest cells and organisations a person must link
// example: kg query run bridges
// title: People who bridge cells and organisations
// Each group's people once (a meeting stands for its cells), then one row per group name,
// sorted once, rather than sorting every person and group pair. A person then gets one row
// per name, weighted by how many groups of that name they link, so that the last step counts
// and collects without the cost of making every person's names distinct.
CALL {
  MATCH (g:Cell)<-[:PART_OF]-(x)<-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF]-(p:Person)
  RETURN p, g
  UNION ALL
  MATCH (g:Cell) WHERE NOT (g)-[:PART_OF]->(:Cell)
  MATCH (g)<-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF]-(p:Person)
  RETURN p, g
  UNION ALL
  MATCH (g:Organisation) WHERE NOT (g)-[:PART_OF]->(:Cell)
  MATCH (g)<-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF]-(p:Person)
  RETURN p, g
}
WITH g, collect(DISTINCT p) AS people
WITH g.name AS name, collect(people) AS lists, collect(g.id) AS ids ORDER BY name
CALL {
  // the usual case: the only group with its name, whose people are already distinct
  WITH lists, ids
  WITH lists, ids WHERE size(lists) = 1
  UNWIND lists[0] AS p
  RETURN p, 1 AS k, ids AS some_ids
  UNION ALL
  // groups that share a name: each person once, with how many of them they link
  WITH lists, ids
  WITH lists, ids WHERE size(lists) > 1
  UNWIND lists AS people
  UNWIND people AS p
  WITH p, ids, count(*) AS k
  RETURN p, k, ids AS some_ids
}
WITH p, collect(name) AS groups, toInteger(sum(k)) AS n, collect(some_ids) AS group_ids  // FalkorDB sums to a decimal
WHERE n >= $min
RETURN p.name AS person, n AS links, groups, reduce(acc = [p.id], l IN group_ids | acc + l) AS _ids
ORDER BY links DESC, person
