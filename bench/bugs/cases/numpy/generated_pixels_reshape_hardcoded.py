# source: https://github.com/Zeta36/tensorflow-image-wavenet/issues/1
# The image WaveNet generates one pixel per sample and write_img reshapes the output to a
# hard-coded 64 x 64 image; generating with --samples 1500 leaves 1500 pixels, and the
# reshape fails ("total size of new array must be unchanged").
import argparse

import numpy as np


def get_arguments(argv):
    parser = argparse.ArgumentParser(description="WaveNet image generation script")
    parser.add_argument("--samples", type=int, default=4096)
    parser.add_argument("--img_out_path", type=str, default="generated.png")
    return parser.parse_args(argv)


def predict_next(window, rng):
    return float(np.clip(window.mean() + rng.normal(scale=0.05), 0.0, 1.0))


def write_img(waveform, filename):
    img = np.array(waveform)
    img = img.reshape(64, 64)  # expect[SHP001]
    return (img * 255).astype(np.uint8)


def main(argv):
    args = get_arguments(argv)
    rng = np.random.default_rng(0)
    waveform = [0.5] * 16
    for step in range(args.samples):
        waveform.append(predict_next(np.array(waveform[-16:]), rng))
    out = waveform[16:]
    return write_img(out, args.img_out_path)


image = main(["--samples", "1500"])
