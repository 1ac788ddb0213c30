# source: https://github.com/xarray-contrib/xbatcher/issues/16
# The fix (closed by the follow-up pull request): a window may span the whole dimension,
# `assert stride <= dimsize`, so time=10 of 10 gives one window and y, x give two each.
import itertools

import numpy as np


def _slices(dimsize, size, overlap=0):
    slices = []
    stride = size - overlap
    assert stride > 0
    assert stride <= dimsize
    for start in range(0, dimsize, stride):
        end = start + size
        if end <= dimsize:
            slices.append(slice(start, end))
    return slices


class BatchGenerator:
    def __init__(self, data, dims, input_dims):
        self.data = data
        self.dims = dims
        self.input_dims = input_dims

    def __iter__(self):
        dim_slices = []
        for axis, dim in enumerate(self.dims):
            dimsize = self.data.shape[axis]
            size = self.input_dims.get(dim, dimsize)
            dim_slices.append(_slices(dimsize, size))
        for slices in itertools.product(*dim_slices):
            yield self.data[slices]


x = np.random.rand(10, 100, 100)
bgen = BatchGenerator(x, dims=("time", "y", "x"), input_dims={"time": 10, "y": 50, "x": 50})
batches = [batch for batch in bgen]
