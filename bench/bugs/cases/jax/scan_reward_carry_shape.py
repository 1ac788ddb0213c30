# source: https://github.com/google/brax/issues/228
# An environment step rolled out with lax.scan: the state's reward starts as a scalar but
# the step computes it as a (1,) array, so the carry changes shape ("scan carry output and
# input must have identical types ... float32[] vs. float32[1]").
import jax
import jax.numpy as jnp


def env_step(state, action):
    pos, reward = state
    new_pos = pos + 0.1 * action
    new_reward = new_pos[:1] * 2.0
    return (new_pos, new_reward), new_reward


init_state = (jnp.zeros(3), jnp.zeros(()))
actions = jnp.ones((5, 3))
final_state, rewards = jax.lax.scan(env_step, init_state, actions)  # expect[SHP001]
