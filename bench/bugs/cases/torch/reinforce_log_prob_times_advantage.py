# source: https://github.com/pytorch/rl/issues/1243
# The actor writes sample_log_prob with the batch shape, (n,), while advantage and the other
# keys carry a trailing 1, (n, 1): the REINFORCE loss multiplies them into an (n, n) matrix and
# its mean is not the policy-gradient objective.
import torch
from torch import nn

n, obs_dim, act_dim = 3, 3, 1
obs = torch.randn(n, obs_dim)
actor = nn.Linear(obs_dim, act_dim * 2)
critic = nn.Linear(obs_dim, 1)

loc, log_scale = actor(obs).chunk(2, dim=-1)
dist = torch.distributions.Normal(loc, log_scale.exp())
action = dist.sample()
sample_log_prob = dist.log_prob(action).sum(-1)
reward = torch.randn(n, 1)
advantage = reward - critic(obs).detach()
loss_actor = -(sample_log_prob * advantage).mean()  # expect[SHP002]
loss_actor.backward()
