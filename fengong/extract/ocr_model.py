"""RapidOCR's models with the arithmetic their export left unfused folded into the
convolutions, so ONNX Runtime runs a third fewer passes over each image.

PaddleOCR's exporter writes every hard-swish as four operations (add 3, clip, multiply,
divide by 6) and every learnable affine step (a scalar scale and shift) as two, one pass over
the tensor each; ONNX Runtime fuses none of them. On the recogniser, which is most of a
scan's time, they were a third of the model's run. Here a scale and shift after a
convolution become its weights and bias, one before a 1×1 convolution too, and a hard-swish
becomes x · HardSigmoid(x), which ONNX Runtime runs inside the convolution's own pass. The
results are the same to 1e-5 (float rounding); bench/README.md has the figures.

The graph is read with protobuf (which ONNX Runtime depends on) through a few of onnx.proto's
messages, declared here with its field numbers; every other field passes through untouched.
The ``onnx`` package itself is not used: importing it costs more than a second (its
ml_dtypes), more than the folding saves on a short scan.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

# onnx.proto's field numbers: message -> (field, number, type, repeated, message type)
_FIELDS: dict[str, list[tuple[str, int, str, bool, str]]] = {
    "TensorProto": [("dims", 1, "int64", True, ""), ("data_type", 2, "int32", False, ""),
                    ("float_data", 4, "float", True, ""), ("name", 8, "string", False, ""),
                    ("raw_data", 9, "bytes", False, "")],
    "AttributeProto": [("name", 1, "string", False, ""), ("f", 2, "float", False, ""),
                       ("i", 3, "int64", False, ""), ("t", 5, "message", False, "TensorProto"),
                       ("s", 4, "bytes", False, ""), ("ints", 8, "int64", True, ""),
                       ("type", 20, "int32", False, "")],
    "NodeProto": [("input", 1, "string", True, ""), ("output", 2, "string", True, ""),
                  ("name", 3, "string", False, ""), ("op_type", 4, "string", False, ""),
                  ("attribute", 5, "message", True, "AttributeProto"),
                  ("domain", 7, "string", False, "")],
    "ValueInfoProto": [("name", 1, "string", False, "")],
    "GraphProto": [("node", 1, "message", True, "NodeProto"),
                   ("initializer", 5, "message", True, "TensorProto"),
                   ("output", 12, "message", True, "ValueInfoProto")],
    "ModelProto": [("graph", 7, "message", False, "GraphProto")],
}
_FLOAT = 1  # TensorProto.DataType.FLOAT
_ATTRIBUTE_FLOAT = 1  # AttributeProto.AttributeType.FLOAT
_REMOVED = "fengong.removed"  # no operator's name


@lru_cache(maxsize=1)
def _messages() -> dict:
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    field = descriptor_pb2.FieldDescriptorProto
    kinds = {"int64": field.TYPE_INT64, "int32": field.TYPE_INT32, "float": field.TYPE_FLOAT,
             "string": field.TYPE_STRING, "bytes": field.TYPE_BYTES,
             "message": field.TYPE_MESSAGE}
    schema = descriptor_pb2.FileDescriptorProto(name="fengong_onnx_subset.proto",
                                                package="fengong_onnx", syntax="proto2")
    for message, fields in _FIELDS.items():
        declared = schema.message_type.add(name=message)
        for name, number, kind, repeated, type_name in fields:
            declared.field.add(name=name, number=number, type=kinds[kind],
                               label=field.LABEL_REPEATED if repeated else field.LABEL_OPTIONAL,
                               type_name=f".fengong_onnx.{type_name}" if type_name else None)
    pool = descriptor_pool.DescriptorPool()
    pool.Add(schema)
    return {name: message_factory.GetMessageClass(pool.FindMessageTypeByName(
        f"fengong_onnx.{name}")) for name in _FIELDS}


def folded(path: str) -> bytes:
    """Given an ONNX model file, return the model with its scalar affine steps and hard-swishes
    folded (the model unchanged where it has none)."""
    with open(path, "rb") as file:
        model = _messages()["ModelProto"].FromString(file.read())
    _Folder(model.graph).fold()
    return model.SerializeToString()


class _Folder:
    """One pass of each fold over a graph, in place."""

    def __init__(self, graph) -> None:
        self.graph = graph
        self.values: dict[str, object] = {}
        for node in graph.node:
            if node.op_type == "Constant" and len(node.attribute) == 1 \
                    and node.attribute[0].name == "value":
                self.values[node.output[0]] = node.attribute[0].t
        for tensor in graph.initializer:
            self.values[tensor.name] = tensor
        self.arrays: dict[str, object] = {}

    def fold(self) -> None:
        self._steps_after_convolutions()
        self._hard_swishes()
        self._steps_before_convolutions()
        self._drop_unused_constants()

    # -- reading the graph --------------------------------------------------------------------

    def _consumers(self) -> dict[str, list]:
        consumers: dict[str, list] = defaultdict(list)
        for node in self.graph.node:
            for name in node.input:
                consumers[name].append(node)
        for output in self.graph.output:
            consumers[output.name].append(None)  # a graph output: never fold it away
        return consumers

    def _array(self, name: str):
        """The float tensor a name holds (None when it is not a float constant)."""
        if name in self.arrays:
            return self.arrays[name]
        import numpy as np

        tensor = self.values.get(name)
        if tensor is None or tensor.data_type != _FLOAT:
            return None
        data = (np.frombuffer(tensor.raw_data, dtype="<f4") if tensor.raw_data
                else np.asarray(tensor.float_data, dtype=np.float32))
        return data.reshape(tuple(tensor.dims)).astype(np.float32)

    def _scalar(self, name: str) -> float | None:
        tensor = self.values.get(name)
        if tensor is None or any(size != 1 for size in tensor.dims):
            return None  # not a constant, or a tensor: not decoded to find out
        value = self._array(name)
        return float(value.ravel()[0]) if value is not None and value.size == 1 else None

    def _scalar_operand(self, node) -> tuple[float, str] | None:
        """(the scalar, the other input) of a binary node with one scalar constant input."""
        if len(node.input) != 2:
            return None
        for index in (0, 1):
            value = self._scalar(node.input[index])
            if value is not None and self._scalar(node.input[1 - index]) is None:
                return value, node.input[1 - index]
        return None

    @staticmethod
    def _only(consumers: dict, name: str, op_type: str):
        """The one node reading ``name``, when there is one and it is an ``op_type``."""
        readers = consumers[name]
        if len(readers) == 1 and readers[0] is not None and readers[0].op_type == op_type:
            return readers[0]
        return None

    def _affine_after(self, consumers: dict, name: str):
        """(scale, shift, x, the Mul, the Add) when ``name`` is only read by x · a + b."""
        mul = self._only(consumers, name, "Mul")
        return self._affine(consumers, mul) if mul is not None else None

    def _affine(self, consumers: dict, mul):
        """(scale, shift, x, the Mul, the Add) when ``mul`` multiplies x by a scalar and only
        an Add of a scalar reads it: x · a + b."""
        scaled = mul.op_type == "Mul" and self._scalar_operand(mul)
        if not scaled:
            return None
        add = self._only(consumers, mul.output[0], "Add")
        shifted = add is not None and self._scalar_operand(add)
        if not shifted:
            return None
        return scaled[0], shifted[0], scaled[1], mul, add

    # -- writing it ---------------------------------------------------------------------------

    def _weights(self, conv):
        import numpy as np

        weight = self._array(conv.input[1])
        bias = (self._array(conv.input[2]) if len(conv.input) > 2 and conv.input[2]
                else np.zeros(weight.shape[0], dtype=np.float32))
        return weight, bias

    def _rewire(self, conv, source: str, weight, bias) -> None:
        """Point ``conv`` at ``source`` with new weights and bias, added as initializers."""
        names = [self._constant(f"{conv.output[0]}.folded_{suffix}", array)
                 for suffix, array in (("weight", weight), ("bias", bias))]
        del conv.input[:]
        conv.input.extend([source, *names])

    def _constant(self, stem: str, array) -> str:
        """Add ``array`` as an initializer; return its name, one no other value has (a
        convolution may be folded twice, from each side)."""
        name = f"{stem}.{len(self.graph.initializer)}"
        tensor = self.graph.initializer.add(name=name, data_type=_FLOAT,
                                            raw_data=array.astype("<f4").tobytes())
        tensor.dims.extend(array.shape)
        self.values[name] = tensor
        self.arrays[name] = array
        return name

    def _remove(self, doomed: list) -> None:
        """Drop nodes (marked first: a protobuf message has no identity to find it by)."""
        for node in doomed:
            node.op_type = _REMOVED
        for index in reversed(range(len(self.graph.node))):
            if self.graph.node[index].op_type == _REMOVED:
                del self.graph.node[index]

    # -- the folds ----------------------------------------------------------------------------

    def _steps_after_convolutions(self) -> None:
        """conv(x) · a + b is a convolution with weights a·W and bias a·B + b."""
        consumers = self._consumers()
        doomed = []
        for conv in self.graph.node:
            if conv.op_type != "Conv" or self._array(conv.input[1]) is None or (
                    len(conv.input) > 2 and conv.input[2] and self._array(conv.input[2]) is None):
                continue
            affine = self._affine_after(consumers, conv.output[0])
            if affine is None:
                continue
            scale, shift, _, mul, add = affine
            weight, bias = self._weights(conv)
            doomed += [mul, add]
            self._rewire(conv, conv.input[0], weight * scale, bias * scale + shift)
            conv.output[0] = add.output[0]
        self._remove(doomed)

    def _hard_swishes(self) -> None:
        """x · clip(x + 3, 0, 6) / 6 is x · HardSigmoid(x) with α = 1/6, β = 1/2, which ONNX
        Runtime takes for a hard-swish and computes in the convolution before it."""
        consumers = self._consumers()
        doomed = []
        for add in self.graph.node:
            plus = add.op_type == "Add" and self._scalar_operand(add)
            if not plus or plus[0] != 3.0:
                continue
            source = plus[1]
            clip = self._only(consumers, add.output[0], "Clip")
            if clip is None or len(clip.input) != 3 or (self._scalar(clip.input[1]),
                                                        self._scalar(clip.input[2])) != (0, 6):
                continue
            mul = self._only(consumers, clip.output[0], "Mul")
            if mul is None or source not in mul.input:
                continue
            div = self._only(consumers, mul.output[0], "Div")
            if div is None or div.input[0] != mul.output[0] or self._scalar(div.input[1]) != 6:
                continue
            doomed += [clip, div]
            gate = f"{add.output[0]}.hard_sigmoid"
            add.op_type = "HardSigmoid"
            del add.input[:]
            add.input.append(source)
            add.output[0] = gate
            for name, value in (("alpha", 1 / 6), ("beta", 0.5)):
                add.attribute.add(name=name, f=value, type=_ATTRIBUTE_FLOAT)
            del mul.input[:]
            mul.input.extend([source, gate])
            mul.output[0] = div.output[0]
        self._remove(doomed)

    def _steps_before_convolutions(self) -> None:
        """conv(x · a + b) for a 1×1 convolution without padding is one with weights a·W and
        bias B + b·ΣW. A wider kernel also sums b over its padding of zeros, so there only the
        scale goes: conv(a · (x + b/a)) has weights a·W, as zeros scaled are zeros."""
        consumers = self._consumers()
        doomed = []
        for node in self.graph.node:
            affine = self._affine(consumers, node)
            if affine is None or affine[0] == 0:
                continue
            scale, shift, source, mul, add = affine
            convs = consumers[add.output[0]]
            if not convs or not all(self._reads_as_data(conv, add.output[0]) for conv in convs):
                continue
            pointwise = all(self._pointwise(conv) for conv in convs)
            for conv in convs:
                weight, bias = self._weights(conv)
                if pointwise:
                    bias = bias + shift * weight.sum(axis=(1, 2, 3))
                self._rewire(conv, source if pointwise else add.output[0], weight * scale, bias)
            if pointwise:
                doomed += [mul, add]
            else:
                doomed.append(mul)
                self._set_scalar_operand(add, source, shift / scale)
        self._remove(doomed)

    def _reads_as_data(self, conv, source: str) -> bool:
        """Whether ``conv`` is a convolution with constant weights reading ``source`` as its
        image (and nowhere else)."""
        return (conv is not None and conv.op_type == "Conv" and conv.input[0] == source
                and list(conv.input).count(source) == 1
                and self._array(conv.input[1]) is not None)

    def _pointwise(self, conv) -> bool:
        """Whether ``conv`` is a 1×1 convolution without padding."""
        attributes = {a.name: a for a in conv.attribute}
        pads = attributes.get("pads")
        auto_pad = attributes.get("auto_pad")
        return (self._array(conv.input[1]).shape[2:] == (1, 1)
                and not (pads is not None and any(pads.ints))
                and (auto_pad is None or auto_pad.s in (b"", b"NOTSET", b"VALID")))

    def _set_scalar_operand(self, node, source: str, value: float) -> None:
        """Make a binary node read ``source`` and the constant ``value``."""
        import numpy as np

        name = self._constant(f"{node.output[0]}.folded_operand",
                              np.asarray([value], dtype=np.float32))
        del node.input[:]
        node.input.extend([source, name])

    def _drop_unused_constants(self) -> None:
        used = {name for node in self.graph.node for name in node.input}
        used |= {output.name for output in self.graph.output}
        unused = [node for node in self.graph.node
                  if node.op_type == "Constant" and node.output[0] not in used]
        self._remove(unused)
        for index in reversed(range(len(self.graph.initializer))):
            if self.graph.initializer[index].name not in used:
                del self.graph.initializer[index]


class Session:
    """An ONNX Runtime session of a model given as bytes, called as RapidOCR calls its own
    (an input array -> the list of outputs), with RapidOCR's settings: no memory arena, so a
    large input's buffers go back when the run ends."""

    def __init__(self, model: bytes, threads: int) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 4
        options.enable_cpu_mem_arena = False
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads
        self._session = onnxruntime.InferenceSession(model, options,
                                                     providers=["CPUExecutionProvider"])
        self._input = self._session.get_inputs()[0].name

    def __call__(self, image) -> list:
        return self._session.run(None, {self._input: image})
