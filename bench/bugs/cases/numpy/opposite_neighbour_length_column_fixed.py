# source: https://github.com/PStelldinger/PuzzleBoard/pull/2
# The PR's fix: flatten the length test to (10,) so the three masks combine elementwise.
import numpy as np

NUMBER_WANTED_NEIGHBORS = 10
thr3 = 0.98481


def nearest_opposite_orthogonal(sub_dot, idx_neighbors, neighb_mask, i, pos):
    vecs = sub_dot[idx_neighbors[i, :]] - sub_dot[i, :]
    lens = np.linalg.norm(vecs, axis=1).reshape([-1, 1])
    nvecs = vecs / lens
    opp_orth_mask = np.sum(nvecs * nvecs[pos, :].T, axis=1) < -thr3
    length_mask2 = (np.maximum(lens / lens[pos], lens[pos] / lens) <= 1.5).reshape(-1)
    nearest_opp_orth = np.sum(np.cumprod(1 - neighb_mask[i, :] * opp_orth_mask * length_mask2))
    return nearest_opp_orth


rng = np.random.default_rng(7)
sub_dot = rng.random((40, 2)) * 100
idx_neighbors = np.array([rng.permutation(40)[:NUMBER_WANTED_NEIGHBORS] for _ in range(40)])
neighb_mask = rng.random((40, NUMBER_WANTED_NEIGHBORS)) < 0.5
found = [nearest_opposite_orthogonal(sub_dot, idx_neighbors, neighb_mask, i, 0) for i in range(3)]
