# source: https://github.com/google-deepmind/acme/issues/277
# acme's CRR critic is an MLP ending in a width-1 layer, so q is (batch, 1) while the
# policy's log-probabilities, rewards and discounts are (batch,): `logp_action * coeff`
# and `discount * next_q` silently broadcast to (batch, batch) inside the jitted losses.
import jax
import jax.numpy as jnp


def mlp_init(key, sizes):
    params = []
    for k, (n_in, n_out) in zip(jax.random.split(key, len(sizes) - 1), zip(sizes[:-1], sizes[1:])):
        params.append((jax.random.normal(k, (n_in, n_out)) / jnp.sqrt(n_in), jnp.zeros((n_out,))))
    return params


def mlp_apply(params, x):
    for w, b in params[:-1]:
        x = jax.nn.relu(x @ w + b)
    w, b = params[-1]
    return x @ w + b


def critic_apply(params, obs, action):
    data = jnp.concatenate([obs, action], axis=-1)
    return mlp_apply(params, data)


def policy_log_prob(params, obs, action):
    out = mlp_apply(params, obs)
    mean, log_std = jnp.split(out, 2, axis=-1)
    z = (action - mean) / jnp.exp(log_std)
    return jnp.sum(-0.5 * z**2 - log_std - 0.5 * jnp.log(2 * jnp.pi), axis=-1)


def policy_sample(params, obs, key):
    out = mlp_apply(params, obs)
    mean, log_std = jnp.split(out, 2, axis=-1)
    return mean + jnp.exp(log_std) * jax.random.normal(key, mean.shape)


def advantage_coeff(policy_params, critic_params, transition, key, num_action_samples=4):
    obs = transition["observation"]
    replicated = jnp.broadcast_to(obs, (num_action_samples,) + obs.shape)
    actions = policy_sample(policy_params, replicated, key)
    q_estimate = jnp.mean(critic_apply(critic_params, replicated, actions), axis=0)
    q = critic_apply(critic_params, obs, transition["action"])
    return jnp.minimum(jnp.exp(q - q_estimate), 20.0)


def policy_loss(policy_params, critic_params, transition, key):
    coeff = jax.lax.stop_gradient(advantage_coeff(policy_params, critic_params, transition, key))
    logp_action = policy_log_prob(policy_params, transition["observation"], transition["action"])
    return -jnp.mean(logp_action * coeff)  # expect[SHP002]


def critic_loss(
    critic_params, target_policy_params, target_critic_params, transition, key, discount=0.99
):
    next_action = policy_sample(target_policy_params, transition["next_observation"], key)
    next_q = critic_apply(target_critic_params, transition["next_observation"], next_action)
    target_q = transition["reward"] + transition["discount"] * discount * next_q  # expect[SHP002]
    target_q = jax.lax.stop_gradient(target_q)
    q = critic_apply(critic_params, transition["observation"], transition["action"])
    return 0.5 * jnp.mean(jnp.square(q - target_q))


batch, obs_dim, act_dim = 6, 3, 2
key = jax.random.PRNGKey(0)
k_pol, k_crit, k_data, k_loss = jax.random.split(key, 4)
policy_params = mlp_init(k_pol, [obs_dim, 8, 2 * act_dim])
critic_params = mlp_init(k_crit, [obs_dim + act_dim, 8, 1])
ks = jax.random.split(k_data, 4)
transition = {
    "observation": jax.random.normal(ks[0], (batch, obs_dim)),
    "action": jax.random.normal(ks[1], (batch, act_dim)),
    "reward": jax.random.normal(ks[2], (batch,)),
    "discount": jnp.ones((batch,)),
    "next_observation": jax.random.normal(ks[3], (batch, obs_dim)),
}
policy_loss_value, policy_grads = jax.jit(jax.value_and_grad(policy_loss))(
    policy_params, critic_params, transition, k_loss
)
critic_loss_value, critic_grads = jax.jit(jax.value_and_grad(critic_loss))(
    critic_params, policy_params, critic_params, transition, k_loss
)
