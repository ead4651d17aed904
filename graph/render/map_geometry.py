"""The geometry of a board-paper map, in display units (pixels of the figure): the curves
lines are drawn along, nodes moved off lines, and whether a drawn line or a name meets a node.

Pure numpy; every function gives the same result for the same input.
"""

from __future__ import annotations

__all__ = ["bezier", "clear_layout", "overlaps", "rect_distances", "route_clear"]


def bezier(a, b, rad: float, steps: int = 24):
    """Points along the line from ``a`` to ``b`` as matplotlib's ``arc3`` connection draws it
    (a quadratic curve whose middle control point lies ``rad`` times the distance off the middle)."""
    import numpy as np

    a, b = np.asarray(a, float), np.asarray(b, float)
    t = np.linspace(0.0, 1.0, steps)[:, None]
    if rad == 0:
        return a * (1 - t) + b * t
    mid = (a + b) / 2
    dx, dy = b - a
    control = mid + rad * np.array([dy, -dx])
    return (1 - t) ** 2 * a + 2 * (1 - t) * t * control + t**2 * b


def clear_layout(xy, radii, pairs, bounds, gap: float, rounds: int = 300):
    """Move nodes so that no straight line between two nodes passes within ``gap`` of a third
    node's disc, and no two discs come closer than ``gap``; a fixed order, so the same input
    always gives the same result. ``bounds`` is (x0, y0, x1, y1) the centres stay inside."""
    import numpy as np

    xy = np.array(xy, dtype=float)
    n = len(xy)
    if n < 3 or not pairs:
        return xy
    src = np.array([i for i, _ in pairs])
    dst = np.array([j for _, j in pairs])
    index = np.arange(n)
    for _ in range(rounds):
        move = np.zeros_like(xy)
        # discs that overlap push apart
        d = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((d * d).sum(-1)) + np.eye(n)
        need = radii[:, None] + radii[None, :] + gap
        close = (dist < need) & ~np.eye(n, dtype=bool)
        if close.any():
            same = dist < 1e-6
            d[:, :, 0] = np.where(same & close, np.where(index[:, None] < index[None, :], 1e-3, -1e-3), d[:, :, 0])
            push = np.where(close, (need - dist) / 2 / np.maximum(dist, 1e-3), 0.0)
            move += (d * push[:, :, None]).sum(1)
        # a node on a line it does not touch moves off it; the line's ends give way a little
        a, b = xy[src], xy[dst]
        ab = b - a
        length2 = (ab * ab).sum(1) + 1e-9
        t = ((xy[None, :, :] - a[:, None, :]) * ab[:, None, :]).sum(-1) / length2[:, None]  # edges x nodes
        foot = a[:, None, :] + np.clip(t, 0, 1)[:, :, None] * ab[:, None, :]
        off = xy[None, :, :] - foot
        dist = np.sqrt((off * off).sum(-1))
        hit = (dist < radii[None, :] + gap) & (t > 0) & (t < 1)
        hit &= (index[None, :] != src[:, None]) & (index[None, :] != dst[:, None])
        if not close.any() and not hit.any():
            break
        if hit.any():
            normal = np.stack([-ab[:, 1], ab[:, 0]], 1) / np.sqrt(length2)[:, None]
            side = np.sign((off * normal[:, None, :]).sum(-1))
            side = np.where(side == 0, np.where(index[None, :] % 2 == 0, 1.0, -1.0), side)
            deficit = np.where(hit, radii[None, :] + gap - dist + 0.5, 0.0)
            away = normal[:, None, :] * (side * deficit)[:, :, None]
            move += 0.6 * away.sum(0)
            back = -0.2 * away.sum(1)
            np.add.at(move, src, back)
            np.add.at(move, dst, back)
        xy += move
        x0, y0, x1, y1 = bounds
        xy[:, 0] = np.clip(xy[:, 0], x0 + radii, x1 - radii)
        xy[:, 1] = np.clip(xy[:, 1], y0 + radii, y1 - radii)
    return xy


def route_clear(path, others_xy, others_r, gap: float) -> int:
    """How many of the other nodes a drawn line (a polyline) passes through, or within ``gap`` of."""
    import numpy as np

    if len(others_xy) == 0:
        return 0
    p, q = path[:-1], path[1:]  # segments
    d = q - p
    length2 = (d * d).sum(1) + 1e-9
    t = np.clip(((others_xy[:, None, :] - p[None, :, :]) * d[None, :, :]).sum(-1) / length2[None, :], 0, 1)
    nearest = p[None, :, :] + t[:, :, None] * d[None, :, :]
    dist = np.sqrt(((others_xy[:, None, :] - nearest) ** 2).sum(-1)).min(1)
    return int((dist < others_r + gap * 0.5).sum())


def rect_distances(box, centres):
    """The distance from a box to each of ``centres``."""
    import numpy as np

    x0, y0, x1, y1 = box
    dx = np.maximum(np.maximum(x0 - centres[:, 0], 0.0), centres[:, 0] - x1)
    dy = np.maximum(np.maximum(y0 - centres[:, 1], 0.0), centres[:, 1] - y1)
    return np.hypot(dx, dy)


def overlaps(a, b, pad: float = 1.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad
