# source: https://github.com/prov-gigapath/prov-gigapath/issues/94
# sparse_to_dense splits the head axis into (r h) with the dilation ratio, but the
# tensor's axis (11) is not a multiple of the ratio (2).
import torch
from einops import rearrange


def sparse_to_dense(out, lse, ratio):
    lse = rearrange(lse, "b (r h) l -> b l h r", r=ratio)  # expect[SHP001]
    return out, lse


out = torch.randn(16, 11, 8)
lse = torch.randn(16, 11, 11)
dense = sparse_to_dense(out, lse, ratio=2)
