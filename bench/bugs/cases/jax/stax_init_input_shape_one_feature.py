# source: https://github.com/google/neural-tangents/issues/135
# The network's parameters are initialised for input shape (-1, 1), copied from the
# cookbook, but the training inputs have d = 15 features; the first Dense layer's kernel
# is (1, N) and applying it fails: "dot_general requires contracting dimensions to have
# the same shape, got (15,) and (1,)".
import jax
from jax.example_libraries import stax

d = 15
N = 64
n = 128
key = jax.random.PRNGKey(0)
x_train = jax.random.normal(key, shape=(n, d))
y_train = jax.random.normal(key, shape=(n, 1))

init_fn, apply_fn = stax.serial(stax.Dense(N), stax.Relu, stax.Dense(1))
apply_fn = jax.jit(apply_fn)
_, params = init_fn(key, (-1, 1))
predictions = apply_fn(params, x_train)  # expect[SHP001]
