# source: https://huggingface.co/datasets/nvidia/Nemotron-CC-Math-v1
# The answer's fix: flatten the output to the targets' (4,) shape.
import torch

x = torch.tensor([[1, 2.0], [1, 3.0], [1, 7.0], [1, 9.0]])
y = torch.tensor([2.0, 3.0, 7.0, 9.0])
weights = torch.randn(2, 1, requires_grad=True)
bias = torch.randn(1, requires_grad=True)
optimizer = torch.optim.Adam([weights, bias], lr=1e-3)

for step in range(3):
    out = x.mm(weights).add(bias).view(-1)
    loss = torch.mean((out - y) ** 2)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
