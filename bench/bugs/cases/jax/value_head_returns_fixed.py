# source: https://github.com/google/flax/issues/23
# The value network's Dense(features=1) gives (batch, 1) predictions, the returns are
# (batch,): jnp.square(values_pred - returns) is (batch, batch) inside the jitted step.
import jax
import jax.numpy as jnp


def init_params(key, in_features):
    k1, k2 = jax.random.split(key)
    return {"w": jax.random.normal(k1, (in_features, 1)) * 0.01, "b": jnp.zeros((1,))}


def apply(params, x):
    x = x.reshape((x.shape[0], -1))
    return x @ params["w"] + params["b"]


@jax.jit
def train_step(params, observations, returns):
    def loss_fn(p):
        values_pred = apply(p, observations)[:, 0]
        return jnp.square(values_pred - returns).mean()

    grads = jax.grad(loss_fn)(params)
    return jax.tree_util.tree_map(lambda p, g: p - 0.01 * g, params, grads)


batch_size = 7
input_shape = (batch_size, 8, 8, 5)
key = jax.random.PRNGKey(0)
params = init_params(key, 8 * 8 * 5)
observations = jax.random.normal(key, input_shape)
returns = jax.random.normal(key, (batch_size,))
params = train_step(params, observations, returns)
