# source: https://github.com/google/neural-tangents/issues/135
# The reporter's fix: initialise with the real feature count, init_fn(key, (-1, d)), so
# the first kernel is (d, N).
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
_, params = init_fn(key, (-1, d))
predictions = apply_fn(params, x_train)
