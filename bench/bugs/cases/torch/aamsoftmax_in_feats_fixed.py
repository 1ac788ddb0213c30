# source: https://github.com/clovaai/voxceleb_trainer/issues/156
# With nPerSpeaker=2 the embeddings reach the AAM-softmax loss as (batch, 2, 256), but
# the loss declares (batch, in_feats): `assert x.size()[1] == self.in_feats` fails.
import torch
import torch.nn.functional as F
from torch import nn


class AAMSoftmax(nn.Module):
    def __init__(self, nOut, nClasses, margin=0.1, scale=30.0):
        super().__init__()
        self.in_feats = nOut
        self.weight = nn.Parameter(torch.randn(nClasses, nOut))
        self.m = margin
        self.s = scale

    def forward(self, x, label):
        assert x.size()[0] == label.size()[0]
        assert x.size()[1] == self.in_feats
        cosine = F.linear(F.normalize(x), F.normalize(self.weight))
        return F.cross_entropy(self.s * (cosine - self.m), label)


class SpeakerNet(nn.Module):
    def __init__(self, n_per_speaker):
        super().__init__()
        self.encoder = nn.Linear(40, 256)
        self.loss = AAMSoftmax(256, 10)
        self.n_per_speaker = n_per_speaker

    def forward(self, data, label):
        outp = self.encoder(data)
        outp = outp.reshape(self.n_per_speaker, -1, outp.size()[-1]).transpose(1, 0).squeeze(1)
        return self.loss(outp, label)


model = SpeakerNet(n_per_speaker=1)
data = torch.randn(100, 40)
label = torch.randint(0, 10, (100,))
nloss = model(data, label)
