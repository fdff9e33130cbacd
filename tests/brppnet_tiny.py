"""A BRPPNet small enough to train in seconds on the CPU, shared by the end-to-end tests."""

# ~2 epochs on 48 synthetic scenes at 64 px: enough for a checkpoint the engine loads, not to be accurate
TINY_CONFIG = """
[model]
input_size = 64
width = 0.125
blocks = [1, 1, 1, 1, 1]
embed_dim = 8
rnn_hidden = 16
hidden_dim = 8
aspp_width = 8
aspp_dilations = [1, 2, 3]
max_words = 10

[data]
kind = "synthetic"
train_size = 48
val_size = 8
seed = 5
val_seed = 6

[train]
epochs = 2
batch_size = 8
lr = 3e-3
lr_schedule = "cosine"
threads = 1
out_dir = "run"
"""
