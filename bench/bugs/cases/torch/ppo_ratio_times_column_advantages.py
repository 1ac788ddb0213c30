# source: https://github.com/RITCHIEHuang/DeepRL_Algorithms/issues/13
# estimate_advantages returns advantages of shape (batch_size, 1) while the importance ratio in
# ppo_step is (batch_size,): both clipped surrogates come out (batch_size, batch_size) and the
# policy loss averages every ratio against every advantage.
import torch
from torch import nn

batch_size, state_dim, n_actions, clip_epsilon = 8, 4, 3, 0.2
states = torch.randn(batch_size, state_dim)
actions = torch.randint(0, n_actions, (batch_size,))
policy_net = nn.Sequential(nn.Linear(state_dim, n_actions), nn.LogSoftmax(dim=-1))
old_log_probs = torch.randn(batch_size)
advantages = torch.randn(batch_size, 1)

log_probs = policy_net(states).gather(1, actions.unsqueeze(1)).squeeze(1)
ratio = torch.exp(log_probs - old_log_probs)
surr1 = ratio * advantages  # expect[SHP002]
surr2 = torch.clamp(ratio, 1.0 - clip_epsilon, 1.0 + clip_epsilon) * advantages  # expect[SHP002]
policy_surr = -torch.min(surr1, surr2).mean()
policy_surr.backward()
