# source: https://github.com/jax-ml/jax/issues/12305
# Centring each row of a (2, 4) batch by its own mean: the mean over axis 1 has shape (2,),
# which lines up with the 4 columns instead of the 2 rows ("Incompatible shapes for
# broadcasting: shapes=[(2, 4), (2,)]").
import jax
import jax.numpy as jnp


@jax.jit
def center_rows(x):
    return x - x.mean(axis=1)  # expect[SHP001]


batch = jnp.arange(8.0).reshape(2, 4)
centred = center_rows(batch)
