# source: https://github.com/pytorch/pytorch/issues/19991
# A one-dimensional Y of shape (batch_size,) against the network's (batch_size, 1)
# output: the default broadcasting makes the loss average batch_size**2 pairs.
import torch
import torch.nn as nn

X = torch.randn(64, 3)
Y = X.sum(dim=1)

net = nn.Sequential(nn.Linear(3, 32), nn.ReLU(), nn.Linear(32, 1))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
for step in range(2):
    out = net(X)
    loss = ((out - Y) ** 2).mean()  # expect[SHP006]
    opt.zero_grad()
    loss.backward()
    opt.step()
