# source: https://huggingface.co/datasets/nvidia/Nemotron-CC-Math-v1
# ("Simple Linear Regression in PyTorch", a forum question kept in that dataset.) The
# model's output x.mm(weights) is a (4, 1) column and the targets a flat (4,) vector: the
# squared error broadcasts to (4, 4) and Adam converges to the wrong weights.
import torch

x = torch.tensor([[1, 2.0], [1, 3.0], [1, 7.0], [1, 9.0]])
y = torch.tensor([2.0, 3.0, 7.0, 9.0])
weights = torch.randn(2, 1, requires_grad=True)
bias = torch.randn(1, requires_grad=True)
optimizer = torch.optim.Adam([weights, bias], lr=1e-3)

for step in range(3):
    out = x.mm(weights).add(bias)
    loss = torch.mean((out - y) ** 2)  # expect[SHP006]
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
