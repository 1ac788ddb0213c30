# source: https://github.com/higgsfield-ai/higgsfield/issues/24
# The actor-critic notebook concatenates 5 steps of 16 environments: log_probs is [80] (one
# log-probability per sampled action) while the critic's values, and so the advantage, are
# [80, 1]. log_probs * advantage is [80, 80] and the actor loss averages every log-probability
# against every advantage.
import torch
from torch import nn
from torch.distributions import Categorical

num_envs, num_steps, num_inputs, num_outputs, hidden_size, gamma = 16, 5, 4, 2, 32, 0.99
critic = nn.Sequential(nn.Linear(num_inputs, hidden_size), nn.ReLU(), nn.Linear(hidden_size, 1))
actor = nn.Sequential(
    nn.Linear(num_inputs, hidden_size),
    nn.ReLU(),
    nn.Linear(hidden_size, num_outputs),
    nn.Softmax(dim=1),
)

log_probs, values, rewards, masks = [], [], [], []
state = torch.randn(num_envs, num_inputs)
for _ in range(num_steps):
    dist, value = Categorical(actor(state)), critic(state)
    action = dist.sample()
    log_probs.append(dist.log_prob(action))
    values.append(value)
    rewards.append(torch.randn(num_envs).unsqueeze(1))
    masks.append(torch.ones(num_envs).unsqueeze(1))
    state = torch.randn(num_envs, num_inputs)

R = critic(state)
returns = []
for step in reversed(range(num_steps)):
    R = rewards[step] + gamma * R * masks[step]
    returns.insert(0, R)

log_probs = torch.cat(log_probs)
returns = torch.cat(returns).detach()
values = torch.cat(values)
advantage = returns - values
actor_loss = -(log_probs * advantage.detach()).mean()  # expect[SHP002]
critic_loss = advantage.pow(2).mean()
(actor_loss + 0.5 * critic_loss).backward()
