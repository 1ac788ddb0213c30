"""Expressions: literals, names, operators and matmul, comparisons, attributes,
subscripts and tensor indexing, comprehensions. Calls live in ``calls``.
"""

from __future__ import annotations

from collections.abc import Sequence

import libcst as cst

from shapelint.analysis import containers, convert, distributions, dtypes, layers, ops, scalars
from shapelint.analysis.events import MatrixProduct, OpFailed
from shapelint.analysis.frameworks.jax_libraries import MODULE_BASES, MODULE_RUNS
from shapelint.analysis.imports import canonical
from shapelint.analysis.machine import (
    FRAMEWORK_OBJECT_METHODS,
    LIST_MUTATORS,
    MODEL_RUNS,
    NEWAXIS,
    Machine,
)
from shapelint.analysis.model_steps import MODEL_STEPS
from shapelint.analysis.primitives import (
    BINARY_SYMBOLS,
    COMPARE_SYMBOLS,
    compare,
    concat_shapes,
    index_shape,
    index_tuple,
    int_arithmetic,
    iteration_value,
    tensor_attribute,
    tensor_framework,
    to_slice,
    truth,
)
from shapelint.analysis.values import (
    UNKNOWN,
    AtIndexer,
    BoundMethod,
    ClassRef,
    Constant,
    DictValue,
    FunctionRef,
    Instance,
    IntValue,
    Layer,
    ListOf,
    ModuleRef,
    ShapedObject,
    ShapeValue,
    SliceValue,
    SuperRef,
    Tensor,
    TupleValue,
    Value,
    derived_origin,
    exact_number,
    join_values,
)
from shapelint.shapes import algebra, indexing
from shapelint.shapes.shape import UNKNOWN_DIM, UNKNOWN_SHAPE, Dim, Shape, ShapeError

# ``x.at[idx].<update>(v)`` in JAX: a new array shaped like ``x``
AT_UPDATES = frozenset(
    {"set", "add", "subtract", "multiply", "mul", "divide", "div", "power", "min", "max", "apply"}
)
# a comprehension over at most this many known items is evaluated item by item
EXACT_COMPREHENSION = 16


class Expressions(Machine):
    def eval(self, node: cst.BaseExpression) -> Value:
        method = getattr(self, "eval_" + type(node).__name__, None)
        if method is None:
            return UNKNOWN
        return method(node)  # type: ignore[no-any-return]

    def eval_Name(self, node: cst.Name) -> Value:
        return self.lookup(node.value)

    def eval_Integer(self, node: cst.Integer) -> Value:
        try:
            return IntValue(Dim.of(int(node.value.replace("_", ""), 0)))
        except ValueError:
            return IntValue(Dim.of(int(node.value.replace("_", "").lstrip("0") or "0")))

    def eval_Float(self, node: cst.Float) -> Value:
        return Constant(float(node.value))

    def eval_Imaginary(self, node: cst.Imaginary) -> Value:
        return Constant(0j)

    def eval_SimpleString(self, node: cst.SimpleString) -> Value:
        try:
            value = node.evaluated_value
        except Exception:
            return UNKNOWN
        return Constant(value) if isinstance(value, str) else UNKNOWN

    def eval_ConcatenatedString(self, node: cst.ConcatenatedString) -> Value:
        left, right = self.eval(node.left), self.eval(node.right)
        if (
            isinstance(left, Constant)
            and isinstance(right, Constant)
            and isinstance(left.value, str)
            and isinstance(right.value, str)
        ):
            return Constant(left.value + right.value)
        return UNKNOWN

    def eval_FormattedString(self, node: cst.FormattedString) -> Value:
        """An f-string whose fields are known ints or strings, without conversion or format
        spec (``f"s{i}res"``), is the string it makes, so a dict filled under such keys
        keeps its entries; any other is unknown (its fields are evaluated all the same)."""
        pieces: list[str] | None = []
        for part in node.parts:
            if isinstance(part, cst.FormattedStringText):
                text = part.value
                known = "\\" not in text and "{" not in text and "}" not in text
                piece = text if known else None
            else:
                assert isinstance(part, cst.FormattedStringExpression)
                value = self.eval(part.expression)
                plain = part.conversion is None and part.format_spec is None and part.equal is None
                piece = scalars.format_field(value) if plain else None
            if piece is None or pieces is None:
                pieces = None
            else:
                pieces.append(piece)
        return Constant("".join(pieces)) if pieces is not None else UNKNOWN

    def eval_Ellipsis(self, node: cst.Ellipsis) -> Value:
        return Constant(...)

    def eval_Tuple(self, node: cst.Tuple) -> Value:
        return self.sequence(node.elements, False)

    def eval_List(self, node: cst.List) -> Value:
        return self.sequence(node.elements, True)

    def sequence(self, elements: Sequence[cst.BaseElement], is_list: bool) -> Value:
        items: list[Value] = []
        for element in elements:
            value = self.eval(element.value)
            if isinstance(element, cst.StarredElement):
                if isinstance(value, TupleValue):
                    items.extend(value.items)
                elif isinstance(value, ShapeValue) and not value.shape.variadic:
                    items.extend(IntValue(d) for d in value.shape.dims)
                else:
                    return UNKNOWN
            else:
                items.append(value)
        return TupleValue(tuple(items), is_list)

    def eval_Set(self, node: cst.Set) -> Value:
        for element in node.elements:
            self.eval(element.value)
        return UNKNOWN

    def eval_Dict(self, node: cst.Dict) -> Value:
        """A dict literal whose keys are all known constants; ``**other`` of such a dict
        is merged in."""
        result: DictValue | None = DictValue(())
        for element in node.elements:
            if isinstance(element, cst.DictElement):
                key = scalars.dict_key(self.eval(element.key))
                value = self.eval(element.value)
                if result is not None and key is not scalars.NO_KEY:
                    result = result.with_item(key, value)
                else:
                    result = None
            else:
                other = self.eval(element.value)
                if result is not None and isinstance(other, DictValue):
                    for key, value in other.items:
                        result = result.with_item(key, value)
                else:
                    result = None
        return result if result is not None else UNKNOWN

    def eval_IfExp(self, node: cst.IfExp) -> Value:
        verdict = truth(self.eval(node.test))
        if verdict is True:
            return self.eval(node.body)
        if verdict is False:
            return self.eval(node.orelse)
        return join_values(self.eval(node.body), self.eval(node.orelse))

    def eval_NamedExpr(self, node: cst.NamedExpr) -> Value:
        value = self.eval(node.value)
        self.assign_target(node.target, value)
        return value

    def eval_Lambda(self, node: cst.Lambda) -> Value:
        """A lambda is a function whose body returns one expression."""
        body = cst.IndentedBlock([cst.SimpleStatementLine([cst.Return(node.body)])])
        function = cst.FunctionDef(cst.Name("lambda"), node.params, body)
        return self.function_value(function, None)

    def eval_BooleanOperation(self, node: cst.BooleanOperation) -> Value:
        left = truth(self.eval(node.left))
        is_and = isinstance(node.operator, cst.And)
        if left is (not is_and):
            return Constant(left)  # short-circuit: the right side does not run
        right = truth(self.eval(node.right))
        if left is not None and right is not None:
            return Constant(left and right if is_and else left or right)
        if is_and and False in (left, right) or not is_and and True in (left, right):
            return Constant(not is_and)
        return UNKNOWN

    def eval_UnaryOperation(self, node: cst.UnaryOperation) -> Value:
        value = self.eval(node.expression)
        if isinstance(node.operator, cst.Minus) and isinstance(value, IntValue):
            return IntValue(Dim.of(0) - value.dim)
        if isinstance(node.operator, cst.Plus) and isinstance(value, IntValue):
            return value
        if isinstance(node.operator, cst.Not):
            verdict = truth(value)
            return Constant(not verdict) if verdict is not None else UNKNOWN
        if isinstance(value, Tensor):
            return value
        if isinstance(value, Constant) and isinstance(value.value, float):
            exact = exact_number(value)
            if exact is not None and isinstance(node.operator, cst.Minus):
                return Constant(-exact)
            return value
        return UNKNOWN

    def eval_BinaryOperation(self, node: cst.BinaryOperation) -> Value:
        left = self.eval(node.left)
        right = self.eval(node.right)
        return self.binary(node, BINARY_SYMBOLS.get(type(node.operator), "?"), left, right)

    def binary(self, node: cst.CSTNode, symbol: str, left: Value, right: Value) -> Value:
        if isinstance(left, Tensor) or isinstance(right, Tensor):
            if symbol == "@":
                return self.matmul(node, left, right)
            framework = tensor_framework(left, right)
            if isinstance(left, ShapeValue) or isinstance(right, ShapeValue):
                return Tensor(UNKNOWN_SHAPE, framework)
            return ops.elementwise(self, node, symbol, left, right, framework)
        if isinstance(left, IntValue) and isinstance(right, IntValue):
            exponent = right.dim.value
            if symbol == "**" and exponent is not None and exponent < 0:
                return scalars.SOME_FLOAT
            return int_arithmetic(symbol, left.dim, right.dim)
        if (
            isinstance(left, (TupleValue, ShapeValue))
            and isinstance(right, (TupleValue, ShapeValue))
            and symbol == "+"
        ):
            return concat_shapes(left, right)
        if isinstance(left, TupleValue) and isinstance(right, IntValue) and symbol == "*":
            count = right.dim.value
            if count is not None and 0 <= count <= 64:
                return TupleValue(left.items * count, left.is_list)
        if scalars.is_number(left) and scalars.is_number(right):
            return scalars.number_arithmetic(symbol, left, right)
        return scalars.string_arithmetic(symbol, left, right)

    def matmul(self, node: cst.CSTNode, left: Value, right: Value) -> Value:
        base = left if isinstance(left, Tensor) else right
        assert isinstance(base, Tensor)
        # an operand of `@` beside a tensor is array-like even when nothing else is known
        lt = (
            convert.literal_tensor(left)
            if left is not UNKNOWN
            else Tensor(UNKNOWN_SHAPE, base.framework)
        )
        rt = (
            convert.literal_tensor(right)
            if right is not UNKNOWN
            else Tensor(UNKNOWN_SHAPE, base.framework)
        )
        if lt is None or rt is None:
            return Tensor(UNKNOWN_SHAPE, base.framework)
        try:
            result: Shape | None = algebra.matmul(lt.shape, rt.shape)
        except ShapeError as error:
            self.emit(
                OpFailed(
                    node, "@", error.reason, (lt.shape, rt.shape), ("matmul", (lt.shape, rt.shape))
                )
            )
            result = None
        if isinstance(left, Tensor) and isinstance(right, Tensor):
            self.emit(MatrixProduct(node, "@", lt, rt, result))
        return Tensor(
            result if result is not None else UNKNOWN_SHAPE,
            base.framework,
            origin=derived_origin(lt, rt),
        )

    def eval_Comparison(self, node: cst.Comparison) -> Value:
        left = self.eval(node.left)
        result: Value = UNKNOWN
        verdicts: list[bool | None] = []
        for target in node.comparisons:
            right = self.eval(target.comparator)
            symbol = COMPARE_SYMBOLS.get(type(target.operator))
            if symbol is not None and (isinstance(left, Tensor) or isinstance(right, Tensor)):
                result = ops.elementwise(
                    self,
                    node,
                    symbol,
                    left,
                    right,
                    tensor_framework(left, right),
                )
                verdicts.append(None)
            else:
                verdicts.append(compare(target.operator, left, right))
            left = right
        if isinstance(result, Tensor):
            return dtypes.with_kind(result, dtypes.BOOL)
        if all(v is True for v in verdicts):
            return Constant(True)
        if False in verdicts:
            return Constant(False)
        return UNKNOWN

    def eval_Attribute(self, node: cst.Attribute) -> Value:
        owner = self.eval(node.value)
        return self.attribute(owner, node.attr.value)

    def attribute(self, owner: Value, name: str) -> Value:
        if isinstance(owner, ModuleRef):
            qualname = canonical(f"{owner.qualname}.{name}")
            if qualname in scalars.MATH_CONSTANTS:
                return scalars.SOME_FLOAT
            return Constant(None) if qualname in NEWAXIS else ModuleRef(qualname)
        if isinstance(owner, DictValue) and name in scalars.DICT_METHODS:
            return BoundMethod(owner, name)
        if isinstance(owner, AtIndexer) and owner.indexed and name in AT_UPDATES:
            return BoundMethod(owner, name)
        if isinstance(owner, Tensor):
            return tensor_attribute(owner, name)
        if isinstance(owner, distributions.Distribution):
            return distributions.attribute(owner, name)
        if isinstance(owner, ShapedObject):  # of unknown kind: only its shape is known
            if name == "shape":
                return ShapeValue(owner.shape)
            if name == "ndim":
                return IntValue(
                    Dim.of(owner.shape.rank) if owner.shape.rank is not None else UNKNOWN_DIM
                )
            return UNKNOWN
        if isinstance(owner, ShapeValue) and name == "rank":
            return IntValue(
                Dim.of(owner.shape.rank) if owner.shape.rank is not None else UNKNOWN_DIM
            )
        if isinstance(owner, Instance):
            attrs = self.instances.get(owner.ident, {})
            if any(name in self.classes[k].unstable for k in self.class_chain(owner.class_key)):
                return UNKNOWN
            if name in attrs:
                return attrs[name]
            found = self.class_lookup(owner.class_key, name)
            if isinstance(found, FunctionRef):
                return FunctionRef(found.key, owner)
            if (
                isinstance(found, Constant)
                and isinstance(found.value, tuple)
                and found.value[:1] == ("property",)
            ):
                return UNKNOWN
            if found is None and (name in FRAMEWORK_OBJECT_METHODS or name in MODEL_STEPS):
                return BoundMethod(owner, name)
            if found is None and name in MODULE_RUNS:
                if self.class_bases(owner.class_key) & MODULE_BASES:
                    return BoundMethod(owner, name)
            return found if found is not None else UNKNOWN
        if isinstance(owner, SuperRef):
            found = self.class_lookup(owner.instance.class_key, name, after=owner.class_key)
            if isinstance(found, FunctionRef):
                return FunctionRef(found.key, owner.instance)
            return UNKNOWN
        if isinstance(owner, ClassRef):
            found = self.class_lookup(owner.key, name)
            return found if isinstance(found, FunctionRef) else UNKNOWN
        if isinstance(owner, (TupleValue, ListOf)) and name in LIST_MUTATORS:
            return BoundMethod(owner, name)
        if isinstance(owner, Layer):
            if (
                name in ("add", "append", "extend", "insert", "pop")
                or (name in (*MODEL_RUNS, "compile") and owner.kind in layers.KERAS_MODELS)
                or (name in layers.METRIC_UPDATES and owner.kind in layers.METRIC_KINDS)
            ):
                return BoundMethod(owner, name)
            return layers.layer_attribute(owner, name)
        return UNKNOWN

    def eval_Subscript(self, node: cst.Subscript) -> Value:
        owner = self.eval(node.value)
        if isinstance(owner, ModuleRef):
            return UNKNOWN
        keys = [self.subscript_key(element.slice) for element in node.slice]
        if isinstance(owner, AtIndexer):
            return AtIndexer(owner.tensor, True) if not owner.indexed else UNKNOWN
        if isinstance(owner, Tensor):
            return self.index_tensor(node, owner, keys)
        if len(keys) != 1:
            return UNKNOWN
        key = keys[0]
        if isinstance(owner, ShapeValue):
            return index_shape(owner.shape, key)
        if isinstance(owner, TupleValue):
            return index_tuple(owner, key)
        if isinstance(owner, DictValue):
            found = owner.get(scalars.dict_key(key))
            return found if found is not None else UNKNOWN
        if isinstance(owner, ListOf):
            # a slice keeps the items' look but not the length
            return owner.item if isinstance(key, IntValue) else ListOf(owner.item)
        if (
            isinstance(owner, Layer)
            and owner.kind in ("sequential", "module_list")
            and isinstance(key, IntValue)
        ):
            items = layers.sequence_layers(owner) or layers.module_items(owner)
            index = key.dim.value
            if items is not None and index is not None and -len(items) <= index < len(items):
                return items[index]
        return UNKNOWN

    def subscript_key(self, element: cst.BaseSlice) -> Value:
        if isinstance(element, cst.Index):
            return self.eval(element.value)
        assert isinstance(element, cst.Slice)
        parts = [
            self.eval(p) if p is not None else Constant(None)
            for p in (element.lower, element.upper, element.step)
        ]
        return SliceValue(parts[0], parts[1], parts[2])

    def index_tensor(self, node: cst.CSTNode, tensor: Tensor, keys: list[Value]) -> Value:
        items: list[object] = []
        intent = False
        for key in keys:
            if isinstance(key, IntValue):
                items.append(key.dim.value if key.dim.value is not None else key.dim)
            elif isinstance(key, Constant) and key.value is None:
                items.append(None)
                intent = True
            elif isinstance(key, Constant) and key.value is Ellipsis:
                items.append(Ellipsis)
            elif isinstance(key, SliceValue):
                items.append(to_slice(key))
            elif (
                isinstance(key, TupleValue)
                and all(isinstance(i, IntValue) for i in key.items)
                and key.is_list
            ):
                items.append(indexing.ArrayIndex(Shape.of(len(key.items))))
            elif (
                isinstance(key, Tensor)
                and dtypes.index_kind(key.dtype, tensor.framework) == "gather"
                and key.shape.rank is not None
            ):
                items.append(indexing.ArrayIndex(key.shape))
            elif (
                isinstance(key, Tensor)
                and dtypes.index_kind(key.dtype, tensor.framework) == "mask"
                and key.shape.rank is not None
            ):
                items.append(indexing.BoolIndex(key.shape))
            elif (
                isinstance(key, Tensor)
                and key.shape.rank == 1
                and tensor.framework in ("numpy", "torch", "jax")
            ):
                # an index vector of ints or a boolean mask (its dtype is not followed):
                # either way one dim of a length not known here
                items.append(indexing.ArrayIndex(Shape((UNKNOWN_DIM,))))
            else:
                return tensor.with_shape(UNKNOWN_SHAPE, keep_lineage=False)
        try:
            shape = indexing.index(tensor.shape, items, clamped=tensor.framework == "jax")
        except ShapeError as error:
            self.emit(OpFailed(node, "[]", error.reason, (tensor.shape,)))
            return tensor.with_shape(UNKNOWN_SHAPE, keep_lineage=False)
        if (
            shape.rank == 0
            and tensor.framework in ("numpy", "unknown")
            and all(isinstance(key, IntValue) for key in keys)
        ):
            return UNKNOWN  # one element of a NumPy array: of its dtype, any object for `object`
        return tensor.with_shape(
            shape, intent=intent or tensor.intent, keep_lineage=False, keep_dtype=True
        )

    def eval_GeneratorExp(self, node: cst.GeneratorExp) -> Value:
        # a generator may be partly consumed before it is read, so its length is not kept
        found = self.comprehension(node.for_in, node.elt)
        return ListOf(found.item) if isinstance(found, ListOf) else found

    def eval_ListComp(self, node: cst.ListComp) -> Value:
        return self.comprehension(node.for_in, node.elt)

    def eval_SetComp(self, node: cst.SetComp) -> Value:
        self.comprehension(node.for_in, node.elt)
        return UNKNOWN

    def eval_DictComp(self, node: cst.DictComp) -> Value:
        return UNKNOWN

    def comprehension(self, for_in: cst.CompFor, element: cst.BaseExpression) -> Value:
        iterable = self.eval(for_in.iter)
        self.run_iterator(iterable, for_in.iter)
        comprehension_scope: dict[str, Value] = dict(self.scope) if len(self.scopes) > 1 else {}
        self.store.adopt(comprehension_scope)
        self.scopes.append(comprehension_scope)
        try:
            items = containers.known_items(iterable) if for_in.inner_for_in is None else None
            if items is not None and len(items) <= EXACT_COMPREHENSION:
                exact = self.exact_comprehension(for_in, element, items)
                if exact is not None:
                    return exact
            clause: cst.CompFor | None = for_in
            value_of_iter = iterable
            while clause is not None:
                self.assign_target(clause.target, iteration_value(value_of_iter))
                for condition in clause.ifs:
                    self.eval(condition.test)
                clause = clause.inner_for_in
                if clause is not None:
                    value_of_iter = self.eval(clause.iter)
            item = self.eval(element)
        finally:
            self.scopes.pop()
        if item is UNKNOWN:
            return UNKNOWN
        # one element per item when no filter drops any and no inner loop multiplies them
        simple = for_in.inner_for_in is None and not for_in.ifs
        return ListOf(item, containers.known_length(iterable) if simple else UNKNOWN_DIM)

    def exact_comprehension(
        self, clause: cst.CompFor, element: cst.BaseExpression, items: list[Value]
    ) -> Value | None:
        """One element per known item, in order; None when a filter's truth is not known."""
        results: list[Value] = []
        for item in items:
            self.assign_target(clause.target, item)
            verdicts = [truth(self.eval(condition.test)) for condition in clause.ifs]
            if None in verdicts:
                return None
            if all(verdicts):
                results.append(self.eval(element))
        return TupleValue(tuple(results), True)
