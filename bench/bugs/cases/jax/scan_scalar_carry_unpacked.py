# source: https://github.com/jax-ml/jax/issues/8605
# Holt's exponential smoothing with lax.scan: the step unpacks its carry into a level and a
# trend, but the initial carry given is the first observation alone, a 0-d array
# ("iteration over a 0-d array").
import jax
import jax.numpy as jnp


def holt_smoothing(params, x):
    s0, alpha, beta = params

    def step(s, obs):
        previous_level, previous_trend = s  # expect[SHP001]
        a = jax.nn.sigmoid(alpha)
        b = jax.nn.sigmoid(beta)
        error = obs - previous_level - previous_trend
        level = previous_level + previous_trend + a * error
        trend = previous_trend + b * error
        return (level, trend), previous_level + previous_trend + error

    return jax.lax.scan(step, s0, x)


series = jnp.array([452.5, 765.0, 549.0, 560.0, 580.0, 570.0])
smoothed = holt_smoothing((series[0], 0.16, 0.1), series)
