"""Writes the PyTorch files the Interop tests read, with PyTorch itself (run once; the outputs are committed).

Each tensor holds 0.5 * sin(0.37 * i + offset) for i = 0, 1, ... in row-major order, offsets
W_rec 0, W_in 100, b 200, W_out 300, so a test can recompute every value and tell the tensors apart.
The network: 6 units, 2 inputs, 1 output (RateRnn's default parameters).

    python3 make_fixtures.py   # needs torch (Debian: python3-torch)
"""
import collections
import torch

SHAPES = collections.OrderedDict([("W_rec", (6, 6)), ("W_in", (6, 2)), ("b", (6,)), ("W_out", (1, 6))])
OFFSETS = {"W_rec": 0.0, "W_in": 100.0, "b": 200.0, "W_out": 300.0}


def value(name):
    shape = SHAPES[name]
    n = 1
    for s in shape:
        n *= s
    i = torch.arange(n, dtype=torch.float64)
    return (0.5 * torch.sin(0.37 * i + OFFSETS[name])).reshape(shape)


class Net(torch.nn.Module):
    """What a PyTorch user would write: the four parameters under RateRnn's names."""

    def __init__(self, dtype=torch.float32):
        super().__init__()
        for name in SHAPES:
            setattr(self, name, torch.nn.Parameter(value(name).to(dtype)))


net = Net()
torch.save(net.state_dict(), "state_dict.pt")
torch.save(net.state_dict(), "state_dict_protocol4.pt", pickle_protocol=4)
torch.save(Net(torch.float64).state_dict(), "state_dict_float64.pt")
torch.save(Net(), "whole_model.pt")   # the whole module, not its state_dict: refused
print(torch.__version__)
