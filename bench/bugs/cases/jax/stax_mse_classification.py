# source: https://github.com/jax-ml/jax/issues/2697
# Classification with MSE: the network ends in Dense(1), so preds are (N, 1), while the
# targets are (N,); (preds - targets) broadcasts to (N, N) and the loss sticks at 0.25.
import jax
import jax.numpy as np
from jax import grad, jit, random
from jax.example_libraries import optimizers, stax


def loss(params, apply_fn, inputs, targets):
    preds = apply_fn(params, inputs)
    out = np.mean((preds - targets) ** 2)  # expect[SHP006]
    return out


width = 16
init, apply = stax.serial(stax.Dense(width), stax.Relu, stax.Dense(width), stax.Relu, stax.Dense(1))

key = random.PRNGKey(10)
gen_key1, gen_key2, key = random.split(key, 3)
train_x = random.normal(gen_key1, (40, 2))
train_y = (train_x[:, 0] * train_x[:, 1] > 0).astype(np.float32)

_, params = init(key, (-1, 2))
opt_init, opt_update, get_params = optimizers.adam(1e-3)
opt_state = opt_init(params)


@jit
def step(i, opt_state):
    p = get_params(opt_state)
    g = grad(loss)(p, apply, train_x, train_y)
    return opt_update(i, g, opt_state)


for i in range(2):
    opt_state = step(i, opt_state)
