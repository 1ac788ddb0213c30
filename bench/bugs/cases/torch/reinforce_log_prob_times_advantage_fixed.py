# source: https://github.com/pytorch/rl/issues/1243
# The log-probability keeps the trailing 1 like the advantage, (n, 1), so the product is one
# term per sample.
import torch
from torch import nn

n, obs_dim, act_dim = 3, 3, 1
obs = torch.randn(n, obs_dim)
actor = nn.Linear(obs_dim, act_dim * 2)
critic = nn.Linear(obs_dim, 1)

loc, log_scale = actor(obs).chunk(2, dim=-1)
dist = torch.distributions.Normal(loc, log_scale.exp())
action = dist.sample()
sample_log_prob = dist.log_prob(action).sum(-1, keepdim=True)
reward = torch.randn(n, 1)
advantage = reward - critic(obs).detach()
loss_actor = -(sample_log_prob * advantage).mean()
loss_actor.backward()
