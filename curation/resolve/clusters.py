"""Union-find over records, with a cannot-link: two different names from one payload never merge."""

from __future__ import annotations


class Clusters:
    """Union-find that refuses to merge two clusters holding different names from one payload."""

    def __init__(self, n: int, payload_names: list[tuple[str, str] | None]) -> None:
        self.parent = list(range(n))
        self.names: list[dict[str, set[str]]] = [
            {pn[0]: {pn[1]}} if pn else {} for pn in payload_names]

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        na, nb = self.names[ra], self.names[rb]
        if any(na[p] != nb[p] for p in na.keys() & nb.keys()):
            return False
        if len(na) < len(nb):
            ra, rb, na, nb = rb, ra, nb, na
        self.parent[rb] = ra
        for payload, names in nb.items():
            na.setdefault(payload, set()).update(names)
        self.names[rb] = {}
        return True
