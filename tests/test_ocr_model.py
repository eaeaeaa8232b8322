"""The OCR models with their arithmetic folded (fengong.extract.ocr_model): the same outputs
as the graph as written, fewer operations, and no fold where it would change a result.

Small graphs are built with the onnx package, in the pattern PaddleOCR's exporter writes
(a convolution, a scalar scale and shift, a hard-swish in four operations), and RapidOCR's
own models are folded and run against themselves as shipped.
"""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("onnxruntime")
onnx = pytest.importorskip("onnx")

from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from fengong.extract import ocr_model  # noqa: E402
from fengong.extract.ocr_model import Session  # noqa: E402

RNG = np.random.default_rng(7)


def _constant(name: str, value) -> onnx.NodeProto:
    array = np.asarray(value, dtype=np.float32)
    return helper.make_node("Constant", [], [name], value=numpy_helper.from_array(array, name))


def _weights(name: str, shape) -> onnx.TensorProto:
    return numpy_helper.from_array(RNG.normal(0, 0.5, shape).astype(np.float32), name)


def _affine(source: str, out: str, scale: float, shift: float) -> list:
    """x · scale + shift, as the exporter writes a learnable affine step."""
    return [_constant(f"{out}.a", [scale]), _constant(f"{out}.b", [shift]),
            helper.make_node("Mul", [f"{out}.a", source], [f"{out}.scaled"]),
            helper.make_node("Add", [f"{out}.scaled", f"{out}.b"], [out])]


def _hard_swish(source: str, out: str) -> list:
    return [_constant(f"{out}.3", [3.0]), _constant(f"{out}.0", 0.0), _constant(f"{out}.6", 6.0),
            _constant(f"{out}.d", [6.0]),
            helper.make_node("Add", [source, f"{out}.3"], [f"{out}.plus"]),
            helper.make_node("Clip", [f"{out}.plus", f"{out}.0", f"{out}.6"], [f"{out}.clip"]),
            helper.make_node("Mul", [source, f"{out}.clip"], [f"{out}.mul"]),
            helper.make_node("Div", [f"{out}.mul", f"{out}.d"], [out])]


def _conv(source: str, out: str, kernel: int, channels: tuple[int, int]) -> tuple:
    pad = kernel // 2
    node = helper.make_node("Conv", [source, f"{out}.w", f"{out}.bias"], [out],
                            kernel_shape=[kernel, kernel], pads=[pad] * 4)
    return node, [_weights(f"{out}.w", (channels[1], channels[0], kernel, kernel)),
                  _weights(f"{out}.bias", (channels[1],))]


def _model(nodes: list, initializers: list, outputs: list[str], path) -> str:
    graph = helper.make_graph(
        nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 12])],
        [helper.make_tensor_value_info(name, TensorProto.FLOAT, ["n", "c", "h", "w"])
         for name in outputs],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 12)])
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return str(path)


def _ops(model: bytes) -> list[str]:
    return [n.op_type for n in onnx.load_from_string(model).graph.node if n.op_type != "Constant"]


def _outputs(model: bytes, x) -> list:
    return Session(model, 1)(x)


def _same_results(path: str, folded: bytes) -> None:
    x = RNG.normal(0, 2, (1, 3, 8, 12)).astype(np.float32)
    with open(path, "rb") as file:
        expected = _outputs(file.read(), x)
    for got, want in zip(_outputs(folded, x), expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)


def test_a_convolutions_steps_and_hard_swish_fold_into_it_and_the_next_pointwise_one(tmp_path):
    first, first_weights = _conv("x", "c1", 3, (3, 4))
    second, second_weights = _conv("h2", "y", 1, (4, 5))
    nodes = [first, *_affine("c1", "h1", 1.4, 0.6), *_hard_swish("h1", "s1"),
             *_affine("s1", "h2", 0.2, -0.3), second]
    path = _model(nodes, first_weights + second_weights, ["y"], tmp_path / "m.onnx")

    folded = ocr_model.folded(path)

    assert _ops(folded) == ["Conv", "HardSigmoid", "Mul", "Conv"]
    _same_results(path, folded)


def test_only_a_scale_folds_into_a_padded_convolution_and_nothing_read_twice(tmp_path):
    first, first_weights = _conv("x", "c1", 1, (3, 4))
    padded, padded_weights = _conv("h2", "y", 3, (4, 4))
    nodes = [first, *_affine("c1", "h1", 1.4, 0.6), *_hard_swish("h1", "s1"),
             *_affine("s1", "h2", 0.2, -0.3), padded,
             _constant("k", [2.0]), helper.make_node("Mul", ["c1", "k"], ["z"])]
    path = _model(nodes, first_weights + padded_weights, ["y", "z"], tmp_path / "m.onnx")

    folded = ocr_model.folded(path)

    # c1 is read twice: its scale and shift stay; a shift before a padded 3×3 kernel would be
    # summed over the zeros of its padding too: it stays, and only the scale goes
    assert _ops(folded) == ["Conv", "Mul", "Add", "HardSigmoid", "Mul", "Add", "Conv", "Mul"]
    _same_results(path, folded)


@pytest.mark.parametrize(("part", "shape"), [("Rec", (1, 3, 48, 320)), ("Rec", (1, 3, 48, 733)),
                                             ("Det", (1, 3, 96, 160))])
def test_rapidocrs_models_folded_give_their_own_results(part, shape):
    pytest.importorskip("rapidocr_onnxruntime")
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
    from rapidocr_onnxruntime.utils import read_yaml, update_model_path

    path = update_model_path(read_yaml(DEFAULT_CFG_PATH))[part]["model_path"]
    with open(path, "rb") as file:
        shipped = file.read()
    folded = ocr_model.folded(path)
    x = RNG.uniform(-1, 1, shape).astype(np.float32)

    got, want = _outputs(folded, x)[0], _outputs(shipped, x)[0]

    assert "Clip" not in _ops(folded) and len(_ops(folded)) < 0.75 * len(_ops(shipped))
    np.testing.assert_allclose(got, want, atol=1e-4)
    if part == "Rec":
        assert (got.argmax(axis=-1) == want.argmax(axis=-1)).all()
