# source: https://github.com/VITA-Group/ShapeMatchingGAN/issues/23
# A PNG read with its alpha channel has 4 channels, but normalisation uses 3-channel
# mean and std: "The size of tensor a (4) must match the size of tensor b (3) at
# non-singleton dimension 0".
import torch


def to_var(image):
    mean = torch.tensor([0.5, 0.5, 0.5])
    std = torch.tensor([0.5, 0.5, 0.5])
    return (image - mean[:, None, None]) / std[:, None, None]


png = torch.rand(4, 32, 32)
x = to_var(png[:3])
