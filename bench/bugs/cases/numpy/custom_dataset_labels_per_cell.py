# source: https://github.com/KrishnaswamyLab/TrajectoryNet/issues/6
# A custom dataset must hold an embedding (cells x dimensions) and one sample label per
# cell; this one has 150 labels for an embedding of 120 cells, and the loader's
# `assert self.labels.shape[0] == self.ncells` fails.
import numpy as np


class CustomData:
    def __init__(self, data_dict, embedding_name, max_dim=None):
        self.embedding_name = embedding_name
        self.load(data_dict, max_dim)

    def load(self, data_dict, max_dim):
        self.data_dict = data_dict
        self.labels = self.data_dict["sample_labels"]
        if self.embedding_name not in self.data_dict.keys():
            raise ValueError("Unknown embedding name %s" % self.embedding_name)
        self.data = self.data_dict[self.embedding_name]
        self.ncells = self.data.shape[0]
        assert self.labels.shape[0] == self.ncells  # expect[SHP005]
        if max_dim is not None and self.data.shape[1] > max_dim:
            self.data = self.data[:, :max_dim]

    def get_data(self):
        return self.data


rng = np.random.default_rng(0)
dataset = {"phate": rng.normal(size=(120, 5)), "sample_labels": np.repeat(np.arange(3), 50)}
data = CustomData(dataset, "phate", max_dim=5)
