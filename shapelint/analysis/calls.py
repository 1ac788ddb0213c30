"""Calls and the call machinery: evaluating call arguments, dispatching on the callee
(framework functions, methods, builtins, user functions), binding parameters, running a
function body at a call site with bounded depth, and the per-signature memo tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import libcst as cst

from shapelint.analysis import (
    binder,
    containers,
    convert,
    declarations,
    distributions,
    dtypes,
    frameworks,
    keras_callables,
    layers,
    model_steps,
    ops,
    scalars,
    stax,
)
from shapelint.analysis.builtin_calls import Builtins
from shapelint.analysis.display import layer_display, one_line
from shapelint.analysis.frameworks.jax_libraries import MODULE_RUNS
from shapelint.analysis.frameworks.positions import METHOD_OWNERS
from shapelint.analysis.machine import (
    MAX_CALL_DEPTH,
    MODEL_RUNS,
    Frame,
    FunctionInfo,
    call_site,
)
from shapelint.analysis.primitives import (
    apply_kind,
    call_signature,
    iteration_value,
    tensor_method,
)
from shapelint.analysis.stax import Stax
from shapelint.analysis.transforms import LOOPS, WRAPPERS
from shapelint.analysis.values import (
    LEARNED,
    UNKNOWN,
    AtIndexer,
    BoundMethod,
    ClassRef,
    Constant,
    DictValue,
    Draw,
    FunctionRef,
    Instance,
    IntValue,
    Layer,
    ListOf,
    ModuleRef,
    ShapeValue,
    Splat,
    StaxFunction,
    Tensor,
    TupleValue,
    Value,
    Wrapped,
    join_values,
)
from shapelint.shapes.shape import UNKNOWN_SHAPE


class Calls(Builtins, Stax):
    def call_function(
        self,
        ref: FunctionRef,
        positional: list[Value],
        keywords: dict[str, Value],
        node: cst.CSTNode | None,
        arg_nodes: Sequence[cst.CSTNode] = (),
    ) -> Value:
        info = self.functions[ref.key]
        if not info.safe:
            return UNKNOWN
        if self.depth >= MAX_CALL_DEPTH or ref.key in self.active:
            return declarations.declared_return(self, info) or UNKNOWN
        args = ([ref.bound_self] if ref.bound_self is not None else []) + positional
        signature = call_signature(ref.key, args, keywords)
        if signature in self.memo:
            result, events = self.memo[signature]
            self.replay(events, call_site(node, positional, keywords))
            return result
        self.analysed.add(ref.key)
        with self.recording(call_site(node, positional, keywords)) as recorded:
            result = self.run_function(
                info, ref.key, args, keywords, arg_nodes, ref.bound_self is not None
            )
        self.memo[signature] = (result, tuple(recorded))
        return result

    def run_function(
        self,
        info: FunctionInfo,
        key: int,
        args: list[Value],
        keywords: dict[str, Value],
        arg_nodes: Sequence[cst.CSTNode],
        has_self: bool,
        defaults: bool = True,
    ) -> Value:
        node = info.node
        scope: dict[str, Value] = {}
        self.store.adopt(scope)
        frame = Frame(class_key=info.class_key, conditional=not self.frame.on_a_sure_path)
        saved = (self.scopes, self.frame)
        self.scopes = [*info.closure, scope]
        self.frame = frame
        self.depth += 1
        self.active.add(key)
        try:
            self.bind_params(info, args, keywords, arg_nodes, has_self, defaults)
            if self.record and not self.muted:
                params = [
                    *node.params.posonly_params,
                    *node.params.params,
                    *node.params.kwonly_params,
                ]
                named = [(p.name.value, scope.get(p.name.value, UNKNOWN)) for p in params]
                self.note_names(node.name, [(n, v) for n, v in named if isinstance(v, Tensor)])
            frame.return_pattern = declarations.return_pattern(self, node)
            falls_through = not self.exec_block(
                node.body.body if isinstance(node.body, cst.IndentedBlock) else [node.body]
            )
            returns = list(frame.returns)
            if falls_through:
                returns.append(Constant(None))
            if not returns:
                return UNKNOWN  # every path raises
            result = returns[0]
            for other in returns[1:]:
                result = join_values(result, other)
            return result
        finally:
            self.store.forget(scope)
            self.active.discard(key)
            self.depth -= 1
            self.scopes, self.frame = saved

    def bind_params(
        self,
        info: FunctionInfo,
        args: list[Value],
        keywords: dict[str, Value],
        arg_nodes: Sequence[cst.CSTNode],
        has_self: bool,
        defaults: bool = True,
    ) -> None:
        """Arguments to parameters. Without a visible call (``defaults=False``) a default is
        only one possible value, so the parameter stays unknown."""
        params = info.node.params
        fallback = info.defaults if defaults else {}
        positional_params = [*params.posonly_params, *params.params]
        offset = 1 if has_self else 0
        for index, param in enumerate(positional_params):
            name = param.name.value
            node_for_arg = (
                arg_nodes[index - offset] if 0 <= index - offset < len(arg_nodes) else None
            )
            if index < len(args):
                value = args[index]
            elif name in keywords:
                value = keywords.pop(name)
            else:
                value = fallback.get(name, UNKNOWN)
            if index == 0 and has_self:
                self.frame.self_value = value
            elif param.annotation is not None:
                value = declarations.check_annotation(
                    self,
                    param.annotation.annotation,
                    value,
                    node_for_arg,
                    "annotation",
                    seed=True,
                    name=name,
                )
            self.assign_name(name, value)
        # no call binds a function analysed alone: its ``*args``/``**kwargs`` are unknown,
        # not empty
        if isinstance(params.star_arg, cst.Param):
            rest = args[len(positional_params) :]
            star: Value = TupleValue(tuple(rest)) if defaults else UNKNOWN
            self.assign_name(params.star_arg.name.value, star)
        for param in params.kwonly_params:
            name = param.name.value
            value = keywords.pop(name, fallback.get(name, UNKNOWN))
            if param.annotation is not None:
                value = declarations.check_annotation(
                    self,
                    param.annotation.annotation,
                    value,
                    None,
                    "annotation",
                    seed=True,
                    name=name,
                )
            self.assign_name(name, value)
        if params.star_kwarg is not None:
            # the keywords no parameter took (a wrapper's **kwargs passes them on)
            leftover: Value = DictValue(tuple(keywords.items())) if defaults else UNKNOWN
            self.assign_name(params.star_kwarg.name.value, leftover)

    def eval_Call(self, node: cst.Call) -> Value:
        callee = self.eval(node.func)
        positional: list[Value] = []
        keywords: dict[str, Value] = {}
        arg_nodes: list[cst.CSTNode] = []
        opaque = False
        copied: int | None = None
        for arg in node.args:
            value = self.eval(arg.value)
            if arg.star == "*":
                if isinstance(value, TupleValue):
                    positional.extend(value.items)
                elif isinstance(value, ShapeValue) and not value.shape.variadic:
                    if len(node.args) == 1:  # the sizes are a whole tensor's shape
                        copied = value.of
                    positional.extend(IntValue(d) for d in value.shape.dims)
                else:
                    positional.append(Splat(value))
                    opaque = opaque or not isinstance(value, ShapeValue)
            elif arg.star == "**":
                if isinstance(value, DictValue) and all(isinstance(k, str) for k, _ in value.items):
                    keywords.update(value.items)
                else:
                    opaque = True
            elif arg.keyword is not None:
                keywords[arg.keyword.value] = value
            else:
                positional.append(value)
                arg_nodes.append(arg.value)
        return self.call(node, callee, positional, keywords, arg_nodes, opaque, copied)

    def call(
        self,
        node: cst.Call,
        callee: Value,
        positional: list[Value],
        keywords: dict[str, Value],
        arg_nodes: list[cst.CSTNode],
        opaque: bool,
        copied: int | None = None,
    ) -> Value:
        """``copied``: the lineage of the tensor whose whole shape was splatted as the
        call's sizes (``randn(*x.shape)``), which the splat itself no longer shows."""
        if isinstance(callee, (ModuleRef, BoundMethod, Layer)):
            # a framework op: when it is proven to fail, what it returns is unknown, so one
            # bug gives one finding and nothing downstream is checked against a made-up shape
            mark = self.failures
            result = self.call_framework(node, callee, positional, keywords, opaque, copied)
            return result if self.failures == mark else after_failure(result)
        if opaque:
            return UNKNOWN
        if isinstance(callee, Wrapped):
            return self.call_wrapped(node, callee, positional, keywords)
        if isinstance(callee, StaxFunction):
            return self.call_stax(node, callee, positional, keywords)
        if isinstance(callee, FunctionRef):
            return self.call_function(callee, positional, keywords, node, arg_nodes)
        if isinstance(callee, ClassRef):
            return self.instantiate(callee, positional, keywords, node)
        if isinstance(callee, Instance):
            return self.call_instance(callee, positional, keywords, node, arg_nodes)
        self.forget_plain_attributes([*positional, *keywords.values()])
        return UNKNOWN

    def forget_plain_attributes(self, given: list[Value]) -> None:
        """An object handed to a function the analysis cannot see may come back changed
        (``tuner.scale_batch_size(model)`` sets ``model.batch_size``, ``trainer.fit(model)``
        fills ``model.scores``): its plain data attributes (numbers, strings, lists, dicts)
        become unknown. What it is built of (layers, tensors, other objects) is kept."""
        for value in given:
            if not isinstance(value, Instance):
                continue
            attrs = self.attributes(value)
            for name, held in list(attrs.items()):
                if name.startswith("__"):
                    continue  # the analysis's own records (``__built__``, ``__set_up__``)
                if isinstance(held, (IntValue, Constant, TupleValue, ListOf, DictValue)):
                    self.store.write(attrs, name, UNKNOWN)

    def call_framework(
        self,
        node: cst.Call,
        callee: ModuleRef | BoundMethod | Layer,
        positional: list[Value],
        keywords: dict[str, Value],
        opaque: bool,
        copied: int | None = None,
    ) -> Value:
        if isinstance(callee, ModuleRef):
            return self.call_module_ref(node, callee, positional, keywords, opaque, copied)
        if isinstance(callee, BoundMethod):
            return self.call_method(node, callee, positional, keywords, opaque)
        if opaque:
            return UNKNOWN
        if callee.kind in keras_callables.INTERPRETED:
            return keras_callables.run_layer(self, node, callee, positional, keywords)
        result = layers.apply_layer(self, node, callee, positional, keywords)
        built = layers.built_by_call(callee, positional)
        if built is not None and isinstance(node.func, (cst.Name, cst.Attribute)):
            # a Keras layer keeps the width its first call built it on
            self.assign_target(node.func, built)
        return result

    def call_module_ref(
        self,
        node: cst.Call,
        callee: ModuleRef,
        positional: list[Value],
        keywords: dict[str, Value],
        opaque: bool,
        copied: int | None = None,
    ) -> Value:
        qualname = callee.qualname
        if qualname.startswith("builtins."):
            return self.call_builtin(node, qualname[len("builtins.") :], positional, keywords)
        if qualname.startswith("math."):
            return scalars.math_call(qualname[len("math.") :], positional)
        if qualname.startswith("random."):
            return scalars.random_call(qualname[len("random.") :])
        if qualname.startswith("numpy.") and not keywords and not opaque:
            # NumPy's elementwise math of one Python number: a np.float64, a float
            exact = scalars.exact_call(qualname[len("numpy.") :], positional)
            if exact is not None:
                return exact
        if qualname in scalars.FLOAT_FUNCTIONS and not positional and not keywords:
            return scalars.SOME_FLOAT
        if qualname in WRAPPERS and not opaque:
            return self.make_wrapper(qualname, positional, keywords)
        if qualname in LOOPS and not opaque:
            return self.call_loop(node, qualname, positional, keywords)
        family = distributions.family_of(qualname)
        if family is not None:
            return UNKNOWN if opaque else distributions.construct(family, positional, keywords)
        made_stax = stax.construct(qualname, positional, keywords)
        if made_stax is not None:
            return UNKNOWN if opaque else made_stax
        display = one_line(declarations.source(node.func))
        found = frameworks.function_spec(qualname)
        if found is not None:
            spec, framework = found
            if opaque:
                return Tensor(UNKNOWN_SHAPE, framework) if framework else UNKNOWN
            binding = binder.bind_call(spec, positional, keywords, qualname)
            call = ops.Call(
                self,
                node,
                display,
                qualname,
                spec,
                framework,
                binding.args,
                binding.varargs,
                copied,
            )
            made = apply_kind(call) if binding.understood else call.unknown()
            name = qualname.rsplit(".", 1)[-1]
            return dtypes.with_kind(made, dtypes.result_kind(name, spec.kind, positional, keywords))
        found_layer = frameworks.layer_spec(qualname)
        if found_layer is not None:
            spec_l, framework = found_layer
            if opaque:
                return UNKNOWN
            shown = layer_display(display, spec_l, positional, keywords)
            made = binder.bind_layer(spec_l, framework, shown, positional, keywords, qualname)
            if isinstance(made, Layer) and made.kind == "sequential":
                return layers.built_sequential(self, node, made, 0) or UNKNOWN
            return made
        return UNKNOWN

    def call_method(
        self,
        node: cst.Call,
        method: BoundMethod,
        positional: list[Value],
        keywords: dict[str, Value],
        opaque: bool,
    ) -> Value:
        receiver = method.receiver
        if isinstance(receiver, Instance) and method.name in MODULE_RUNS:
            return self.run_module(node, receiver, method.name, positional, keywords)
        if isinstance(receiver, Instance):
            if method.name in model_steps.MODEL_STEPS:
                model_steps.run_custom_step(self, receiver, method.name, positional, keywords, node)
                return UNKNOWN  # the History of the run, or the metrics
            return self.call_object_method(receiver, method.name, positional, keywords, node)
        if isinstance(receiver, (TupleValue, ListOf)):
            changed = containers.list_method(receiver, method.name, positional)
            if isinstance(node.func, cst.Attribute):
                self.assign_target(node.func.value, changed)
            return iteration_value(receiver) if method.name == "pop" else Constant(None)
        if isinstance(receiver, AtIndexer):
            return Tensor(receiver.tensor.shape, receiver.tensor.framework)
        if isinstance(receiver, DictValue):
            result, after = containers.dict_method(receiver, method.name, positional, keywords)
            if after is not containers.UNCHANGED and isinstance(node.func, cst.Attribute):
                self.assign_target(node.func.value, after)
            return result
        if isinstance(receiver, Layer) and method.name in MODEL_RUNS:
            inputs = positional[:1]
            given = inputs[0] if inputs else None
            if isinstance(given, TupleValue):
                # a list of arrays is the model's inputs, one per input layer: a model of
                # one input takes the list's single array; several are not followed. A
                # list of numbers is one array (tf-keras converts it; Keras 3 refuses it)
                if all(isinstance(item, Tensor) for item in given.items):
                    if len(given.items) != 1:
                        return UNKNOWN
                    inputs = [given.items[0]]
                else:
                    written = convert.literal_tensor(given, receiver.framework)
                    if written is None:
                        return UNKNOWN
                    inputs = [written]
            outputs = layers.apply_layer(self, node, receiver, inputs, {})
            target = positional[1] if len(positional) > 1 else keywords.get("y")
            if target is not None and not method.name.startswith("predict"):
                layers.check_compiled_loss(self, node, receiver, outputs, target)
                compiled = receiver.param(layers.COMPILED_LOSS)
                keras_callables.run_compiled_loss(self, node, compiled, outputs, target)
            return outputs if method.name.startswith("predict") else UNKNOWN
        if (
            isinstance(receiver, Layer)
            and method.name in layers.METRIC_UPDATES
            and receiver.kind in layers.METRIC_KINDS
        ):
            # a Keras metric's update_state(y_true, y_pred) judges them as calling it does
            layers.apply_layer(self, node, receiver, positional[:2], {})
            return Constant(None)
        if isinstance(receiver, Layer):
            if isinstance(node.func, cst.Attribute):
                if method.name == "compile" and receiver.kind in layers.KERAS_MODELS:
                    # the architecture is unchanged; the loss is kept for fit/evaluate
                    loss = keywords.get("loss", positional[1] if len(positional) > 1 else None)
                    self.assign_target(node.func.value, layers.with_loss(receiver, loss))
                    return Constant(None)
                grows = (
                    receiver.kind == "sequential"
                    and method.name in ("add", "append")
                    and len(positional) == 1
                )
                grown_model: Value | None = UNKNOWN
                if grows:
                    grown = layers.with_added_layer(receiver, positional[0])
                    last = len(layers.sequence_layers(grown) or []) - 1
                    grown_model = layers.built_sequential(self, node, grown, last)
                self.assign_target(node.func.value, grown_model or UNKNOWN)
            return Constant(None)
        if isinstance(receiver, distributions.Distribution):
            if opaque:
                return UNKNOWN
            return distributions.method(receiver, method.name, positional, keywords)
        if not isinstance(receiver, Tensor):
            return UNKNOWN
        spec = tensor_method(receiver.framework, method.name)
        if spec is None:
            return UNKNOWN
        if spec.kind == "invalidate":
            if isinstance(node.func, cst.Attribute):
                self.assign_target(node.func.value, receiver.with_shape(UNKNOWN_SHAPE))
            return receiver.with_shape(UNKNOWN_SHAPE)
        if opaque:
            return Tensor(UNKNOWN_SHAPE, receiver.framework)
        owner = METHOD_OWNERS.get(receiver.framework)
        api = f"{owner}{method.name}" if owner else ""
        binding = binder.bind_call(spec, [receiver, *positional], keywords, api)
        qualname = (
            f"{'jax.numpy' if receiver.framework == 'jax' else receiver.framework}.{method.name}"
        )
        call = ops.Call(
            self,
            node,
            one_line(declarations.source(node.func)),
            qualname,
            spec,
            receiver.framework,
            binding.args,
            binding.varargs,
        )
        made = apply_kind(call) if binding.understood else call.unknown()
        return dtypes.with_kind(
            made, dtypes.result_kind(method.name, spec.kind, positional, keywords, receiver)
        )

    def run_module(
        self,
        node: cst.Call,
        instance: Instance,
        name: str,
        positional: list[Value],
        keywords: dict[str, Value],
    ) -> Value:
        """``model.init(rngs, *inputs)`` / ``model.apply(variables, *inputs)``: the module's
        ``__call__`` on the inputs; ``init`` returns the variables (not followed)."""
        options = set(keywords) - {"rngs"}
        if not positional or options:
            return UNKNOWN
        output = self.call_instance(instance, positional[1:], {}, node, [])
        if name == "apply":
            return output
        return TupleValue((output, UNKNOWN)) if name == "init_with_output" else UNKNOWN

    def call_object_method(
        self,
        instance: Instance,
        name: str,
        positional: list[Value],
        keywords: dict[str, Value],
        node: cst.Call,
    ) -> Value:
        """Methods a layer inherits from the framework: weights and buffers it registers. A
        weight given a tensor's whole shape (``add_weight(shape=input_shape)`` in ``build``)
        is drawn like that tensor."""
        if name in ("add_weight", "add_variable"):
            shape_value = keywords.get("shape")
            if shape_value is None:
                shape_value = next((p for p in positional if not isinstance(p, Constant)), None)
            shape = convert.as_shape(shape_value) if shape_value is not None else None
            copied = shape_value.of if isinstance(shape_value, ShapeValue) else None
            return Tensor(
                shape if shape is not None else UNKNOWN_SHAPE,
                "keras",
                weight=True,
                like=copied,
                drawn=Draw(node, node, shape if shape is not None else UNKNOWN_SHAPE)
                if copied is not None
                else None,
                origin=LEARNED,
            )
        if name in ("register_buffer", "register_parameter") and len(positional) >= 2:
            label = positional[0]
            value = positional[1]
            if isinstance(label, Constant) and isinstance(label.value, str):
                if isinstance(value, Tensor) and name == "register_parameter":
                    value = replace(value, weight=True, label=label.value, origin=LEARNED)
                self.store.write(self.attributes(instance), label.value, value)
        return Constant(None)


def after_failure(value: Value) -> Value:
    """The result of an op that raises: a tensor of unknown shape where a tensor was."""
    if isinstance(value, Tensor):
        return Tensor(UNKNOWN_SHAPE, value.framework)
    if isinstance(value, TupleValue):
        return TupleValue(tuple(after_failure(item) for item in value.items), value.is_list)
    return UNKNOWN
