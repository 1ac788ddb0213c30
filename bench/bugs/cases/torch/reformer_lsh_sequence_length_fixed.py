# source: https://github.com/lucidrains/reformer-pytorch/issues/72
# The fix: pad the batch up to a multiple of bucket_size * 2 (what the library's
# Autopadder does) before the LSH attention, here from 30 to 32 tokens.
import torch
import torch.nn.functional as F
from torch import nn


class LSHAttention(nn.Module):
    def __init__(self, bucket_size=64, n_hashes=1):
        super().__init__()
        self.bucket_size = bucket_size
        self.n_hashes = n_hashes

    def hash_vectors(self, n_buckets, vecs):
        rotations = torch.randn(vecs.shape[-1], n_buckets // 2)
        rotated = vecs @ rotations
        return torch.argmax(torch.cat([rotated, -rotated], dim=-1), dim=-1)

    def forward(self, qk, v):
        batch_size, seqlen, dim = qk.shape
        assert seqlen % (self.bucket_size * 2) == 0, f"Sequence length ({seqlen}) needs to be divisible by target bucket size  x 2 - {self.bucket_size * 2}"
        n_buckets = seqlen // self.bucket_size
        buckets = self.hash_vectors(n_buckets, qk)
        order = torch.argsort(buckets * seqlen + torch.arange(seqlen), dim=-1)
        sqk = torch.gather(qk, 1, order[..., None].expand(-1, -1, dim))
        sv = torch.gather(v, 1, order[..., None].expand(-1, -1, dim))
        chunks = n_buckets // 2
        bq = sqk.reshape(batch_size, chunks, -1, dim)
        bv = sv.reshape(batch_size, chunks, -1, dim)
        dots = torch.einsum("bhie,bhje->bhij", bq, F.normalize(bq, dim=-1)) * dim**-0.5
        out = torch.einsum("bhij,bhje->bhie", dots.softmax(dim=-1), bv)
        return out.reshape(batch_size, seqlen, dim)


class LSHSelfAttention(nn.Module):
    def __init__(self, dim, bucket_size):
        super().__init__()
        self.toqk = nn.Linear(dim, dim, bias=False)
        self.tov = nn.Linear(dim, dim, bias=False)
        self.lsh_attn = LSHAttention(bucket_size=bucket_size)
        self.to_out = nn.Linear(dim, dim)

    def forward(self, x):
        return self.to_out(self.lsh_attn(self.toqk(x), self.tov(x)))


embed = nn.Embedding(1000, 32)
attn = LSHSelfAttention(dim=32, bucket_size=8)
src = torch.randint(0, 1000, (2, 30))
multiple = attn.lsh_attn.bucket_size * 2
padding = (multiple - src.shape[1] % multiple) % multiple
src = F.pad(src, (0, padding), value=0)
out = attn(embed(src))
