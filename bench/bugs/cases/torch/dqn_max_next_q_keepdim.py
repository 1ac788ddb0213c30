# source: https://github.com/kengz/SLM-Lab/pull/372
# VanillaDQN.calc_q_loss took the max over next-state Q values with keepdim=True, a
# (batch, 1) column, while rewards and dones are (batch,): the discounted term
# gamma * (1 - dones) * max_next_q_preds is a (batch, batch) matrix, so every target mixes
# every sample's next-state value. The fix in the PR: keepdim=False.
import torch
from torch import nn

batch_size, state_dim, n_actions, gamma = 32, 8, 4, 0.99
q_net = nn.Sequential(nn.Linear(state_dim, 64), nn.ReLU(), nn.Linear(64, n_actions))
loss_fn = nn.MSELoss()
batch = {
    "states": torch.randn(batch_size, state_dim),
    "next_states": torch.randn(batch_size, state_dim),
    "actions": torch.randint(0, n_actions, (batch_size,)).float(),
    "rewards": torch.randn(batch_size),
    "dones": torch.randint(0, 2, (batch_size,)).float(),
}


def calc_q_loss(batch):
    q_preds = q_net(batch["states"])
    with torch.no_grad():
        next_q_preds = q_net(batch["next_states"])
    act_q_preds = q_preds.gather(-1, batch["actions"].long().unsqueeze(-1)).squeeze(-1)
    max_next_q_preds, _ = next_q_preds.max(dim=-1, keepdim=True)
    rewards, dones = batch["rewards"], batch["dones"]
    max_q_targets = rewards + gamma * (1 - dones) * max_next_q_preds  # expect[SHP002]
    return loss_fn(act_q_preds, max_q_targets)


q_loss = calc_q_loss(batch)
q_loss.backward()
