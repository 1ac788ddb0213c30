# source: https://github.com/google/brax/issues/228
# The reward computed as a scalar, the carry's shape kept.
import jax
import jax.numpy as jnp


def env_step(state, action):
    pos, reward = state
    new_pos = pos + 0.1 * action
    new_reward = new_pos[0] * 2.0
    return (new_pos, new_reward), new_reward


init_state = (jnp.zeros(3), jnp.zeros(()))
actions = jnp.ones((5, 3))
final_state, rewards = jax.lax.scan(env_step, init_state, actions)
