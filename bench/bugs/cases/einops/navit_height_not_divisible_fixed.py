# source: https://github.com/kyegomez/NaViT/issues/24
# The answer: make sure each image side divides by the patch size; the 121-pixel side is
# cropped to 112, a multiple of 16, before packing.
import torch
from einops import rearrange
from torch import nn


def divisible_by(numer, denom):
    return (numer % denom) == 0


class NaViTPatchify(nn.Module):
    def __init__(self, patch_size, channels, dim):
        super().__init__()
        self.patch_size = patch_size
        self.channels = channels
        self.to_patch_embedding = nn.Linear(channels * patch_size**2, dim)

    def forward(self, batched_images):
        p, c = self.patch_size, self.channels
        sequences = []
        for images in batched_images:
            sequence = []
            for image in images:
                assert image.ndim == 3 and image.shape[0] == c
                image_dims = image.shape[-2:]
                assert all([divisible_by(dim, p) for dim in image_dims]), f"height and width {image_dims} of images must be divisible by patch size {p}"
                seq = rearrange(image, "c (h p1) (w p2) -> (h w) (c p1 p2)", p1=p, p2=p)
                sequence.append(seq)
            sequences.append(torch.cat(sequence, dim=0))
        return [self.to_patch_embedding(seq) for seq in sequences]


def crop_to_patches(image, p):
    h, w = image.shape[-2:]
    return image[:, : h // p * p, : w // p * p]


patchify = NaViTPatchify(patch_size=16, channels=3, dim=64)
images = [[crop_to_patches(torch.randn(3, 121, 256), 16)], [torch.randn(3, 128, 64)]]
tokens = patchify(images)
